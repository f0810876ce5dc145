// IPP/1.1 message encoding (RFC 8010) for one read-only operation, Get-Printer-Attributes
// (RFC 8011 §4.2.5), and a strict decoder of the answer: every length is checked against the bytes
// left, no count the printer sends is trusted, and what is kept is capped (attributes, values,
// characters). Pure: no sockets (protocols/ipp.ts carries it over HTTP).

/** Operation id of Get-Printer-Attributes (RFC 8011 §5.4.15). */
export const GET_PRINTER_ATTRIBUTES = 0x000b;

/** What we ask a printer for: who made it, what it is, what firmware it runs. */
export const REQUESTED_ATTRIBUTES = [
  'printer-make-and-model', 'printer-info', 'printer-name', 'printer-firmware-name', 'printer-firmware-string-version',
  'printer-firmware-version', 'printer-device-id', 'printer-uuid',
] as const;

// Delimiter tags (RFC 8010 §3.5.1) and the value tags we read or write (§3.5.2).
const TAG_OPERATION = 0x01;
const TAG_END = 0x03;
const TAG_PRINTER = 0x04;
const TAG_EXTENSION = 0x7f;
const OCTET_STRING = 0x30;
const TEXT_WITH_LANGUAGE = 0x35;
const NAME_WITH_LANGUAGE = 0x36;
const TEXT = 0x41;
const NAME = 0x42;
const KEYWORD = 0x44;
const URI = 0x45;
const CHARSET = 0x47;
const NATURAL_LANGUAGE = 0x48;

/** Caps on what one answer may make us keep or walk. */
const MAX_ATTRIBUTES = 1024;
const MAX_VALUES_KEPT = 4;
const MAX_TEXT = 256;

function attribute(tag: number, name: string, value: string): Buffer {
  const n = Buffer.from(name, 'utf8');
  const v = Buffer.from(value, 'utf8');
  const head = Buffer.alloc(3);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(n.length, 1);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(v.length, 0);
  return Buffer.concat([head, n, length, v]);
}

/** A Get-Printer-Attributes request for `printerUri` (IPP/1.1: what every IPP printer accepts). */
export function getPrinterAttributesRequest(printerUri: string, requestId = 1): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(1, 0);
  header.writeUInt8(1, 1);
  header.writeUInt16BE(GET_PRINTER_ATTRIBUTES, 2);
  header.writeUInt32BE(requestId >>> 0, 4);
  const requested = REQUESTED_ATTRIBUTES.map((name, i) => attribute(KEYWORD, i === 0 ? 'requested-attributes' : '', name));
  return Buffer.concat([
    header,
    Buffer.from([TAG_OPERATION]),
    attribute(CHARSET, 'attributes-charset', 'utf-8'),
    attribute(NATURAL_LANGUAGE, 'attributes-natural-language', 'en'),
    attribute(URI, 'printer-uri', printerUri),
    attribute(NAME, 'requesting-user-name', 'mamori'),
    ...requested,
    Buffer.from([TAG_END]),
  ]);
}

export interface IppResponse {
  /** "1.1", "2.0"… as the printer wrote it. */
  version: string;
  /** status-code (RFC 8011 §B): 0x0000–0x00ff successful, 0x0400… client error, 0x0500… server error. */
  status: number;
  requestId: number;
  /** Printer attributes we asked for, each with at most MAX_VALUES_KEPT printable values. */
  printer: Record<string, string[]>;
  /** False when the message ended before its end-of-attributes tag (cut short, or the byte cap). */
  complete: boolean;
}

/**
 * Decodes an IPP response. Throws a plain Error when the bytes are not an IPP message (too short
 * for the header, version major not 1 or 2, a tag no IPP message starts a group with).
 */
export function decodeIppResponse(data: Buffer): IppResponse {
  if (data.length < 9) throw new Error('not an IPP message: shorter than its header');
  const major = data.readUInt8(0);
  const minor = data.readUInt8(1);
  if (major < 1 || major > 2 || minor > 9) throw new Error('not an IPP message: unknown version');
  const response: IppResponse = {
    version: `${major}.${minor}`, status: data.readUInt16BE(2), requestId: data.readUInt32BE(4), printer: {}, complete: false,
  };
  const wanted = new Set<string>(REQUESTED_ATTRIBUTES);
  let at = 8;
  let group = -1;
  let name = '';
  const first = data.readUInt8(at);
  if (first > 0x0f || first === 0x00) throw new Error('not an IPP message: no attribute group');
  for (let count = 0; count < MAX_ATTRIBUTES && at < data.length; count++) {
    const tag = data.readUInt8(at);
    if (tag === TAG_END) {
      response.complete = true;
      return response;
    }
    if (tag <= 0x0f) { // a delimiter: the next group begins
      group = tag;
      at += 1;
      continue;
    }
    // An extension tag's four-byte real tag is not read: nothing we ask for uses one.
    if (tag === TAG_EXTENSION || at + 3 > data.length) return response;
    const nameLength = data.readUInt16BE(at + 1);
    if (at + 3 + nameLength + 2 > data.length) return response;
    if (nameLength > 0) name = data.toString('utf8', at + 3, at + 3 + Math.min(nameLength, MAX_TEXT));
    const valueAt = at + 3 + nameLength;
    const valueLength = data.readUInt16BE(valueAt);
    const end = valueAt + 2 + valueLength;
    if (end > data.length) return response;
    if (group === TAG_PRINTER && wanted.has(name)) keep(response.printer, name, valueOf(tag, data.subarray(valueAt + 2, end)));
    at = end;
  }
  return response;
}

function keep(into: Record<string, string[]>, name: string, value: string | null): void {
  if (value === null || value === '') return;
  const values = (into[name] ??= []);
  if (values.length < MAX_VALUES_KEPT) values.push(value);
}

/** A string value as people may see it (printable, capped), or null for a type we do not show. */
function valueOf(tag: number, value: Buffer): string | null {
  let text: Buffer = value;
  if (tag === TEXT_WITH_LANGUAGE || tag === NAME_WITH_LANGUAGE) {
    // Two length-prefixed parts: the natural language, then the text (RFC 8010 §3.9).
    if (value.length < 2) return null;
    const languageLength = value.readUInt16BE(0);
    if (2 + languageLength + 2 > value.length) return null;
    const textLength = value.readUInt16BE(2 + languageLength);
    if (2 + languageLength + 2 + textLength > value.length) return null;
    text = value.subarray(4 + languageLength, 4 + languageLength + textLength);
  } else if (tag === OCTET_STRING) {
    // printer-firmware-version is an octetString: shown as text when it is text, else in hex.
    if (!/^[\x20-\x7e]*$/.test(value.toString('latin1'))) return value.subarray(0, MAX_TEXT / 2).toString('hex');
  } else if (tag < TEXT || tag > 0x49) {
    return null; // integers, enums, booleans, dates, collections: nothing we ask for
  }
  return printable(text.subarray(0, MAX_TEXT * 4).toString('utf8'));
}

function printable(text: string): string {
  // Control characters never reach a banner or a page.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\x00-\x1f\x7f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

/** The maker and model an IEEE 1284 device id names ("MFG:Brother;MDL:HL-L2350DW series;CMD:PCL;"). */
export function parseDeviceId(deviceId: string): { make: string | null; model: string | null } {
  const fields = new Map<string, string>();
  for (const part of deviceId.slice(0, 1024).split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) fields.set(part.slice(0, colon).trim().toUpperCase(), part.slice(colon + 1).trim());
  }
  const pick = (...keys: string[]): string | null => keys.map((k) => fields.get(k)).find((v) => v)?.slice(0, MAX_TEXT) ?? null;
  return { make: pick('MFG', 'MANUFACTURER'), model: pick('MDL', 'MODEL') };
}
