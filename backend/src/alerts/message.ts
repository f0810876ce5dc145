// What an alert says: one message per scan listing what changed, in the owner's language, and the
// same content as JSON for webhooks. Finding titles come from the knowledge base (en + ja).
import type { StoredDevice, StoredFinding } from '../core/records.js';
import { dangerLevel, type DangerLevel } from '../findings/danger.js';
import { englishDisplayName } from '../identify/display-name.js';
import { knowledgeFor } from '../knowledge/index.js';
import type { SiteIdentity } from '../core/site.js';

export type AlertLanguage = 'en' | 'ja';
export type AlertEvent = 'new-device' | 'new-finding' | 'returning-weakness';

export interface AlertItem {
  event: AlertEvent;
  deviceId: string;
  ip: string;
  mac: string | null;
  /** The device's display name (identify/display-name.ts), when the item is about a device. */
  name: string | null;
  finding: { key: string; title: string; severity: string; service: string; port: number } | null;
}

export interface AlertMessage {
  source: 'mamori';
  kind: 'changes' | 'test' | 'box';
  /** For kind 'box': what happened to the box itself (alerts/box-message.ts). */
  event?: string;
  scanId: string | null;
  sentAt: string;
  language: AlertLanguage;
  title: string;
  text: string;
  items: AlertItem[];
  /** Added: the site (installation) the alert is about, set by the service (alerts/service.ts). */
  site?: SiteIdentity;
}

const TEXT = {
  en: {
    title: (n: number) => `Mamori: ${n} change${n === 1 ? '' : 's'} on your network`,
    testTitle: 'Mamori: test alert',
    testText: 'This is a test. Alerts from Mamori will arrive here.',
    'new-device': 'New device',
    'new-finding': 'New weakness',
    'returning-weakness': 'Weakness is back',
    more: (n: number) => `…and ${n} more`,
    levels: { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' } satisfies Record<DangerLevel, string>,
  },
  ja: {
    title: (n: number) => `Mamori：ネットワークに ${n} 件の変化があります`,
    testTitle: 'Mamori：テスト通知',
    testText: 'これはテストです。Mamori からの通知はここに届きます。',
    'new-device': '新しい機器',
    'new-finding': '新しい問題',
    'returning-weakness': '解決済みの問題が再発',
    more: (n: number) => `ほか ${n} 件`,
    levels: { critical: '緊急', high: '高', medium: '中', low: '低', info: '情報' } satisfies Record<DangerLevel, string>,
  },
} as const;

/** Lines in a text message; the JSON carries every item. */
const MAX_LINES = 20;

export function deviceItem(device: StoredDevice): AlertItem {
  return { event: 'new-device', deviceId: device.id, ip: device.ip, mac: device.mac, name: device.correction?.name ?? englishDisplayName(device), finding: null };
}

export function findingItem(event: 'new-finding' | 'returning-weakness', finding: StoredFinding, language: AlertLanguage): AlertItem {
  const title = knowledgeFor(finding.family, finding.service)?.title[language] ?? finding.title;
  return {
    event, deviceId: finding.deviceId, ip: finding.ip, mac: finding.mac, name: null,
    finding: { key: finding.key, title, severity: dangerLevel(finding), service: finding.service, port: finding.port },
  };
}

export function changesMessage(items: AlertItem[], scanId: string, language: AlertLanguage, now: Date): AlertMessage {
  const t = TEXT[language];
  const lines = items.slice(0, MAX_LINES).map((item) => {
    const where = `${item.ip}${item.name ? ` (${item.name})` : ''}`;
    return item.finding
      ? `${t[item.event]}: ${item.finding.title} — ${where}:${item.finding.port} [${t.levels[item.finding.severity as DangerLevel] ?? item.finding.severity}]`
      : `${t[item.event]}: ${where}${item.mac ? ` ${item.mac}` : ''}`;
  });
  if (items.length > MAX_LINES) lines.push(t.more(items.length - MAX_LINES));
  return { source: 'mamori', kind: 'changes', scanId, sentAt: now.toISOString(), language, title: t.title(items.length), text: lines.join('\n'), items };
}

export function testMessage(language: AlertLanguage, now: Date): AlertMessage {
  const t = TEXT[language];
  return { source: 'mamori', kind: 'test', scanId: null, sentAt: now.toISOString(), language, title: t.testTitle, text: t.testText, items: [] };
}
