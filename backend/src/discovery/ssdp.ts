// SSDP / UPnP discovery: M-SEARCH ssdp:all (MX 1, sent twice), then each device description named
// by a LOCATION header — but only when that URL points inside the scanned ranges: a LOCATION is
// whatever the answering device wrote, and following it blindly would let any box on the LAN
// make the scanner fetch from the Internet (or from another network) on its behalf.
import { isIPv4 } from 'node:net';
import { defineDiscoverer, type Discoverer, type PluginContext } from '../core/plugins.js';
import { mapLimit } from '../core/concurrency-limit.js';
import type { UpnpInfo } from '../core/types.js';
import { mSearch, type MSearchOptions, type SsdpResponse } from '../protocols/ssdp.js';
import { fetchDescription, parseDeviceDescription } from '../protocols/upnp.js';
import { inScope } from './scope.js';

/** Fetches a description document; tests pass a fake that records the URLs it was asked for. */
export type DescriptionFetcher = (url: URL, ctx: PluginContext) => Promise<string>;

export const fetchDescriptionForScan: DescriptionFetcher = (url, ctx) =>
  fetchDescription(url, { timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal });

export interface SsdpDiscovererOptions {
  fetch?: DescriptionFetcher;
  sendAt?: readonly number[];
  listenMs?: number;
  destination?: MSearchOptions['destination'];
}

const MAX_LOCATIONS_PER_DEVICE = 4;
const MAX_LOCATIONS = 64;

interface Responder { server: string | null; locations: Set<string> }

export function createSsdpDiscoverer(options: SsdpDiscovererOptions = {}): Discoverer {
  const fetch = options.fetch ?? fetchDescriptionForScan;
  return defineDiscoverer({
    id: 'ssdp',
    description: 'SSDP M-SEARCH, then each UPnP device description inside the scanned ranges',
    async run(ctx, report) {
      const responders = new Map<string, Responder>();
      ctx.progress('SSDP / UPnP');
      await mSearch({
        interfaceAddress: ctx.interfaceAddress,
        sendAt: options.sendAt ?? [0, 300],
        listenMs: options.listenMs ?? 1300,
        mx: 1,
        signal: ctx.signal,
        destination: options.destination,
        onResponse: (from, response) => collect(ctx, responders, from, response),
        onMalformed: (from, reason) => ctx.log.info('ssdp: malformed answer ignored', { from, reason }),
        onError: (error) => ctx.log.debug('ssdp socket error', { error: error.message }),
      });
      const jobs = [...responders.entries()].flatMap(([ip, r]) => [...r.locations].slice(0, MAX_LOCATIONS_PER_DEVICE).map((location) => ({ ip, server: r.server, location })));
      if (jobs.length > MAX_LOCATIONS) ctx.log.warn('ssdp: too many description URLs, only the first are fetched', { count: jobs.length, fetched: MAX_LOCATIONS });
      const described = await mapLimit(jobs.slice(0, MAX_LOCATIONS), 8, ({ ip, server, location }) => ctx.limit(() => describe(ctx, fetch, location, server))
        .then((info) => ({ ip, info })));
      // A responder whose description could not be read is still a host that answered.
      for (const ip of responders.keys()) {
        report({ source: 'ssdp', ip, upnp: described.flatMap((d) => (d.ip === ip && d.info ? [d.info] : [])) });
      }
      ctx.log.debug('ssdp done', { responders: responders.size, descriptions: described.filter((d) => d.info).length });
    },
  });
}

function collect(ctx: PluginContext, responders: Map<string, Responder>, from: string, response: SsdpResponse): void {
  if (!inScope(ctx, from)) return void ctx.log.debug('ssdp: answer from outside the scanned ranges ignored', { from });
  if (response.status !== 200) return;
  let responder = responders.get(from);
  if (!responder) {
    responder = { server: response.headers['server'] ?? null, locations: new Set() };
    responders.set(from, responder);
  }
  const location = response.headers['location'];
  if (location && responder.locations.size < MAX_LOCATIONS_PER_DEVICE) responder.locations.add(location);
}

/** Fetches and parses one description, or null (with a log line saying why). Never throws. */
async function describe(ctx: PluginContext, fetch: DescriptionFetcher, location: string, server: string | null): Promise<UpnpInfo | null> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    ctx.log.info('ssdp: LOCATION is not a URL, not fetched', { location: location.slice(0, 200) });
    return null;
  }
  const host = url.hostname;
  if (!isIPv4(host) || !inScope(ctx, host)) {
    ctx.log.warn('ssdp: LOCATION outside the scanned ranges, not fetched', { location: location.slice(0, 200) });
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.log.info('ssdp: LOCATION scheme not supported, not fetched', { location: location.slice(0, 200) });
    return null;
  }
  try {
    const parsed = parseDeviceDescription(await fetch(url, ctx));
    if (!parsed.ok) {
      ctx.log.info('ssdp: device description refused', { location, reason: parsed.reason });
      return null;
    }
    return { location, ...parsed.info, server };
  } catch (error) {
    ctx.log.info('ssdp: device description not fetched', { location, error: (error as Error).message });
    return null;
  }
}
