// Software inventory of a device: product + version (CPE-like) from what it already told us, with
// the exact string each came from. Pure: reads the device record, sends nothing.
import type { Device, Service, SoftwareItem, Transport } from '../core/types.js';
import { DISTRO_BUILD, GREETING_SOFTWARE, MQTT_PATTERNS, SERVER_PATTERNS, SNMP_PATTERNS, type SoftwarePattern } from './software-patterns.js';

/** Longest raw string kept (device input is capped like banners). */
const RAW_MAX = 200;

interface Where {
  source: string;
  port: number | null;
  transport: Transport | null;
}

export function cpeOf(vendor: string, product: string, version: string | null, part: 'a' | 'o' = 'a'): string {
  const escape = (text: string): string => text.replace(/([:*?\\])/g, '\\$1');
  return `cpe:2.3:${part}:${escape(vendor)}:${escape(product)}:${version ? escape(version) : '*'}:*:*:*:*:*:*:*`;
}

function itemOf(row: SoftwarePattern, match: RegExpExecArray, raw: string, where: Where): SoftwareItem {
  const version = match[1] ?? null;
  return {
    product: row.product,
    vendor: row.vendor,
    name: row.name,
    version,
    cpe: cpeOf(row.vendor, row.product, version, row.part),
    source: where.source,
    raw: raw.slice(0, RAW_MAX),
    port: where.port,
    transport: where.transport,
    distroBuild: distroBuildOf(row, version, raw),
  };
}

/** Why a version cannot be trusted as upstream's, or null when it can. */
function distroBuildOf(row: SoftwarePattern, version: string | null, raw: string): string | null {
  const distro = DISTRO_BUILD.exec(raw);
  if (distro) return distro[0];
  const vendor = row.vendorBuild?.exec(raw);
  if (vendor) return vendor[0];
  if (row.buildHidden) return row.buildHidden;
  // Portable OpenSSH always carries "pN"; a build without it is OpenBSD's own or a vendor's
  // repackaging (Red Hat prints "OpenSSH_7.4" and back-ports fixes): not upstream portable.
  if (row.product === 'openssh' && version !== null && !/p\d+$/.test(version)) return 'no portable suffix';
  return null;
}

function matchAll(rows: readonly SoftwarePattern[], text: string, raw: string, where: Where): SoftwareItem[] {
  const items: SoftwareItem[] = [];
  for (const row of rows) {
    const match = row.pattern.exec(text);
    if (match) items.push(itemOf(row, match, raw, where));
  }
  return items;
}

function fromService(service: Readonly<Service>): SoftwareItem[] {
  const where = { port: service.port, transport: service.transport };
  const sysDescr = service.snmp?.sysDescr;
  if (sysDescr) return matchAll(SNMP_PATTERNS, sysDescr, sysDescr, { ...where, source: 'snmp-sysdescr' });
  const brokerVersion = service.mqtt?.version;
  if (brokerVersion) return matchAll(MQTT_PATTERNS, brokerVersion, brokerVersion, { ...where, source: 'mqtt-sys-version' });
  if ((service.service === 'ssh' || service.service === 'ftp') && service.banner) {
    return matchAll(GREETING_SOFTWARE[service.service], service.banner, service.banner, { ...where, source: `${service.service}-banner` });
  }
  const server = service.http?.server ?? (service.service === 'rtsp' ? service.product : null);
  if (server) {
    const source = service.service === 'rtsp' ? 'rtsp-server' : 'http-server';
    return matchAll(SERVER_PATTERNS, server, `Server: ${server}`, { ...where, source });
  }
  return [];
}

function upnpPort(location: string): number | null {
  try {
    const url = new URL(location);
    return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  } catch {
    return null;
  }
}

export function softwareInventory(device: Readonly<Device>): SoftwareItem[] {
  const items = device.services.flatMap(fromService);
  for (const upnp of device.upnp) {
    if (!upnp.server) continue;
    const port = upnpPort(upnp.location);
    items.push(...matchAll(SERVER_PATTERNS, upnp.server, `SERVER: ${upnp.server}`, { source: 'upnp-server', port, transport: port === null ? null : 'tcp' }));
  }
  // One row per product, version and place (several UPnP answers repeat the same SERVER header).
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.cpe}|${item.source}|${item.transport}/${item.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
