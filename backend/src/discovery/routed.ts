// Discovery of a routed network (ranges behind a router, scope/routes.ts): ARP, mDNS and SSDP do
// not cross a router, so each address is asked directly: a TCP connect to a few common ports (a
// refused connection proves the host is there as well as an accepted one; no privilege needed) and,
// for the addresses that did not answer, one ICMP echo by the system's ping (iputils, else
// busybox). Devices are known by their IP only: a MAC never crosses a router.
import { mapLimit } from '../core/concurrency-limit.js';
import { defineDiscoverer, type Discoverer, type PluginContext } from '../core/plugins.js';
import { probePort } from '../protocols/tcp.js';
import { ipv4Hosts, parseCidr } from '../scope/cidr.js';
import { runCommand } from './exec.js';

/** Ports nearly every kind of home or office device answers on (accepted or refused). */
export const ROUTED_PROBE_PORTS: readonly number[] = [80, 443, 22, 23, 554, 8080];
const HOST_CONCURRENCY = 32;

/** Sends one ICMP echo; true when it was answered, null when no ping program can be run. */
export type EchoPinger = (ip: string, ctx: PluginContext) => Promise<boolean | null>;

export interface RoutedDeps {
  ports?: readonly number[];
  ping?: EchoPinger;
}

export function createRoutedDiscoverer(deps: RoutedDeps = {}): Discoverer {
  const ports = deps.ports ?? ROUTED_PROBE_PORTS;
  const ping = deps.ping ?? pingOnce;
  return defineDiscoverer({
    id: 'routed',
    description: 'Hosts behind a router: TCP connect to a few ports, then one ICMP echo; by IP only (no MAC crosses a router)',
    findsOnly: true,
    routed: 'only',
    async run(ctx, report) {
      const hosts = ctx.targets.map((t) => parseCidr(t)).filter((c) => c.family === 4).flatMap((c) => ipv4Hosts(c));
      let pingMissing = false;
      ctx.progress(`hosts behind ${ctx.targets.join(', ')}`);
      await mapLimit(hosts, HOST_CONCURRENCY, async (ip) => {
        if (ctx.signal.aborted) return;
        const states = await Promise.all(ports.map((port) => ctx.limit(() => probePort({ host: ip, port, timeoutMs: ctx.tuning.connectTimeoutMs, signal: ctx.signal }))
          .catch(() => 'filtered' as const)));
        if (states.some((s) => s !== 'filtered')) return report({ source: 'tcp-connect', ip, mac: null });
        if (pingMissing || ctx.signal.aborted) return;
        const answered = await ping(ip, ctx);
        if (answered === null) {
          pingMissing = true;
          ctx.log.info('routed discovery: no ping program could run; hosts that refuse every TCP port are not found');
        } else if (answered) {
          report({ source: 'icmp', ip, mac: null });
        }
      });
    },
  });
}

/** iputils ping, else busybox's (which needs a raw socket, i.e. root or CAP_NET_RAW). */
export const pingOnce: EchoPinger = async (ip, ctx) => {
  const options = { timeoutMs: 3000, signal: ctx.signal, maxBytes: 64 * 1024 };
  const iputils = await runCommand('ping', ['-n', '-c', '1', '-W', '1', ip], options);
  if (iputils.error !== 'not installed') return answeredFrom(iputils.stdout, ip);
  const busybox = await runCommand('busybox', ['ping', '-c', '1', '-W', '1', ip], options);
  if (busybox.error === 'not installed' || /permission denied|operation not permitted/i.test(busybox.error ?? '')) return null;
  return answeredFrom(busybox.stdout, ip);
};

/** A reply from the address asked (not an ICMP error from the router on its behalf). */
function answeredFrom(output: string, ip: string): boolean {
  return new RegExp(` bytes from ${ip.replace(/\./g, '\\.')}:`).test(output);
}
