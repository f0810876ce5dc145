// UPnP Internet Gateway Device control, read only: which WANIPConnection / WANPPPConnection
// service a gateway's description names, and the SOAP actions that list its port mappings
// (GetGenericPortMappingEntry by index) and its external address. Answers go through the same
// bounded XML reader as descriptions (no DTD, no entities); every request has a deadline and a
// byte cap, and one socket per request, closed by httpRequest on every path.
import { httpRequest } from './http.js';
import { parseXml, type XmlElement } from './upnp.js';

/** A SOAP answer is a few hundred bytes; a mapping list entry well under 4 kB. */
export const MAX_SOAP_BYTES = 16 * 1024;
/** GetGenericPortMappingEntry walks an index: never more than this many, whatever the gateway says. */
export const MAX_MAPPINGS = 32;
/** UPnP error 713 SpecifiedArrayIndexInvalid: the end of the mapping list. */
export const END_OF_LIST = 713;
const MAX_TEXT = 256;

const CONNECTION_SERVICE = /^urn:schemas-upnp-org:service:(WANIPConnection|WANPPPConnection):[12]$/;

export interface ConnectionService {
  serviceType: string;
  controlUrl: URL;
}

export interface PortMapping {
  remoteHost: string;
  externalPort: number;
  protocol: 'TCP' | 'UDP';
  internalPort: number;
  internalClient: string;
  enabled: boolean;
  description: string;
  leaseDuration: number;
}

export type SoapAnswer =
  | { ok: true; values: Record<string, string> }
  | { ok: false; code: number | null; description: string };

/** Sends one SOAP action; tests and the check pass a recording one to prove where requests go. */
export type SoapSender = (control: ConnectionService, action: string, args: Record<string, string>) => Promise<SoapAnswer>;

function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

const child = (element: XmlElement, name: string): XmlElement | undefined => element.children.find((c) => c.name === name);
const text = (element: XmlElement | undefined): string => (element?.text ?? '').replace(/\p{Cc}/gu, ' ').trim().slice(0, MAX_TEXT);

/**
 * The connection services of a device description, their control URLs resolved against URLBase
 * or the description's own URL. Whether a URL may be contacted is the caller's decision.
 */
export function connectionServices(xml: string, descriptionUrl: URL): { ok: true; services: ConnectionService[] } | { ok: false; reason: string } {
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  if (parsed.root.name !== 'root') return { ok: false, reason: `root element is <${parsed.root.name}>, not <root>` };
  let base = descriptionUrl;
  const urlBase = text(child(parsed.root, 'URLBase'));
  if (urlBase) {
    try { base = new URL(urlBase); } catch { return { ok: false, reason: 'URLBase is not a URL' }; }
  }
  const services: ConnectionService[] = [];
  for (const element of walk(parsed.root)) {
    if (element.name !== 'service') continue;
    const serviceType = text(child(element, 'serviceType'));
    const control = text(child(element, 'controlURL'));
    if (!CONNECTION_SERVICE.test(serviceType) || !control) continue;
    try {
      services.push({ serviceType, controlUrl: new URL(control, base) });
    } catch {
      continue; // a control URL that does not parse is skipped, not fatal
    }
  }
  return { ok: true, services };
}

const escapeXml = (value: string): string => value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function soapEnvelope(serviceType: string, action: string, args: Record<string, string>): string {
  const body = Object.entries(args).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
  return '<?xml version="1.0"?>\r\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">'
    + `<s:Body><u:${action} xmlns:u="${escapeXml(serviceType)}">${body}</u:${action}></s:Body></s:Envelope>\r\n`;
}

/** Reads a SOAP answer: the action's out-arguments, or the UPnPError of a fault. Throws on anything else. */
export function parseSoapAnswer(status: number, xml: string, action: string): SoapAnswer {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`SOAP answer refused: ${parsed.reason}`);
  const body = parsed.root.name === 'Envelope' ? child(parsed.root, 'Body') : undefined;
  if (!body) throw new Error('SOAP answer has no Envelope/Body');
  const fault = child(body, 'Fault');
  if (fault) {
    const error = [...walk(fault)].find((e) => e.name === 'UPnPError');
    const code = error ? Number.parseInt(text(child(error, 'errorCode')), 10) : Number.NaN;
    return { ok: false, code: Number.isInteger(code) ? code : null, description: text(error ? child(error, 'errorDescription') : child(fault, 'faultstring')) };
  }
  if (status !== 200) throw new Error(`HTTP ${status} without a SOAP fault`);
  const answer = child(body, `${action}Response`);
  if (!answer) throw new Error(`SOAP answer has no ${action}Response`);
  return { ok: true, values: Object.fromEntries(answer.children.map((c) => [c.name, text(c)])) };
}

export interface SoapOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

/** POSTs one action to an http control URL (its host an IP literal the caller checked). */
export async function sendSoapAction(control: ConnectionService, action: string, args: Record<string, string>, options: SoapOptions): Promise<SoapAnswer> {
  const url = control.controlUrl;
  if (url.protocol !== 'http:') throw new Error(`unsupported control URL scheme ${url.protocol}`);
  const maxBytes = options.maxBytes ?? MAX_SOAP_BYTES;
  const response = await httpRequest({
    host: url.hostname, port: Number(url.port) || 80, method: 'POST', path: `${url.pathname}${url.search}`,
    headers: { 'Content-Type': 'text/xml; charset="utf-8"', SOAPAction: `"${control.serviceType}#${action}"` },
    body: soapEnvelope(control.serviceType, action, args),
    timeoutMs: options.timeoutMs, maxBytes: maxBytes + 1024, signal: options.signal,
  });
  if (response.truncated || Buffer.byteLength(response.body) > maxBytes) throw new Error(`SOAP answer larger than ${maxBytes} bytes: not parsed`);
  return parseSoapAnswer(response.status, response.body, action);
}

function toMapping(values: Record<string, string>): PortMapping | null {
  const externalPort = Number(values['NewExternalPort']);
  const internalPort = Number(values['NewInternalPort']);
  const protocol = (values['NewProtocol'] ?? '').toUpperCase();
  const valid = (port: number): boolean => Number.isInteger(port) && port > 0 && port < 65536;
  if (!valid(externalPort) || !valid(internalPort) || (protocol !== 'TCP' && protocol !== 'UDP')) return null;
  return {
    remoteHost: values['NewRemoteHost'] ?? '',
    externalPort,
    protocol,
    internalPort,
    internalClient: values['NewInternalClient'] ?? '',
    enabled: values['NewEnabled'] !== '0',
    description: values['NewPortMappingDescription'] ?? '',
    leaseDuration: Number(values['NewLeaseDuration']) || 0,
  };
}

export interface MappingList {
  mappings: PortMapping[];
  /** Why the walk stopped: the 713 fault (the whole list), the cap, or another fault / a bad entry. */
  end: 'end-of-list' | 'cap' | 'fault' | 'malformed';
  /** The fault that stopped it, when one did (606 Action not authorized = listing needs a login). */
  fault: { code: number | null; description: string } | null;
}

/** GetGenericPortMappingEntry for index 0, 1, … until 713, another fault, or MAX_MAPPINGS. */
export async function listPortMappings(control: ConnectionService, send: SoapSender, max = MAX_MAPPINGS): Promise<MappingList> {
  const mappings: PortMapping[] = [];
  for (let index = 0; index < max; index++) {
    const answer = await send(control, 'GetGenericPortMappingEntry', { NewPortMappingIndex: String(index) });
    if (!answer.ok) {
      const fault = { code: answer.code, description: answer.description };
      return { mappings, end: answer.code === END_OF_LIST ? 'end-of-list' : 'fault', fault: answer.code === END_OF_LIST ? null : fault };
    }
    const mapping = toMapping(answer.values);
    if (!mapping) return { mappings, end: 'malformed', fault: null };
    mappings.push(mapping);
  }
  return { mappings, end: 'cap', fault: null };
}

/** GetExternalIPAddress: the gateway's internet address, or null when it will not say. */
export async function externalAddress(control: ConnectionService, send: SoapSender): Promise<string | null> {
  const answer = await send(control, 'GetExternalIPAddress', {});
  const address = answer.ok ? answer.values['NewExternalIPAddress'] ?? '' : '';
  return /^[0-9a-f.:]{2,45}$/i.test(address) ? address : null;
}
