// Reads one rule's signal against a device: what it found, said in plain words (English and
// Japanese), and the model name it carries when the rule says where to find one.
import type { Device } from '../core/types.js';
import type { ModelSource, Signal } from './fingerprints/types.js';

export interface Match {
  en: string;
  ja: string;
  model: string | null;
}

const MAX_SHOWN = 80;
const show = (text: string): string => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

export function matchSignal(signal: Signal, device: Readonly<Device>, model?: ModelSource): Match[] {
  const upnpModel = (u: Device['upnp'][number]): string | null => [u.manufacturer, u.modelName].filter(Boolean).join(' ') || null;
  if ('mdns' in signal) {
    return device.mdns.filter((s) => s.type.toLowerCase() === signal.mdns.toLowerCase()).flatMap((s) => {
      const txt = signal.txt;
      const value = txt ? s.txt[txt.key.toLowerCase()] : undefined;
      if (txt && (value === undefined || (txt.match && !txt.match.test(value)))) return [];
      const shown = txt ? `${s.type} (${txt.key}=${show(value ?? '')})` : s.type;
      const found = model && model !== 'upnp' ? model.txt.map((k) => s.txt[k]).find((v) => v) ?? null : null;
      return [{ en: `advertises ${shown}`, ja: `${shown} を告知`, model: found }];
    });
  }
  if ('upnpDeviceType' in signal) {
    return device.upnp.filter((u) => u.deviceType && signal.upnpDeviceType.test(u.deviceType))
      .map((u) => ({ en: `UPnP deviceType ${u.deviceType}`, ja: `UPnP の deviceType が ${u.deviceType}`, model: model === 'upnp' ? upnpModelName(u) : null }));
  }
  if ('upnpModel' in signal) {
    return device.upnp.filter((u) => { const m = [upnpModel(u), u.modelNumber].filter(Boolean).join(' '); return m !== '' && signal.upnpModel.test(m); })
      .map((u) => ({ en: `UPnP model ${show(upnpModel(u) ?? '')}`, ja: `UPnP のモデル ${show(upnpModel(u) ?? '')}`, model: model === 'upnp' ? upnpModelName(u) : null }));
  }
  if ('vendor' in signal) {
    return device.vendor && signal.vendor.test(device.vendor)
      ? [{ en: `IEEE vendor ${device.vendor}`, ja: `IEEE 登録メーカー ${device.vendor}`, model: null }] : [];
  }
  if ('service' in signal) {
    return device.services.filter((s) => s.service === signal.service)
      .map((s) => ({ en: `open port ${s.port}/${s.transport} speaks ${s.service}`, ja: `${s.port}/${s.transport} で ${s.service} が応答`, model: null }));
  }
  if ('httpTitle' in signal) return httpMatches(device, (h) => h.title, signal.httpTitle, 'web page title', 'Web ページのタイトル');
  if ('httpServer' in signal) return httpMatches(device, (h) => h.server, signal.httpServer, 'web server', 'Web サーバー');
  if ('httpRealm' in signal) return httpMatches(device, (h) => h.realm, signal.httpRealm, 'login realm', 'ログインの realm');
  if ('banner' in signal) {
    return device.services.filter((s) => s.banner && signal.banner.test(s.banner))
      .map((s) => ({ en: `${s.service} banner "${show(s.banner!)}"`, ja: `${s.service} のバナー「${show(s.banner!)}」`, model: null }));
  }
  if ('netbios' in signal) {
    const names = device.netbios?.names ?? [];
    const suffix = signal.netbios === 'workstation' ? '<00>' : '<20>';
    const name = device.netbios?.name;
    return name && names.includes(`${name}${suffix}`)
      ? [{ en: `NetBIOS name ${name}${suffix}`, ja: `NetBIOS 名 ${name}${suffix}`, model: null }] : [];
  }
  return namesOf(device).filter((n) => signal.name.test(n)).slice(0, 1)
    .map((n) => ({ en: `name "${show(n)}"`, ja: `名前「${show(n)}」`, model: null }));
}

function upnpModelName(u: Device['upnp'][number]): string | null {
  return u.modelName ?? u.modelNumber ?? null;
}

function httpMatches(device: Readonly<Device>, pick: (h: NonNullable<Device['services'][number]['http']>) => string | null,
  pattern: RegExp, en: string, ja: string): Match[] {
  return device.services.flatMap((s) => {
    const value = s.http ? pick(s.http) : null;
    return value && pattern.test(value) ? [{ en: `${en} "${show(value)}" on port ${s.port}`, ja: `${s.port} 番の${ja}「${show(value)}」`, model: null }] : [];
  });
}

/** Every name the device goes by: host names, UPnP friendly names, TLS certificate subjects. */
function namesOf(device: Readonly<Device>): string[] {
  const names = [...device.hostnames];
  for (const u of device.upnp) if (u.friendlyName) names.push(u.friendlyName);
  for (const s of device.services) {
    const subject = s.tls?.certificate?.subject;
    const cn = subject ? /CN=([^,/\n]+)/.exec(subject)?.[1] : undefined;
    if (cn) names.push(cn.trim());
  }
  return names;
}
