// UPnP device descriptions: fetched with a deadline and a byte cap, parsed by a small XML reader
// that refuses what makes XML dangerous — no DTD (so no entity can be declared, let alone expanded:
// billion laughs, external entities), a bounded depth and element count, and only the five
// predefined entities plus character references decoded.
import type { UpnpInfo } from '../core/types.js';
import { httpRequest } from './http.js';

export const MAX_DESCRIPTION_BYTES = 256 * 1024;
const MAX_DEPTH = 32;
const MAX_ELEMENTS = 5000;
const MAX_FIELD = 256;

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

export type XmlParse = { ok: true; root: XmlElement } | { ok: false; reason: string };

/** A tolerant, bounded XML reader: enough for device descriptions, never an entity expander. */
export function parseXml(xml: string): XmlParse {
  if (xml.length > MAX_DESCRIPTION_BYTES) return { ok: false, reason: `document larger than ${MAX_DESCRIPTION_BYTES} bytes` };
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { ok: false, reason: 'document declares a DTD or entities: refused' };
  const top: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [top];
  let count = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const current = stack.at(-1)!;
    if (lt === -1) { current.text += decodeEntities(xml.slice(i)); break; }
    if (lt > i) current.text += decodeEntities(xml.slice(i, lt));
    if (xml.startsWith('<!--', lt)) { i = skipPast(xml, lt, '-->'); continue; }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end === -1) return { ok: false, reason: 'unterminated CDATA section' };
      current.text += xml.slice(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) { i = skipPast(xml, lt, '>'); continue; }
    const gt = xml.indexOf('>', lt);
    if (gt === -1) return { ok: false, reason: 'unterminated tag' };
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = localName(tag.slice(1).trim());
      // Tolerant: close up to the matching element, ignore a stray end tag.
      const at = stack.findLastIndex((e) => e.name === name);
      if (at > 0) stack.length = at;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const name = localName((selfClosing ? tag.slice(0, -1) : tag).trim().split(/\s/, 1)[0] ?? '');
    if (name === '') return { ok: false, reason: 'empty tag name' };
    if (++count > MAX_ELEMENTS) return { ok: false, reason: `more than ${MAX_ELEMENTS} elements` };
    const element: XmlElement = { name, children: [], text: '' };
    current.children.push(element);
    if (!selfClosing) {
      if (stack.length > MAX_DEPTH) return { ok: false, reason: `nested deeper than ${MAX_DEPTH} elements` };
      stack.push(element);
    }
  }
  const root = top.children[0];
  return root ? { ok: true, root } : { ok: false, reason: 'no root element' };
}

function skipPast(xml: string, from: number, end: string): number {
  const at = xml.indexOf(end, from);
  return at === -1 ? xml.length : at + end.length;
}

/** "s:deviceType" → "deviceType": descriptions mix default and prefixed namespaces. */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,4});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole; // an undeclared entity stays literal text
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export type DescriptionParse = { ok: true; info: Omit<UpnpInfo, 'location'> } | { ok: false; reason: string };

/** The root device's identity from a UPnP device description (UDA 1.x/2.0). */
export function parseDeviceDescription(xml: string): DescriptionParse {
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  if (parsed.root.name !== 'root') return { ok: false, reason: `root element is <${parsed.root.name}>, not <root>` };
  const device = parsed.root.children.find((c) => c.name === 'device');
  if (!device) return { ok: false, reason: 'no <device> element' };
  const field = (name: string): string | null => {
    const value = device.children.find((c) => c.name === name)?.text.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim();
    return value ? value.slice(0, MAX_FIELD) : null;
  };
  return {
    ok: true,
    info: {
      deviceType: field('deviceType'),
      manufacturer: field('manufacturer'),
      modelName: field('modelName'),
      modelNumber: field('modelNumber'),
      friendlyName: field('friendlyName'),
      udn: field('UDN'),
    },
  };
}

export interface FetchOptions {
  timeoutMs: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

/**
 * GET a description URL (http or https, host an IP literal). The caller has checked that the
 * host is in scope. Rejects on a non-200 answer or a body over the cap (never parsed truncated).
 */
export async function fetchDescription(url: URL, options: FetchOptions): Promise<string> {
  const tls = url.protocol === 'https:';
  if (!tls && url.protocol !== 'http:') throw new Error(`unsupported scheme ${url.protocol}`);
  const maxBytes = options.maxBytes ?? MAX_DESCRIPTION_BYTES;
  const response = await httpRequest({
    host: url.hostname, port: Number(url.port) || (tls ? 443 : 80), tls, path: `${url.pathname}${url.search}`,
    timeoutMs: options.timeoutMs, maxBytes: maxBytes + 16 * 1024, signal: options.signal,
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  if (response.truncated || Buffer.byteLength(response.body) > maxBytes) throw new Error(`description larger than ${maxBytes} bytes: not parsed`);
  return response.body;
}
