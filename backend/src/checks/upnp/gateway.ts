// What both UPnP exposure checks need from a home gateway, read once per scan: its description
// (again: discovery keeps only the identity), the WANIPConnection/WANPPPConnection control URL, the
// external address and the port-mapping list. Nothing is sent outside the scanned ranges: the
// description URL and every control URL must be an http URL whose host is an in-scope IPv4 address.
import { isIPv4 } from 'node:net';
import type { PluginContext } from '../../core/plugins.js';
import type { Device, Service, UpnpInfo } from '../../core/types.js';
import { inScope } from '../../discovery/scope.js';
import { fetchDescription } from '../../protocols/upnp.js';
import {
  connectionServices, externalAddress, listPortMappings, sendSoapAction,
  type ConnectionService, type MappingList, type SoapSender,
} from '../../protocols/upnp-igd.js';

const IGD = /^urn:schemas-upnp-org:device:InternetGatewayDevice:[12]$/;

/** How the checks reach the network; tests pass recording fakes. */
export interface GatewayTransport {
  fetch(url: URL, ctx: PluginContext): Promise<string>;
  soap(ctx: PluginContext): SoapSender;
}

export const networkTransport: GatewayTransport = {
  fetch: (url, ctx) => fetchDescription(url, { timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal }),
  soap: (ctx) => (control, action, args) => sendSoapAction(control, action, args, { timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal }),
};

export interface GatewayReading {
  control: ConnectionService;
  externalIp: string | null;
  list: MappingList;
}

/** An http URL whose host is an IPv4 address of this scan's ranges: the only kind we contact. */
export function contactable(ctx: Pick<PluginContext, 'targets'>, url: URL): boolean {
  return url.protocol === 'http:' && isIPv4(url.hostname) && inScope(ctx, url.hostname);
}

function urlOf(value: string): URL | null {
  try { return new URL(value); } catch { return null; }
}

/**
 * The device's own IGD description, served from its own address. With a scan context: only when
 * that address is inside the scanned ranges (without one, the caller only asks whether it has one).
 */
export function igdDescription(device: Readonly<Device>, ctx?: Pick<PluginContext, 'targets'>): { info: UpnpInfo; url: URL } | null {
  for (const info of device.upnp) {
    const url = urlOf(info.location);
    if (!info.deviceType || !IGD.test(info.deviceType) || !url || url.hostname !== device.ip || url.protocol !== 'http:') continue;
    if (!ctx || contactable(ctx, url)) return { info, url };
  }
  return null;
}

/** The description's port, as a service to run on when the port scan did not list it. */
export function igdService(device: Readonly<Device>, ctx: PluginContext): Service[] {
  const found = igdDescription(device, ctx);
  if (!found) return [];
  const port = Number(found.url.port) || 80;
  if (device.services.some((s) => s.port === port && s.transport === 'tcp')) return [];
  return [{ port, transport: 'tcp', service: 'upnp', encrypted: false, banner: null, product: null }];
}

/** The service is the port the device serves its IGD description on (scope is run's concern). */
export function isIgdPort(device: Readonly<Device>, service: Readonly<Service>): boolean {
  const found = igdDescription(device);
  return found !== null && service.transport === 'tcp' && (Number(found.url.port) || 80) === service.port;
}

const memo = new WeakMap<PluginContext, Map<string, Promise<GatewayReading | null>>>();

/** Reads the gateway once per scan (both checks share it); null when it has no usable control URL. */
export function readGateway(device: Readonly<Device>, ctx: PluginContext, transport: GatewayTransport): Promise<GatewayReading | null> {
  let perScan = memo.get(ctx);
  if (!perScan) { perScan = new Map(); memo.set(ctx, perScan); }
  let reading = perScan.get(device.ip);
  if (!reading) {
    reading = read(device, ctx, transport);
    perScan.set(device.ip, reading);
  }
  return reading;
}

async function read(device: Readonly<Device>, ctx: PluginContext, transport: GatewayTransport): Promise<GatewayReading | null> {
  const found = igdDescription(device, ctx);
  if (!found) return null;
  const parsed = connectionServices(await transport.fetch(found.url, ctx), found.url);
  if (!parsed.ok) {
    ctx.log.info('upnp-igd: description refused', { location: found.info.location, reason: parsed.reason });
    return null;
  }
  const usable = parsed.services.filter((s) => contactable(ctx, s.controlUrl));
  for (const skipped of parsed.services.filter((s) => !usable.includes(s))) {
    ctx.log.warn('upnp-igd: control URL outside the scanned ranges, not contacted', { url: skipped.controlUrl.href.slice(0, 200) });
  }
  const control = usable[0];
  if (!control) return null;
  const send = transport.soap(ctx);
  const list = await listPortMappings(control, send);
  const externalIp = await externalAddress(control, send).catch(() => null);
  return { control, externalIp, list };
}
