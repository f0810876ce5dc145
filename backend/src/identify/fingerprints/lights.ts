// Lights and lighting bridges.
import type { Rule } from './types.js';

export const lights: readonly Rule[] = [
  { when: { mdns: '_hue._tcp' }, type: 'light', weight: 90, note: { en: 'Philips Hue bridge', ja: 'Philips Hue ブリッジ' } },
  { when: { upnpModel: /Philips hue/i }, type: 'light', weight: 80, model: 'upnp' },
  { when: { upnpDeviceType: /:device:(DimmableLight|BinaryLight):\d/ }, type: 'light', weight: 80, model: 'upnp' },
  { when: { mdns: '_lifx._tcp' }, type: 'light', weight: 90 },
  { when: { mdns: '_nanoleafapi._tcp' }, type: 'light', weight: 90 },
  { when: { httpTitle: /Philips hue|WLED/i }, type: 'light', weight: 70 },
  { when: { vendor: /^(Philips Lighting|Signify|LIFX|Nanoleaf)/i }, type: 'light', weight: 70 },
  { when: { name: /\b(light|lamp|bulb|hue)\b/i }, type: 'light', weight: 50 },
];
