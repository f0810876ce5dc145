// Smart plugs, switches and relays.
import type { Rule } from './types.js';

export const plugs: readonly Rule[] = [
  { when: { httpServer: /Tasmota/i }, type: 'plug', weight: 60, note: { en: 'Tasmota firmware', ja: 'Tasmota ファームウェア' } },
  { when: { httpTitle: /Tasmota|Shelly/i }, type: 'plug', weight: 60 },
  { when: { upnpModel: /Sonoff|Shelly|Wemo|HS1\d\d|Smart Plug/i }, type: 'plug', weight: 70, model: 'upnp' },
  { when: { upnpDeviceType: /urn:Belkin:device:(controllee|lightswitch|insight)/i }, type: 'plug', weight: 90, model: 'upnp' },
  { when: { mdns: '_shelly._tcp' }, type: 'plug', weight: 80 },
  { when: { vendor: /^(Shelly|Allterco|ITEAD)/i }, type: 'plug', weight: 60 },
  // Espressif makes the Wi-Fi chip of countless plugs, switches and bulbs: a hint, no more.
  { when: { vendor: /^Espressif/i }, type: 'plug', weight: 20, note: { en: 'Wi-Fi chip common in smart plugs', ja: 'スマートプラグによくある Wi-Fi チップ' } },
  { when: { name: /\b(plug|outlet|socket|switch)\b/i }, type: 'plug', weight: 50 },
];
