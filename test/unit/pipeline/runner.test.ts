import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { EventBus, type ScanEventName, type ScanEvents } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer, defineIdentifier, type Discoverer, type ScanTuning } from '../../../backend/src/core/plugins.js';
import type { ScanResult } from '../../../backend/src/core/types.js';
import { findingKey } from '../../../backend/src/findings/build.js';
import { runScan, type ScanPlugins } from '../../../backend/src/pipeline/runner.js';
import { probes } from '../../../backend/src/probes/index.js';
import { testTuning } from '../../helpers/context.js';
import { freePort, LOOPBACK, startHttpServer, startSilentServer, type RunningServer } from '../../helpers/net.js';
import { startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';

const MAC = 'a4:14:37:00:00:11';
const EVENT_NAMES: ScanEventName[] = ['scan:started', 'scan:progress', 'device:found', 'device:updated', 'service:found', 'finding:raised', 'scan:finished'];

let telnetd: Telnetd;
let web: RunningServer;
let silent: RunningServer;
let closed: number;

beforeAll(async () => {
  [telnetd, web, silent, closed] = await Promise.all([
    startBusyboxTelnetd(),
    startHttpServer((_req, res) => { res.writeHead(200, { Server: 'lighttpd' }); res.end('<title>Camera</title>'); }),
    startSilentServer(),
    freePort(),
  ]);
});

afterAll(async () => {
  await Promise.all([telnetd?.stop(), web?.close(), silent?.close()]);
});

/** Reports the loopback "camera" once; loopback is the only address any test touches. */
const loopbackDiscoverer = defineDiscoverer({
  id: 'test-loopback',
  description: 'reports 127.0.0.1 as a camera',
  async run(_ctx, report) { report({ source: 'test-loopback', ip: LOOPBACK, mac: MAC }); },
});

const cameraIdentifier = defineIdentifier({
  id: 'test-camera',
  description: 'calls a device with telnet a camera',
  identify: (device) => device.services.some((s) => s.service === 'telnet')
    ? { type: 'camera', evidence: [{ source: 'test-camera', detail: 'speaks telnet' }] }
    : { vendor: 'Hikvision' },
});

function plugins(discoverers: Discoverer[] = [loopbackDiscoverer]): ScanPlugins {
  return { discoverers, identifiers: [cameraIdentifier], probes, checks };
}

interface Recorded { name: ScanEventName; payload: ScanEvents[ScanEventName] }

async function scan(tuning: Partial<ScanTuning>, signal = new AbortController().signal, discoverers?: Discoverer[], onEvent?: (e: Recorded) => void) {
  const bus = new EventBus();
  const events: Recorded[] = [];
  for (const name of EVENT_NAMES) {
    bus.on(name, (payload) => { const e = { name, payload } as Recorded; events.push(e); onEvent?.(e); });
  }
  const result = await runScan(
    { targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: LOOPBACK, loginChecks: false },
    { plugins: plugins(discoverers), bus, log: createLogger({ level: 'silent' }), tuning: testTuning({ greetingMs: 300, exchangeTimeoutMs: 800, ...tuning }) },
    signal,
  );
  return { result, events, names: events.map((e) => e.name) };
}

describe('runScan with real probes and the telnet check on loopback', () => {
  let first: Awaited<ReturnType<typeof scan>>;
  let second: ScanResult;

  beforeAll(async () => {
    const ports = [telnetd.port, web.port, closed];
    first = await scan({ tcpPorts: ports });
    second = (await scan({ tcpPorts: ports })).result;
  });

  it('completes with the discovered device, identified after probing', () => {
    const { result } = first;
    expect(result.schema).toBe('mamori.scan-result/1');
    expect(result.scan).toMatchObject({ status: 'completed', targets: ['127.0.0.1/32'], interface: 'lo', loginChecks: false });
    expect(result.scan.stats).toMatchObject({ addressesProbed: 1, devicesFound: 1 });
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]).toMatchObject({ ip: LOOPBACK, mac: MAC, type: 'camera', discoveredBy: ['test-loopback'] });
    expect(result.devices[0]!.evidence).toContainEqual({ source: 'test-camera', detail: 'speaks telnet' });
  });

  it('names the open services by what they say, and leaves the closed port out', () => {
    const services = first.result.devices[0]!.services;
    expect(services.map((s) => s.port).sort()).toEqual([telnetd.port, web.port].sort());
    expect(services.find((s) => s.port === telnetd.port)?.service).toBe('telnet');
    expect(services.find((s) => s.port === web.port)).toMatchObject({ service: 'http', product: 'lighttpd' });
    expect(services.some((s) => s.port === closed)).toBe(false);
  });

  it('raises exactly one cleartext-service telnet finding, on the telnet port only', () => {
    expect(first.result.findings).toHaveLength(1);
    expect(first.result.findings[0]).toMatchObject({
      family: 'cleartext-service', service: 'telnet', ip: LOOPBACK, mac: MAC, port: telnetd.port, transport: 'tcp',
      confidence: 'confirmed', checkId: 'cleartext-service-telnet', severity: 'high',
    });
  });

  it('gives the finding a stable key: a second scan yields the same key, derived from the MAC', () => {
    const key = first.result.findings[0]!.key;
    expect(second.findings.map((f) => f.key)).toEqual([key]);
    expect(key).toBe(findingKey(MAC, 'cleartext-service-telnet', 'tcp', telnetd.port));
    expect(second.scan.id).not.toBe(first.result.scan.id);
  });

  it('emits events in order: started first, finished last, device before finding', () => {
    const { names, events, result } = first;
    expect(names[0]).toBe('scan:started');
    expect(names.at(-1)).toBe('scan:finished');
    expect(names.filter((n) => n === 'scan:started' || n === 'scan:finished')).toHaveLength(2);
    const found = names.indexOf('device:found');
    const raised = names.indexOf('finding:raised');
    expect(found).toBeGreaterThan(0);
    expect(raised).toBeGreaterThan(found);
    expect(names.filter((n) => n === 'device:found')).toHaveLength(1);
    expect(names.filter((n) => n === 'finding:raised')).toHaveLength(1);
    const servicePorts = events.filter((e) => e.name === 'service:found').map((e) => (e.payload as ScanEvents['service:found']).service.port);
    expect(servicePorts.sort()).toEqual([telnetd.port, web.port].sort());
    const progress = events.filter((e) => e.name === 'scan:progress').map((e) => e.payload as ScanEvents['scan:progress']);
    expect(progress.at(-1)).toMatchObject({ stage: 'done', percent: 100 });
    const percents = progress.map((p) => p.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect((events.at(-1)!.payload as ScanEvents['scan:finished']).result).toBe(result);
    // Every event belongs to this scan.
    expect(new Set(events.map((e) => (e.payload as { scanId: string }).scanId))).toEqual(new Set([result.scan.id]));
  });

  it('cancels quickly when aborted mid-probe, keeping the device and the ports found so far', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const started = performance.now();
    const { result, names } = await scan({ tcpPorts: [telnetd.port, silent.port] }, controller.signal, undefined, (e) => {
      // Abort while service-id is still listening to the silent port.
      if (e.name === 'service:found' && abortedAt === 0) {
        abortedAt = -1;
        setTimeout(() => { abortedAt = performance.now(); controller.abort(); }, 100);
      }
    });
    const finished = performance.now();
    expect(abortedAt).toBeGreaterThan(started);
    expect(finished - abortedAt).toBeLessThan(1000);
    expect(result.scan.status).toBe('cancelled');
    expect(result.devices).toHaveLength(1);
    expect(result.devices[0]!.services.map((s) => s.port).sort()).toEqual([telnetd.port, silent.port].sort());
    expect(names.at(-1)).toBe('scan:finished');
  });

  it('cancels during discovery: keeps the device reported, and what its probing (started at once) found', async () => {
    const controller = new AbortController();
    const slowDiscoverer = defineDiscoverer({
      id: 'test-slow',
      description: 'reports one device, then waits (bounded) for the scan to be aborted',
      async run(ctx, report) {
        report({ source: 'test-slow', ip: LOOPBACK, mac: MAC });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          ctx.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
        });
      },
    });
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const { result } = await scan({ tcpPorts: [web.port] }, controller.signal, [slowDiscoverer]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.scan.status).toBe('cancelled');
    expect(result.devices).toEqual([expect.objectContaining({ ip: LOOPBACK, mac: MAC })]);
    // Streaming: the device entered probing the moment it was found, long before discovery ended.
    expect(result.devices[0]!.services.map((s) => s.port)).toEqual([web.port]);
    expect(result.findings).toEqual([]);
  });

  it('without the abort the same slow-to-answer port list completes (control for the cancel test)', async () => {
    const { result } = await scan({ tcpPorts: [telnetd.port, silent.port] });
    expect(result.scan.status).toBe('completed');
    expect(result.devices[0]!.services.find((s) => s.port === silent.port)?.service).toBe('unknown');
    expect(result.findings).toHaveLength(1);
  });
});
