// mDNS / DNS-SD discovery: list every advertised service type, then every instance of each, then
// resolve SRV/TXT/A — in several rounds, because multicast answers get lost — and join each
// service to its device by the address that answered. A second pass asks the devices that
// advertised nothing for their name (reverse lookup), which avahi and mDNSResponder answer.
import { defineDiscoverer, type Discoverer, type PluginContext } from '../core/plugins.js';
import { openMdnsClient, type MdnsClient, type MdnsClientOptions, type MdnsRecord } from '../protocols/mdns.js';
import { DnsSdCollector } from './dns-sd.js';
import { inScope } from './scope.js';

export interface MdnsTiming {
  /** When each full round of queries goes out, in ms from the start (RFC 6762 asks for spacing). */
  rounds: readonly number[];
  /** How long to keep listening after the last round. */
  listenMs: number;
  /** How long the reverse-name pass waits for answers. */
  reverseMs: number;
}

export const MDNS_TIMING: MdnsTiming = { rounds: [0, 300, 900], listenMs: 600, reverseMs: 400 };
const MAX_REVERSE = 256;

export interface MdnsDiscovererOptions {
  timing?: MdnsTiming;
  /** Tests point the queries at a loopback responder instead of the multicast group. */
  destination?: MdnsClientOptions['destination'];
}

export function createMdnsDiscoverer(options: MdnsDiscovererOptions = {}): Discoverer {
  const timing = options.timing ?? MDNS_TIMING;
  return defineDiscoverer({
    id: 'mdns',
    description: 'mDNS / DNS-SD browse of every service type, resolved to services, host names and addresses',
    async run(ctx, report) {
      const collector = new DnsSdCollector();
      let full = false;
      const asked = new Set<string>();
      let client: MdnsClient | null = null;
      const ask = (): void => {
        for (const q of collector.questions()) {
          const id = `${q.type} ${q.name.toLowerCase()}`;
          if (asked.has(id)) continue;
          asked.add(id);
          client?.query(q.name, q.type);
        }
      };
      client = await open(ctx, options, (from, records) => {
        if (!inScope(ctx, from)) return void ctx.log.debug('mdns: answer from outside the scanned ranges ignored', { from });
        if (!collector.add(from, records) && !full) {
          full = true;
          ctx.log.warn('mdns: too many answers, the browse keeps what it has', { from });
        }
        ask(); // follow up at once on what this answer revealed (new types, unresolved instances)
      });
      try {
        ctx.progress('mDNS / DNS-SD');
        const started = Date.now();
        for (const at of timing.rounds) {
          if (!(await sleepUntil(started + at, ctx.signal))) break;
          asked.clear(); // a new round asks everything again: the first answer may have been lost
          ask();
        }
        await sleepUntil(Date.now() + timing.listenMs, ctx.signal);
      } finally {
        client.close();
      }
      const observations = collector.observations();
      ctx.log.debug('mdns browse done', { responders: observations.length, services: observations.reduce((n, o) => n + (o.mdns?.length ?? 0), 0) });
      for (const observation of observations) report(observation);
    },

    async enrich(devices, ctx, report) {
      const unnamed = devices.filter((d) => !d.hostnames.some((h) => h.endsWith('.local')) && /^\d+\.\d+\.\d+\.\d+$/.test(d.ip)).slice(0, MAX_REVERSE);
      if (unnamed.length === 0) return;
      const wanted = new Map(unnamed.map((d) => [reverseName(d.ip), d]));
      const named = new Set<string>();
      const client = await open(ctx, options, (_from, records) => {
        for (const record of records) {
          if (record.type !== 'PTR') continue;
          const device = wanted.get(record.name.toLowerCase());
          if (!device || named.has(device.ip) || !record.data.toLowerCase().endsWith('.local')) continue;
          named.add(device.ip);
          report({ source: 'mdns', ip: device.ip, mac: device.mac, hostnames: [record.data.toLowerCase()] });
        }
      });
      try {
        ctx.progress('mDNS names');
        for (const name of wanted.keys()) client.query(name, 'PTR');
        await sleepUntil(Date.now() + timing.reverseMs, ctx.signal);
      } finally {
        client.close();
      }
    },
  });
}

function open(ctx: PluginContext, options: MdnsDiscovererOptions, onResponse: (from: string, records: MdnsRecord[]) => void): Promise<MdnsClient> {
  return openMdnsClient({
    interfaceAddress: ctx.interfaceAddress,
    destination: options.destination,
    onResponse,
    onMalformed: (from, reason) => ctx.log.info('mdns: malformed packet ignored', { from, reason }),
    onError: (error) => ctx.log.debug('mdns socket error', { error: error.message }),
  });
}

export function reverseName(ipv4: string): string {
  return `${ipv4.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** Waits until `deadline` (ms since epoch); false if the scan was cancelled meanwhile. */
export function sleepUntil(deadline: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => { clearTimeout(timer); resolve(false); };
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, Math.max(0, deadline - Date.now()));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
