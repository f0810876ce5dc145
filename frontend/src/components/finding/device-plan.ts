// "What to do" as a plan: open problems grouped by device, each device's actions merged into one
// sentence ("change its password and switch off Telnet"), most dangerous device first. Pure;
// tested in test/frontend/device-plan.test.ts. Phrases are per family with a generic fallback,
// so a family added later still gets a sensible line.
import type { FindingFamily, Language, StoredDevice, StoredFinding } from '../../api/contract';
import { compareDanger, dangerLevel, type DangerLevel } from '../../../../backend/src/findings/danger';

export interface DeviceAction {
  deviceId: string;
  device: StoredDevice | null;
  /** The findings this action fixes, most dangerous first. */
  findings: StoredFinding[];
  /** The distinct things to do, in the reader's language, most dangerous first. */
  actions: string[];
  worst: DangerLevel;
}

// How people call a service (the protocol's usual spelling).
const SERVICE_NAMES: Record<string, string> = {
  telnet: 'Telnet', ftp: 'FTP', http: 'HTTP', https: 'HTTPS', ssh: 'SSH', mqtt: 'MQTT', mqtts: 'MQTT', rtsp: 'RTSP',
  snmp: 'SNMP', smb: 'SMB', vnc: 'VNC', adb: 'ADB', upnp: 'UPnP', tls: 'TLS', coap: 'CoAP', rdp: 'RDP',
};
export const serviceName = (service: string): string => SERVICE_NAMES[service] ?? service.toUpperCase();

type Phrase = Record<Language, (service: string) => string>;

const CLEARTEXT: Record<string, Phrase> = {
  http: { en: () => 'use HTTPS for its web page', ja: () => '管理画面を HTTPS で使う' },
  mqtt: { en: () => 'turn on encryption for MQTT', ja: () => 'MQTT の暗号化をオンにする' },
};
const PHRASES: Partial<Record<FindingFamily, Phrase>> = {
  'default-credentials': { en: () => 'change its password', ja: () => 'パスワードを変更する' },
  'anonymous-access': { en: (s) => `require a login for ${s}`, ja: (s) => `${s} にログインを必須にする` },
  'cleartext-service': { en: (s) => `switch off ${s}`, ja: (s) => `${s} をオフにする` },
  'tls-weakness': { en: () => 'update its encryption (TLS) settings', ja: () => '暗号化（TLS）の設定を新しくする' },
  'internet-exposure': { en: () => 'close the port opened to the internet', ja: () => 'インターネットに開いたポートを閉じる' },
  'outdated-protocol': { en: (s) => `switch off the old ${s} version`, ja: (s) => `古い ${s} をオフにする` },
  'known-vulnerability': { en: () => 'update its software', ja: () => 'ソフトウェアを更新する' },
  'outdated-software': { en: () => 'update its software', ja: () => 'ソフトウェアを更新する' },
};
const FALLBACK: Phrase = { en: (s) => `follow the fix steps for ${s}`, ja: (s) => `${s} の対処手順を行う` };

/** The short thing to do about one finding, in the reader's language. */
export function actionFor(finding: Pick<StoredFinding, 'family' | 'service'>, lang: Language): string {
  const phrase = (finding.family === 'cleartext-service' ? CLEARTEXT[finding.service] : undefined)
    ?? PHRASES[finding.family] ?? FALLBACK;
  return phrase[lang](serviceName(finding.service));
}

/** Open findings grouped by device, the device with the most dangerous problem first; at most `limit` devices. */
export function devicePlan(
  findings: readonly StoredFinding[], devices: readonly StoredDevice[], lang: Language, limit = 3,
): DeviceAction[] {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const groups = new Map<string, StoredFinding[]>();
  for (const f of findings) {
    if (f.status !== 'open') continue;
    groups.set(f.deviceId, [...(groups.get(f.deviceId) ?? []), f]);
  }
  const plan = [...groups.entries()].map(([deviceId, list]): DeviceAction => {
    const sorted = [...list].sort(compareDanger);
    return {
      deviceId,
      device: byId.get(deviceId) ?? null,
      findings: sorted,
      actions: [...new Set(sorted.map((f) => actionFor(f, lang)))],
      worst: dangerLevel(sorted[0]!),
    };
  });
  const total = (a: DeviceAction) => a.findings.reduce((sum, f) => sum + (f.risk?.score ?? 0), 0);
  plan.sort((a, b) => compareDanger(a.findings[0]!, b.findings[0]!) || b.findings.length - a.findings.length
    || total(b) - total(a) || a.deviceId.localeCompare(b.deviceId));
  return plan.slice(0, limit);
}
