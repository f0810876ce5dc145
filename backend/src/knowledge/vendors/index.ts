// Vendor-specific fix steps, one file per brand. A device's brand is recognised from its IEEE
// vendor name (or, when the MAC is randomized, a UPnP manufacturer string that names the brand).
import type { FindingFamily } from '../../core/types.js';
import type { VendorFix, VendorGuide } from '../types.js';
import { amazon } from './amazon.js';
import { asus } from './asus.js';
import { buffalo } from './buffalo.js';
import { dahua } from './dahua.js';
import { elecom } from './elecom.js';
import { espressifPlugs } from './espressif-plugs.js';
import { google } from './google.js';
import { hikvision } from './hikvision.js';
import { ioData } from './io-data.js';
import { necAterm } from './nec-aterm.js';
import { netgear } from './netgear.js';
import { panasonic } from './panasonic.js';
import { philipsHue } from './philips-hue.js';
import { qnap } from './qnap.js';
import { synology } from './synology.js';
import { tpLink } from './tp-link.js';
import { xiaomi } from './xiaomi.js';

export const VENDOR_GUIDES: readonly VendorGuide[] = [
  buffalo, necAterm, ioData, elecom, tpLink, asus, netgear, hikvision, dahua, panasonic,
  synology, qnap, google, amazon, philipsHue, xiaomi, espressifPlugs,
];

export interface BrandHints {
  vendor: string | null;
  upnp?: readonly { manufacturer: string | null }[];
}

/** The brand guide for a device, from its IEEE vendor name first, then its UPnP manufacturer. */
export function vendorGuideFor(device: BrandHints): VendorGuide | null {
  const names = [device.vendor, ...(device.upnp ?? []).map((u) => u.manufacturer)];
  for (const name of names) {
    if (!name) continue;
    const guide = VENDOR_GUIDES.find((g) => g.ieeeVendor.test(name.trim()));
    if (guide) return guide;
  }
  return null;
}

/** The brand's steps for a family × service: a fix naming the service wins over a family-wide one. */
export function vendorFixFor(guide: VendorGuide, family: FindingFamily, service: string): VendorFix | null {
  const ofFamily = guide.fixes.filter((f) => f.family === family);
  return ofFamily.find((f) => f.services?.includes(service)) ?? ofFamily.find((f) => !f.services) ?? null;
}
