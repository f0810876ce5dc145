// Thermostats, appliances, phones and computers.
import type { Rule } from './types.js';

export const home: readonly Rule[] = [
  { when: { vendor: /^(tado|ecobee|Nest Labs|Netatmo)/i }, type: 'thermostat', weight: 70 },
  { when: { name: /\b(thermostat|tado|ecobee)\b/i }, type: 'thermostat', weight: 50 },
  { when: { vendor: /^(iRobot|Dyson|Ariston Thermo|GD Midea|Daikin|BSH Hausger|Miele)/i }, type: 'appliance', weight: 60 },
  { when: { mdns: '_apple-mobdev2._tcp' }, type: 'phone', weight: 70, note: { en: 'iPhone/iPad sync', ja: 'iPhone/iPad の同期' } },
  { when: { mdns: '_device-info._tcp', txt: { key: 'model', match: /^(iPhone|iPad)/i } }, type: 'phone', weight: 90, model: { txt: ['model'] } },
  { when: { mdns: '_device-info._tcp', txt: { key: 'model', match: /^(Mac|iMac|MacBook)/i } }, type: 'computer', weight: 90, model: { txt: ['model'] } },
  { when: { mdns: '_workstation._tcp' }, type: 'computer', weight: 60 },
  { when: { mdns: '_rfb._tcp' }, type: 'computer', weight: 40, note: { en: 'screen sharing', ja: '画面共有' } },
  { when: { service: 'rdp' }, type: 'computer', weight: 70, note: { en: 'Windows remote desktop', ja: 'Windows リモートデスクトップ' } },
  { when: { netbios: 'workstation' }, type: 'computer', weight: 50, note: { en: 'Windows-style workstation name', ja: 'Windows 形式のコンピューター名' } },
  { when: { netbios: 'file-server' }, type: 'computer', weight: 30, note: { en: 'shares files (SMB)', ja: 'ファイル共有（SMB）' } },
  { when: { vendor: /^(Kano Computing|Dell|Lenovo|Micro-Star|Giga-Byte|ASRock|Intel Corporate|Raspberry Pi)/i }, type: 'computer', weight: 50 },
  { when: { name: /\b(desktop|laptop|pc|macbook|imac|workstation)\b|^desktop-/i }, type: 'computer', weight: 50 },
  { when: { name: /\b(iphone|ipad|android|galaxy|pixel)\b/i }, type: 'phone', weight: 60 },
];
