// Smart-home hubs and bridges.
import type { Rule } from './types.js';

export const hubs: readonly Rule[] = [
  { when: { service: 'mqtt' }, type: 'hub', weight: 60, note: { en: 'MQTT broker', ja: 'MQTT ブローカー' } },
  { when: { service: 'mqtts' }, type: 'hub', weight: 60, note: { en: 'MQTT broker', ja: 'MQTT ブローカー' } },
  { when: { mdns: '_mqtt._tcp' }, type: 'hub', weight: 60 },
  { when: { mdns: '_home-assistant._tcp' }, type: 'hub', weight: 90, note: { en: 'Home Assistant', ja: 'Home Assistant' } },
  { when: { mdns: '_homekit._tcp' }, type: 'hub', weight: 50, note: { en: 'HomeKit hub', ja: 'HomeKit ハブ' } },
  { when: { httpTitle: /Home Assistant|openHAB|Homey|Hubitat|SmartThings|ioBroker|Zigbee2MQTT/i }, type: 'hub', weight: 80 },
  { when: { name: /\b(hub|bridge|gateway)\b/i }, type: 'hub', weight: 50 },
  { when: { ports: [8123] }, type: 'hub', weight: 70, note: { en: 'Home Assistant web port', ja: 'Home Assistant の Web ポート' } },
];
