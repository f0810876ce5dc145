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
      const found = model && typeof model === 'object' ? model.txt.map((k) => s.txt[k]).find((v) => v) ?? null : null;
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
    return device.services.filter((s) => s.service === signal.service).map((s) => {
      const said = s.ipp?.makeAndModel ? ` ("${show(s.ipp.makeAndModel)}")` : '';
      const saidJa = s.ipp?.makeAndModel ? `（「${show(s.ipp.makeAndModel)}」）` : '';
      return {
        en: `open port ${s.port}/${s.transport} speaks ${s.service}${said}`, ja: `${s.port}/${s.transport} で ${s.service} が応答${saidJa}`,
        model: model === 'ipp' ? s.ipp?.makeAndModel ?? null : null,
      };
    });
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
  if ('all' in signal) {
    const parts = signal.all.map((part) => matchSignal(part, device)[0]);
    if (parts.some((part) => part === undefined)) return [];
    const found = parts as Match[];
    return [{ en: found.map((m) => m.en).join(' and '), ja: found.map((m) => m.ja).join('、'), model: null }];
  }
  if ('snmp' in signal) return snmpTextMatches(device, signal.snmp);
  if ('snmpEnterprise' in signal) {
    return snmpServices(device).flatMap((s) => {
      const number = enterpriseOf(s);
      return number !== null && signal.snmpEnterprise.includes(number)
        ? [{ en: `SNMP enterprise number ${number}`, ja: `SNMP の企業番号 ${number}`, model: null }] : [];
    }).slice(0, 1);
  }
  if ('ports' in signal) {
    const open = new Set(device.services.filter((s) => s.transport === 'tcp').map((s) => s.port));
    if (!signal.ports.every((p) => open.has(p))) return [];
    const list = signal.ports.join(' + ');
    return [{ en: `open ports ${list}`, ja: `ポート ${list} が開いている`, model: null }];
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

/** Every name the device goes by: host names, UPnP friendly names, TLS certificate subjects and DNS names. */
function namesOf(device: Readonly<Device>): string[] {
  const names = [...device.hostnames];
  for (const u of device.upnp) if (u.friendlyName) names.push(u.friendlyName);
  for (const s of device.services) {
    const certificate = s.tls?.certificate;
    const cn = certificate?.subject ? /CN=([^,/\n]+)/.exec(certificate.subject)?.[1] : undefined;
    if (cn) names.push(cn.trim());
    for (const alt of certificate?.altNames ?? []) if (alt.startsWith('DNS:')) names.push(alt.slice(4).trim());
  }
  return names;
}

const snmpServices = (device: Readonly<Device>): Device['services'] => device.services.filter((s) => s.transport === 'udp' && s.service === 'snmp');

/** sysDescr and sysName (when a community was accepted), else what the SNMPv3 engine told. */
function snmpTextMatches(device: Readonly<Device>, pattern: RegExp): Match[] {
  for (const s of snmpServices(device)) {
    const said = [s.snmp?.sysDescr, s.snmp?.sysName, s.banner].find((text) => text && pattern.test(text));
    if (said) return [{ en: `SNMP says "${show(said)}"`, ja: `SNMP の応答「${show(said)}」`, model: null }];
  }
  return [];
}

/** IANA enterprise number: sysObjectID 1.3.6.1.4.1.N…, or "(enterprise N)" from v3 engine discovery. */
function enterpriseOf(service: Device['services'][number]): number | null {
  const fromOid = service.snmp?.sysObjectID ? /^\.?1\.3\.6\.1\.4\.1\.(\d+)/.exec(service.snmp.sysObjectID)?.[1] : undefined;
  const fromEngine = service.banner ? /\(enterprise (\d+)\)/.exec(service.banner)?.[1] : undefined;
  const text = fromOid ?? fromEngine;
  return text === undefined ? null : Number(text);
}
