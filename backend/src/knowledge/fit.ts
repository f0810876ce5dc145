// Fix steps that fit the finding: a brand's steps are written per family, so a step about another
// service ("For an SSH finding…", "SNMP: …") is dropped on a Telnet finding; a support-site search
// term names this device's kind, not another's ("camera security settings" on a hub); and every
// placeholder Mamori knows is filled ([service], [external port], "model: [fill in]"). Pure and
// import-free at run time: the dashboard bundles this file, the report uses it too.
import type { DeviceType, FindingFamily } from '../core/types.js';

export type FitLanguage = 'en' | 'ja';

export interface FitContext {
  family: FindingFamily;
  service: string;
  port: number;
  deviceType: DeviceType;
  /** The device's model, when it said one (UPnP, mDNS…). */
  model: string | null;
  /** For a forwarded port: the port the router opened on the internet side. */
  externalPort: number | null;
}

// Services by the names people (and our texts) use; a service's group counts as the same service.
const SERVICE_WORDS: Record<string, RegExp> = {
  telnet: /\btelnet\b/i, ssh: /\bssh\b/i, ftp: /\bftp\b/i, http: /\bhttps?\b/i, rtsp: /\brtsps?\b/i,
  snmp: /\bsnmp(v[123]c?)?\b/i, mqtt: /\bmqtts?\b/i, smb: /\b(smb(v[123])?|samba)\b/i, vnc: /\bvnc\b/i, adb: /\badb\b/i,
  upnp: /\bupnp\b/i, rdp: /\brdp\b/i, coap: /\bcoap\b/i,
};
const GROUP: Record<string, string> = { https: 'http', mqtts: 'mqtt', rtsps: 'rtsp', 'upnp-igd': 'upnp', tls: 'http' };
// Encrypted replacements a step may recommend ("use SSH instead of Telnet").
const ALTERNATIVES: Record<string, string[]> = { telnet: ['ssh'], ftp: ['ssh'], http: [], mqtt: [], snmp: [], rtsp: ['http'] };

const groupOf = (service: string): string => GROUP[service] ?? service;

/** Services a text names, by group. */
export function servicesNamed(text: string): string[] {
  const words = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' '); // an address (https://support…) names no service
  return Object.entries(SERVICE_WORDS).filter(([, word]) => word.test(words)).map(([name]) => name);
}

/** The service a step is only about: "SNMP: …", "For an SSH finding, …", 「SSH の問題であれば…」. */
export function stepTopic(step: string): string | null {
  const head = /^\s*([A-Za-z][A-Za-z0-9/-]{1,12})\s*[:：]/.exec(step)?.[1]
    ?? /\bfor an? ([A-Za-z0-9-]+) finding\b/i.exec(step)?.[1]
    ?? /^\s*([A-Za-z0-9-]+) の(?:問題|場合)/.exec(step)?.[1];
  if (!head) return null;
  return servicesNamed(head)[0] ?? null;
}

/** True when the step speaks of another service than the finding's (and not of a replacement for it). */
export function namesAnotherService(step: string, service: string): boolean {
  const own = groupOf(service);
  const topic = stepTopic(step);
  if (topic) return topic !== own;
  const named = servicesNamed(step);
  if (named.length === 0 || named.includes(own)) return false;
  return named.some((s) => !(ALTERNATIVES[own] ?? []).includes(s));
}

const TYPE_WORDS: Record<FitLanguage, Partial<Record<DeviceType, string>>> = {
  en: { router: 'router', camera: 'camera', speaker: 'speaker', tv: 'TV', printer: 'printer', nas: 'NAS', plug: 'plug', light: 'light', hub: 'hub', thermostat: 'thermostat' },
  ja: { router: 'ルーター', camera: 'カメラ', speaker: 'スピーカー', tv: 'テレビ', printer: 'プリンター', nas: 'NAS', plug: 'スマートプラグ', light: '照明', hub: 'ハブ', thermostat: 'サーモスタット' },
};

/** In a quoted search term, another kind of device's word becomes this device's ("camera security settings" → "hub security settings"). */
function fitSearchTerms(step: string, type: DeviceType, lang: FitLanguage): string {
  const own = TYPE_WORDS[lang][type] ?? (lang === 'ja' ? '機器' : 'device');
  const others = Object.entries(TYPE_WORDS[lang]).filter(([t]) => t !== type).map(([, w]) => w);
  const swap = (term: string) => others.reduce((acc, word) =>
    acc.replace(lang === 'en' ? new RegExp(`\\b${word}\\b`, 'gi') : new RegExp(word, 'g'), own), term);
  return step.replace(/"([^"]{1,80})"/g, (_, term: string) => `"${swap(term)}"`).replace(/「([^」]{1,80})」/g, (_, term: string) => `「${swap(term)}」`);
}

const SERVICE_LABELS: Record<string, string> = {
  telnet: 'Telnet', ftp: 'FTP', http: 'HTTP', https: 'HTTPS', ssh: 'SSH', mqtt: 'MQTT', mqtts: 'MQTT (TLS)', rtsp: 'RTSP',
  snmp: 'SNMP', smb: 'SMB', vnc: 'VNC', adb: 'ADB', upnp: 'UPnP', 'upnp-igd': 'UPnP', coap: 'CoAP', rdp: 'RDP',
};
export const serviceLabel = (service: string): string => SERVICE_LABELS[service] ?? service.toUpperCase();

/** Fills what Mamori knows: the service (with its port), the external port, the model. */
export function fillPlaceholders(text: string, ctx: FitContext): string {
  const service = `${serviceLabel(ctx.service)} (${ctx.port}/${ctx.service === 'snmp' || ctx.service === 'coap' ? 'udp' : 'tcp'})`;
  let out = text.replace(/\[service\]/g, service).replace(/［サービス名］/g, service);
  if (ctx.externalPort !== null) out = out.replace(/\[external port\]/g, String(ctx.externalPort)).replace(/［外部ポート］/g, String(ctx.externalPort));
  // The model is this device's: not in a sentence about the provider's router, unless this is the router.
  if (ctx.model && (ctx.deviceType === 'router' || !/router|ルーター/i.test(out))) {
    out = out
      .replace(/Model and firmware version: \[fill in\]/g, `Model: ${ctx.model}, firmware version: [fill in]`)
      .replace(/(model: )\[fill in\]/gi, `$1${ctx.model}`)
      .replace(/型番とファームウェアのバージョン：［記入］/g, `型番：${ctx.model}、ファームウェアのバージョン：［記入］`)
      .replace(/型番：［記入］/g, `型番：${ctx.model}`);
  }
  return out;
}

/** Placeholders still in a text that Mamori could have filled (the test's and the review's check). */
export function unfilledKnown(text: string, ctx: FitContext): string[] {
  const left: string[] = [];
  if (/\[service\]|［サービス名］/.test(text)) left.push('[service]');
  if (ctx.externalPort !== null && /\[external port\]|［外部ポート］/.test(text)) left.push('[external port]');
  if (ctx.model && (ctx.deviceType === 'router' || !/router|ルーター/i.test(text)) && /model: \[fill in\]|Model and firmware version: \[fill in\]|型番：［記入］|型番とファームウェアのバージョン：［記入］/i.test(text)) left.push('model');
  return left;
}

/** The steps that fit this finding, filled in; never empty when some step was given (then all are kept, filled). */
export function fitSteps(steps: readonly string[], ctx: FitContext, lang: FitLanguage): string[] {
  const kept = steps.filter((s) => !namesAnotherService(s, ctx.service));
  return (kept.length > 0 ? kept : steps).map((s) => fillPlaceholders(fitSearchTerms(s, ctx.deviceType, lang), ctx));
}

/** The port the router opened on the internet side, as the UPnP evidence states it ("forwards TCP 198.51.100.1:8080"). */
export function externalPortOf(evidence: string): number | null {
  const m = /forwards (?:TCP|UDP) [^\s,]*:(\d{1,5})/i.exec(evidence);
  return m ? Number(m[1]) : null;
}
