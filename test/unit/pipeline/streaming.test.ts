// The streaming pipeline on loopback, decided on events, not clocks: a service's looking-only
// finding is raised while discovery is still listening; a login check waits for the device's
// identity (discovery's windows closed); each device moves found → probing → checking → done; the
// per-host limit holds across probes and checks.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { EventBus, type ScanEvents } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineCheck, defineDiscoverer, defineProbe, type Discoverer, type ScanTuning } from '../../../backend/src/core/plugins.js';
import { runScan } from '../../../backend/src/pipeline/runner.js';
import { probes } from '../../../backend/src/probes/index.js';
import { testTuning } from '../../helpers/context.js';
import { LOOPBACK, startTcpServer, type RunningServer } from '../../helpers/net.js';
import { startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';

const MAC = 'a4:14:37:00:00:15';
/** Bound on every wait in this file: far above what any step needs, so load never decides. */
const BOUND_MS = 20_000;

let telnetd: Telnetd;
beforeAll(async () => { telnetd = await startBusyboxTelnetd(); }, 30_000);
afterAll(async () => { await telnetd?.stop(); });

interface Timeline { events: Array<{ name: keyof ScanEvents; payload: unknown }> }

function record(bus: EventBus, timeline: Timeline): void {
  for (const name of ['device:found', 'device:state', 'service:found', 'finding:raised', 'check:attempt'] as const) {
    bus.on(name, (payload) => timeline.events.push({ name, payload }));
  }
}

/** Reports the device at once, then keeps "listening" until `until` resolves (or the bound): a discovery window. */
function listeningDiscoverer(until: Promise<unknown>, ended: { at: number | null }, timeline: Timeline): Discoverer {
  return defineDiscoverer({
    id: 'test-listening',
    description: 'reports a loopback device at once, then keeps its window open',
    async run(ctx, report) {
      report({ source: 'test-listening', ip: LOOPBACK, mac: MAC });
      await Promise.race([until, new Promise((resolve) => setTimeout(resolve, BOUND_MS)), new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }))]);
      ended.at = timeline.events.length;
    },
  });
}

async function scan(discoverers: Discoverer[], tuning: Partial<ScanTuning>, loginChecks: boolean, timeline: Timeline, bus = new EventBus()) {
  record(bus, timeline);
  return runScan(
    { targets: ['127.0.0.0/8'], interfaceName: 'lo', interfaceAddress: LOOPBACK, loginChecks },
    { plugins: { discoverers, identifiers: [], probes, checks }, bus, log: createLogger({ level: 'silent' }), tuning: testTuning(tuning) },
    new AbortController().signal,
  );
}

describe('streaming scan', () => {
  it('raises a looking-only finding while discovery still listens, and tries logins only once it has ended', async () => {
    const timeline: Timeline = { events: [] };
    let cleartextRaised!: () => void;
    const raised = new Promise<void>((resolve) => { cleartextRaised = resolve; });
    const bus = new EventBus();
    bus.on('finding:raised', ({ finding }) => { if (finding.checkId === 'cleartext-service-telnet') cleartextRaised(); });
    const ended = { at: null as number | null };
    const result = await scan([listeningDiscoverer(raised, ended, timeline)], { tcpPorts: [telnetd.port] }, true, timeline, bus);
    const names = timeline.events.map((e) => e.name);
    const cleartext = timeline.events.findIndex((e) => e.name === 'finding:raised' && (e.payload as ScanEvents['finding:raised']).finding.checkId === 'cleartext-service-telnet');
    const firstAttempt = names.indexOf('check:attempt');
    expect(result.scan.status).toBe('completed');
    expect(cleartext).toBeGreaterThan(-1);
    expect(ended.at).not.toBeNull();
    // Looking-only: raised before the discovery window closed. Login tries: only after it closed.
    expect(cleartext).toBeLessThan(ended.at!);
    expect(firstAttempt).toBeGreaterThanOrEqual(ended.at!);
    expect(result.findings.map((f) => f.checkId).sort()).toEqual(['cleartext-service-telnet', 'default-credentials-telnet']);
  }, 60_000);

  it('does not hold a device\'s logins for a sweep that only finds devices (an ARP sweep of a /22)', async () => {
    const timeline: Timeline = { events: [] };
    const bus = new EventBus();
    let attempted!: () => void;
    const attempt = new Promise<void>((resolve) => { attempted = resolve; });
    bus.on('check:attempt', () => attempted());
    let sweepEnded = -1;
    const sweep = defineDiscoverer({
      id: 'test-sweep', description: 'finds the device at once, then sweeps on until a login was tried (bounded)', findsOnly: true,
      async run(ctx, report) {
        report({ source: 'test-sweep', ip: LOOPBACK, mac: MAC });
        await Promise.race([attempt, new Promise((resolve) => setTimeout(resolve, BOUND_MS)), new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }))]);
        sweepEnded = timeline.events.length;
      },
    });
    const result = await scan([sweep], { tcpPorts: [telnetd.port] }, true, timeline, bus);
    const firstAttempt = timeline.events.findIndex((e) => e.name === 'check:attempt');
    expect(firstAttempt).toBeGreaterThan(-1);
    expect(firstAttempt).toBeLessThan(sweepEnded);
    expect(result.findings.map((f) => f.checkId)).toContain('default-credentials-telnet');
  }, 60_000);

  it('asks a per-device name pass the moment the device is found, and holds its logins until that pass is in', async () => {
    const timeline: Timeline = { events: [] };
    let asked!: () => void;
    const nameAsked = new Promise<void>((resolve) => { asked = resolve; });
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => { answer = resolve; });
    const at = { asked: -1, answered: -1 };
    const names = defineDiscoverer({
      id: 'test-names', description: 'a unicast name pass per device, answered only once the listen window closed', enrichesEach: true,
      async run() { /* nothing before the devices are known */ },
      async enrich(devices, ctx, report) {
        at.asked = timeline.events.length;
        asked();
        await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, BOUND_MS)), new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }))]);
        at.answered = timeline.events.length;
        for (const device of devices) report({ source: 'test-names', ip: device.ip, mac: device.mac, hostnames: ['kano-pc'] });
      },
    });
    const ended = { at: null as number | null };
    // The window closes once the name was asked (or at the bound: then the order below fails).
    const window = listeningDiscoverer(nameAsked.then(() => { setTimeout(answer, 50); }), ended, timeline);
    const result = await scan([window, names], { tcpPorts: [telnetd.port] }, true, timeline, new EventBus());
    const firstAttempt = timeline.events.findIndex((e) => e.name === 'check:attempt');
    expect(at.asked).toBeGreaterThan(-1);
    expect(ended.at).not.toBeNull();
    expect(at.asked).toBeLessThanOrEqual(ended.at!); // asked while the window was still open
    expect(firstAttempt).toBeGreaterThanOrEqual(at.answered); // logins wait for the device's own pass
    expect(result.devices[0]?.hostnames).toContain('kano-pc');
    expect(result.findings.map((f) => f.checkId)).toContain('default-credentials-telnet');
  }, 60_000);

  it('moves each device found → probing → checking → done, in that order, once each', async () => {
    const timeline: Timeline = { events: [] };
    const ended = { at: null as number | null };
    await scan([listeningDiscoverer(Promise.resolve(), ended, timeline)], { tcpPorts: [telnetd.port] }, false, timeline);
    const states = timeline.events.filter((e) => e.name === 'device:state').map((e) => (e.payload as ScanEvents['device:state']).state);
    expect(states).toEqual(['found', 'probing', 'checking', 'done']);
    const found = timeline.events.findIndex((e) => e.name === 'device:found');
    const firstState = timeline.events.findIndex((e) => e.name === 'device:state');
    expect(found).toBeLessThan(firstState);
  }, 60_000);
});

describe('a service that greets late', () => {
  let late: RunningServer;
  let connections = 0;
  beforeAll(async () => {
    // A telnet-like login prompt 3 s after each connection: after the short wait and the hellos.
    late = await startTcpServer((socket: Socket) => {
      connections += 1;
      socket.on('error', () => undefined);
      socket.on('data', () => undefined);
      const timer = setTimeout(() => { if (!socket.destroyed) socket.write('\r\nMamori late camera\r\nlogin: '); }, 3000);
      socket.on('close', () => clearTimeout(timer));
    });
  });
  afterAll(async () => { await late?.close(); });

  it('is first reported unknown (what was tried), then named by its late greeting, and its checks run then', async () => {
    const timeline: Timeline = { events: [] };
    const bus = new EventBus();
    let atNaming = -1;
    bus.on('service:found', ({ service }) => { if (service.service === 'telnet') atNaming = connections; });
    const result = await scan([listeningDiscoverer(Promise.resolve(), { at: null }, timeline)], { tcpPorts: [late.port] }, false, timeline, bus);
    const reports = timeline.events.filter((e) => e.name === 'service:found').map((e) => (e.payload as ScanEvents['service:found']).service);
    expect(reports.map((r) => r.service)).toEqual(['unknown', 'telnet']);
    expect(reports[0]!.unnamed?.hellos).toEqual(['http', 'tls', 'rtsp', 'mqtt']);
    expect(result.devices[0]!.services).toEqual([expect.objectContaining({ port: late.port, service: 'telnet' })]);
    expect(result.devices[0]!.services[0]!.unnamed).toBeUndefined();
    // The telnet check connected once the service was named (it finds nothing here: its own
    // greeting wait is shorter than this server's 3 s — a check's deadline, not the pipeline's).
    expect(atNaming).toBeGreaterThan(0);
    await vi.waitFor(() => expect(connections).toBeGreaterThan(atNaming), { timeout: 5000, interval: 50 });
  }, 60_000);
});

describe('the per-host limit holds across probes and checks', () => {
  // Plug-ins that count, in this process, how many of one host's tasks run at once: each holds its
  // slot across a timer, so tasks overlap whenever the limit lets them.
  const hold = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 30));
  function counting() {
    const counter = { active: 0, most: 0 };
    const track = async (): Promise<void> => {
      counter.active += 1;
      counter.most = Math.max(counter.most, counter.active);
      await hold();
      counter.active -= 1;
    };
    const ports = defineProbe({
      id: 'test-ports', description: 'finds 12 ports, each under the context limit',
      async run(device, ctx, found) {
        const open = Array.from({ length: 12 }, (_, i) => 20_000 + i);
        await Promise.all(open.map((port) => ctx.limit(async () => {
          await track();
          found?.({ port, transport: 'tcp', service: 'unknown', encrypted: false, banner: null, product: null });
        })));
        return [];
      },
    });
    const namer = defineProbe({
      id: 'test-namer', description: 'names each port under the context limit',
      run: async () => [],
      refine: (_device, service, ctx) => ctx.limit(async () => { await track(); return { ...service, service: 'test' }; }),
    });
    const check = defineCheck({
      id: 'test-check', finding: { family: 'cleartext-service', service: 'telnet' }, severity: 'info', tags: ['exposure'], intrusive: false, maxAttempts: 1,
      appliesTo: ({ service }) => service.service === 'test',
      run: async () => { await track(); return []; },
    });
    return { counter, plugins: { ports, namer, check } };
  }

  async function mostAtOnce(perHostConcurrency: number): Promise<number> {
    const { counter, plugins } = counting();
    const discoverer = defineDiscoverer({ id: 'test-one', description: 'one loopback device', run: async (_ctx, report) => { report({ source: 'test-one', ip: LOOPBACK, mac: MAC }); } });
    const result = await runScan(
      { targets: ['127.0.0.0/8'], interfaceName: 'lo', interfaceAddress: LOOPBACK, loginChecks: false },
      { plugins: { discoverers: [discoverer], identifiers: [], probes: [plugins.ports, plugins.namer], checks: [plugins.check] }, bus: new EventBus(),
        log: createLogger({ level: 'silent' }), tuning: testTuning({ perHostConcurrency, globalConcurrency: 64 }) },
      new AbortController().signal,
    );
    expect(result.devices[0]!.services.filter((s) => s.service === 'test')).toHaveLength(12);
    return counter.most;
  }

  it('never runs more of one host\'s tasks at once than perHostConcurrency', async () => {
    expect(await mostAtOnce(2)).toBe(2);
    expect(await mostAtOnce(3)).toBe(3);
  });

  it('runs more at once when the limit allows (control)', async () => {
    expect(await mostAtOnce(16)).toBeGreaterThan(3);
  });
});
