// One name per device, the same on every screen, in the report and in alerts. The owner's name
// wins; then the names the device gives itself; then "<Brand> <type>"; the bare IP only when
// nothing better is known. Pure and import-free at run time: the dashboard bundles this file.
import type { Device, DeviceType } from '../core/types.js';
import { shortBrand } from './brands.js';

export type NameSource =
  | 'owner' | 'upnp' | 'mdns' | 'snmp' | 'banner' | 'certificate' | 'netbios' | 'hostname' | 'brand-type' | 'ip';

export interface DeviceNaming {
  /** The device's own name, or null when only brand + type (or the IP) can be said. */
  ownName: string | null;
  source: NameSource;
  /** Short brand ("Hikvision"), or null when the maker is not known. */
  brand: string | null;
  type: DeviceType;
}

type NamedDevice = Pick<Device, 'ip' | 'vendor' | 'hostnames' | 'type' | 'mdns' | 'upnp' | 'services'>
  & Partial<Pick<Device, 'netbios'>> & { correction?: { name: string | null } | undefined };

// Names that say nothing about which device this is.
const GENERIC = /^(localhost|ipc|ipcam|camera|device|router|gateway|admin|default|unknown|none|null|web|www|server|host|ubuntu|debian|raspberrypi|openwrt|busybox|please|user|username|login|password)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Trims domain suffixes, an IP in brackets, and refuses generic, machine-made or overlong names. */
export function cleanName(raw: string | null | undefined, ip?: string): string | null {
  if (!raw) return null;
  // Control characters (device input) are dropped: they are no part of a name.
  let name = [...raw].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('').trim();
  name = name.replace(/\s*[([]\s*\d{1,3}(\.\d{1,3}){3}\s*[)\]]\s*$/, ''); // "Philips hue (10.77.0.43)"
  name = name.replace(/\.(local|lan|home|home\.arpa|localdomain|fritz\.box)\.?$/i, '');
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(name) && !IPV4.test(name)) name = name.split('.')[0]!; // host.example.net
  if (!name || name.length > 63 || name === ip || IPV4.test(name) || /^[0-9a-f]*:[0-9a-f:.%]*$/i.test(name)) return null;
  if (GENERIC.test(name)) return null;
  // uuid-like or hex serials ("5f2c1a8e-…", "a4143777001a") are no names for people.
  if (/^[0-9a-f-]{12,}$/i.test(name) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(name)) return null;
  return name;
}

/** "cam-frontdoor" from a telnet/FTP greeting ("cam-frontdoor login:"). */
function bannerHost(banner: string | null): string | null {
  const m = banner?.match(/(?:^|\s)([A-Za-z0-9][A-Za-z0-9._-]{0,62}) login:/);
  return m?.[1] ?? null;
}

/** CN and DNS alt names of a certificate ("CN=secure-hub.local" → "secure-hub"). */
function certificateHosts(service: Device['services'][number]): string[] {
  const cert = service.tls?.certificate;
  if (!cert) return [];
  const cn = cert.subject?.match(/(?:^|,\s*)CN=([^,]+)/)?.[1];
  const dns = (cert.altNames ?? []).filter((a) => a.startsWith('DNS:')).map((a) => a.slice(4));
  return [...(cn ? [cn] : []), ...dns];
}

/** The leading words every instance name shares, when there are several and they share any. */
function commonWords(names: readonly string[]): string | null {
  const unique = [...new Set(names)];
  if (unique.length < 2) return null;
  const split = unique.map((n) => n.split(/\s+/));
  const first = split[0]!;
  let n = 0;
  while (n < first.length && split.every((words) => words[n]?.toLowerCase() === first[n]!.toLowerCase())) n++;
  return n > 0 ? first.slice(0, n).join(' ') : null;
}

/** The device's own names, best first (no duplicates). */
export function ownNames(device: NamedDevice): Array<{ name: string; source: NameSource }> {
  const found: Array<{ name: string; source: NameSource }> = [];
  const add = (raw: string | null | undefined, source: NameSource) => {
    const name = cleanName(raw, device.ip);
    if (name && !found.some((f) => f.name.toLowerCase() === name.toLowerCase())) found.push({ name, source });
  };
  // Records read back from older stores may lack a list: every list is optional here.
  for (const u of device.upnp ?? []) add(u.friendlyName, 'upnp');
  const mdns = device.mdns ?? [];
  const services = device.services ?? [];
  for (const m of mdns) add(m.txt?.['fn'], 'mdns');
  const instances = mdns.map((m) => m.name.replace(/^[0-9a-f]{12}@/i, '')); // RAOP: "F01898770042@Living Room"
  add(commonWords(instances), 'mdns'); // "DiskStation FTP" + "DiskStation Printer" → "DiskStation"
  for (const name of instances) add(name, 'mdns');
  for (const s of services) add(s.snmp?.sysName, 'snmp');
  for (const s of services) add(bannerHost(s.banner), 'banner');
  for (const s of services) for (const host of certificateHosts(s)) add(host, 'certificate');
  add(device.netbios?.name, 'netbios');
  for (const h of device.hostnames ?? []) add(h, 'hostname');
  return found;
}

/**
 * The brand: the UPnP manufacturer when the device says one (Sonoff on an Espressif chip), else the
 * OUI vendor, else the maker an IPP printer names (its MAC block may be unregistered).
 */
export function deviceBrand(device: Pick<Device, 'vendor' | 'upnp'> & { services?: Device['services'] }): string | null {
  const manufacturer = device.upnp?.find((u) => u.manufacturer)?.manufacturer;
  const ippMaker = device.services?.find((s) => s.ipp?.make)?.ipp?.make;
  return shortBrand(manufacturer) ?? shortBrand(device.vendor) ?? shortBrand(ippMaker);
}

/** Which name to show and where it came from; the caller words "<Brand> <type>" in its language. */
export function chooseDeviceName(device: NamedDevice): DeviceNaming {
  const brand = deviceBrand(device);
  const owner = device.correction?.name?.trim();
  if (owner) return { ownName: owner, source: 'owner', brand, type: device.type };
  const best = ownNames(device)[0];
  if (best) return { ownName: best.name, source: best.source, brand, type: device.type };
  return { ownName: null, source: brand || device.type !== 'unknown' ? 'brand-type' : 'ip', brand, type: device.type };
}

const TYPE_WORDS: Record<DeviceType, string> = {
  router: 'router', camera: 'camera', speaker: 'smart speaker', tv: 'TV', 'media-player': 'media player',
  printer: 'printer', nas: 'NAS', plug: 'smart plug', light: 'smart light', hub: 'smart-home hub',
  thermostat: 'thermostat', appliance: 'appliance', phone: 'phone', computer: 'computer', unknown: 'device',
};

/** The English display name (the contract's `displayName`; the dashboard words brand + type itself). */
export function englishDisplayName(device: NamedDevice): string {
  const naming = chooseDeviceName(device);
  if (naming.ownName) return naming.ownName;
  if (naming.source === 'ip') return device.ip;
  const type = TYPE_WORDS[naming.type];
  return naming.brand ? `${naming.brand} ${type}` : type.charAt(0).toUpperCase() + type.slice(1);
}
