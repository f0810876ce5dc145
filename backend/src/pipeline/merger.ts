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
  /** Devices whose address comes only from a cache this scan could not re-confirm. */
  readonly #unconfirmed = new WeakSet<Device>();

  /** Adds a sighting; returns the device and whether it is new to this scan. */
  add(observation: Observation): { device: Device; isNew: boolean } {
    const mac = observation.mac?.toLowerCase() ?? null;
    const confirmed = observation.confirmed !== false;
    let device = mac ? this.#devices.get(mac) : this.#byIp(observation.ip);
    let isNew = false;
    if (!device && mac) {
      // A device first seen by IP only (e.g. mDNS) gets its MAC now.
      device = this.#takeIpOnly(observation.ip);
      if (device) {
        device.mac = mac;
        this.#devices.set(mac, device);
      }
    }
    if (!device) {
      device = emptyDevice(observation.ip, mac);
      this.#devices.set(mac ?? `ip:${observation.ip}`, device);
      if (!confirmed) this.#unconfirmed.add(device);
      isNew = true;
    } else if (confirmed && this.#unconfirmed.has(device)) {
      // A fresh answer beats a cached one: the host moved (or the old entry is stale).
      this.#unconfirmed.delete(device);
      if (device.ip !== observation.ip) {
        device.ip = observation.ip;
        const ipOnly = this.#takeIpOnly(observation.ip);
        if (ipOnly) mergeDevices(device, ipOnly);
      }
    }
    mergeInto(device, observation);
    return { device, isNew };
  }

  devices(): Device[] {
    return [...this.#devices.values()].sort((a, b) => compareIp(a.ip, b.ip));
  }

  #byIp(ip: string): Device | undefined {
    return this.#devices.get(`ip:${ip}`) ?? [...this.#devices.values()].find((d) => d.ip === ip);
  }

  #takeIpOnly(ip: string): Device | undefined {
    const device = this.#devices.get(`ip:${ip}`);
    if (device) this.#devices.delete(`ip:${ip}`);
    return device;
  }
}

function mergeInto(device: Device, observation: Observation): void {
  if (!device.discoveredBy.includes(observation.source)) device.discoveredBy.push(observation.source);
  for (const name of observation.hostnames ?? []) if (!device.hostnames.includes(name)) device.hostnames.push(name);
  for (const service of observation.mdns ?? []) if (!device.mdns.some((s) => sameMdns(s, service))) device.mdns.push(service);
  for (const info of observation.upnp ?? []) if (!device.upnp.some((u) => u.location === info.location)) device.upnp.push(info as UpnpInfo);
  for (const address of observation.ipv6 ?? []) {
    device.ipv6 ??= [];
    if (!device.ipv6.includes(address)) device.ipv6.push(address);
  }
  if (observation.netbios) device.netbios = observation.netbios;
}

/** Folds an IP-only device (seen before its MAC was known) into the device that owns that IP. */
function mergeDevices(into: Device, from: Device): void {
  for (const source of from.discoveredBy) {
    mergeInto(into, { source, ip: from.ip, hostnames: from.hostnames, mdns: from.mdns, upnp: from.upnp, ipv6: from.ipv6, netbios: from.netbios ?? undefined });
  }
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
