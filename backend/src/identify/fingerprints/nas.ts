// Network storage.
import type { Rule } from './types.js';

export const nas: readonly Rule[] = [
  { when: { vendor: /^(Synology|QNAP|TerraMaster|ASUSTOR|Drobo)/i }, type: 'nas', weight: 80 },
  { when: { mdns: '_http._tcp', txt: { key: 'vendor', match: /Synology|QNAP/i } }, type: 'nas', weight: 90, model: { txt: ['model'] } },
  { when: { mdns: '_afpovertcp._tcp' }, type: 'nas', weight: 30, note: { en: 'Apple file sharing', ja: 'Apple のファイル共有' } },
  { when: { mdns: '_smb._tcp' }, type: 'nas', weight: 30, note: { en: 'Windows file sharing', ja: 'Windows のファイル共有' } },
  { when: { upnpDeviceType: /:device:MediaServer:\d/ }, type: 'nas', weight: 40, model: 'upnp', note: { en: 'media server', ja: 'メディアサーバー' } },
  { when: { httpTitle: /Synology|DiskStation|QNAP|TerraMaster|ReadyNAS|My Cloud/i }, type: 'nas', weight: 80 },
  { when: { banner: /DiskStation|Synology|QNAP|NAS/ }, type: 'nas', weight: 60 },
  { when: { name: /\b(nas|diskstation|storage)\b/i }, type: 'nas', weight: 50 },
  { when: { snmp: /synology|DiskStation|QNAP|ReadyNAS|TerraMaster|ASUSTOR/i }, type: 'nas', weight: 80 },
  { when: { snmpEnterprise: [6574, 24681] }, type: 'nas', weight: 80, note: { en: 'Synology or QNAP', ja: 'Synology または QNAP' } },
  { when: { ports: [5000, 5001] }, type: 'nas', weight: 60, note: { en: 'Synology DSM web ports (HTTP and HTTPS)', ja: 'Synology DSM の Web ポート（HTTP と HTTPS）' } },
  { when: { name: /\b(synology|qnap)\b/i }, type: 'nas', weight: 60 },
  { when: { all: [{ service: 'smb' }, { vendor: /^(BUFFALO|Western Digital|Seagate|LaCie|I-O DATA|Synology|QNAP|ASUSTOR|TerraMaster)/i }] }, type: 'nas', weight: 80,
    note: { en: 'file sharing on a storage maker\'s device', ja: 'ストレージメーカーの機器でのファイル共有' } },
  { when: { name: /\b(linkstation|terastation|mycloud|landisk|readynas)\b/i }, type: 'nas', weight: 60 },
];
