// Folds sightings from every discoverer into one device per MAC (or per IP while no MAC is known).
import type { Observation } from '../core/plugins.js';
import type { Device, MdnsService, UpnpInfo } from '../core/types.js';

export function emptyDevice(ip: string, mac: string | null): Device {
  return {
    mac, ip, randomizedMac: false, vendor: null, hostnames: [], type: 'unknown', model: null,
    mdns: [], upnp: [], services: [], discoveredBy: [], evidence: [],
  };
}

export class DeviceMerger {
  readonly #devices = new Map<string, Device>();

  /** Adds a sighting; returns the device and whether it is new to this scan. */
  add(observation: Observation): { device: Device; isNew: boolean } {
    const mac = observation.mac?.toLowerCase() ?? null;
    let key = mac ?? `ip:${observation.ip}`;
    let device = this.#devices.get(key);
    let isNew = false;
    if (!device && mac) {
      // A device first seen by IP only (e.g. mDNS) gets its MAC now.
      const byIp = this.#devices.get(`ip:${observation.ip}`);
      if (byIp) {
        this.#devices.delete(`ip:${observation.ip}`);
        device = { ...byIp, mac };
        this.#devices.set(key, device);
      }
    }
    if (!device && !mac) {
      const existing = [...this.#devices.entries()].find(([, d]) => d.ip === observation.ip);
      if (existing) [key, device] = existing;
    }
    if (!device) {
      device = emptyDevice(observation.ip, mac);
      this.#devices.set(key, device);
      isNew = true;
    }
    mergeInto(device, observation);
    return { device, isNew };
  }

  devices(): Device[] {
    return [...this.#devices.values()].sort((a, b) => compareIp(a.ip, b.ip));
  }
}

function mergeInto(device: Device, observation: Observation): void {
  if (!device.discoveredBy.includes(observation.source)) device.discoveredBy.push(observation.source);
  for (const name of observation.hostnames ?? []) if (!device.hostnames.includes(name)) device.hostnames.push(name);
  for (const service of observation.mdns ?? []) if (!device.mdns.some((s) => sameMdns(s, service))) device.mdns.push(service);
  for (const info of observation.upnp ?? []) if (!device.upnp.some((u) => u.location === info.location)) device.upnp.push(info as UpnpInfo);
}

function sameMdns(a: MdnsService, b: MdnsService): boolean {
  return a.type === b.type && a.name === b.name && a.port === b.port;
}

export function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return 0;
  }
  return a.localeCompare(b);
}
