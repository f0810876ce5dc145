// Issue 21, defence in depth: each scan runs in a child process under a heap limit. A device whose
// answer makes a parser throw inside a socket handler, fill the heap or spin forever ends that scan
// only: this process lives on, the scan is `failed` with a reason naming the device, what was found
// before is kept (store and contract JSON), and the next scan runs normally. The "device" is a real
// loopback TCP server; the plug-ins (fixtures/hostile-engine.ts) are built inside the scan process.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import schema from '../../../backend/schema/scan-result.schema.json' with { type: 'json' };
import type { ScanSummary } from '../../../backend/src/core/records.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import type { ScanResult } from '../../../backend/src/core/types.js';
import { ended, StandbyProcess, type IsolationOptions } from '../../../backend/src/pipeline/isolation/host.js';
import { retestIsolated, RetestStopped } from '../../../backend/src/pipeline/isolation/run.js';
import { ScanService } from '../../../backend/src/pipeline/scan-service.js';
import { Store } from '../../../backend/src/storage/store.js';
import { testTuning } from '../../helpers/context.js';

const MAC = '02:00:00:00:21:01';
let answer = 'fine\n';
let server: Server;
let port: number;
let dir: string;
let store: Store;

beforeAll(async () => {
  // The "device": answers every connection with whatever the test set.
  server = createServer((socket) => { socket.on('error', () => undefined); socket.end(answer); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mamori-isolation-'));
  store = await Store.open(dir);
});
afterEach(async () => {
  await store.flush();
  await rm(dir, { recursive: true, force: true });
});

function isolation(overrides: Partial<IsolationOptions> = {}): IsolationOptions {
  return {
    engine: { url: new URL('./fixtures/hostile-engine.ts', import.meta.url).href, exportName: 'createScanEngine', options: { port, mac: MAC } },
    // Small, so that filling it takes a moment; far above what the fixture needs.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
    ...overrides,
  };
}

function service(options: Partial<IsolationOptions> = {}, saved: ScanResult[] = []): ScanService {
  return new ScanService({
    // The parent keeps no plug-in of its own for these scans: only the check list, to know which ran.
    engine: { plugins: { discoverers: [], identifiers: [], probes: [], checks: [] } },
    store, log: createLogger({ level: 'silent' }), tuning: testTuning(),
    plan: () => ({ ok: true, targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: '127.0.0.1' }),
    loginChecks: () => false,
    saveResult: (result) => { saved.push(result); return Promise.resolve(); },
    isolation: isolation(options),
  });
}

function scanOnce(scans: ScanService): Promise<ScanSummary> {
  return new Promise((resolve, reject) => {
    const off = scans.events.on('scan:finished', (summary) => { off(); resolve(summary); });
    const started = scans.start();
    if (!started.ok) reject(new Error(started.error));
  });
}

const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
})();

describe('a scan whose process dies', () => {
  it('a throw inside a socket data handler fails that scan only, with the device named; partial results kept; the next scan completes', async () => {
    const saved: ScanResult[] = [];
    const scans = service({}, saved);
    const raised: string[] = [];
    scans.events.on('finding:raised', (f) => raised.push(f.checkId));
    answer = 'CRASH 0xdeadbeef\n';
    const failed = await scanOnce(scans);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatchObject({
      kind: 'crashed', ip: '127.0.0.1', transport: 'tcp', remotePort: port, whileReading: true,
      doing: `test-reads-hostile-answer 127.0.0.1:${port}`, stage: 'checks',
    });
    expect(failed.failureReason?.detail).toMatch(/TypeError: cannot read properties of a hostile answer \(CRASH 0xdeadbeef\)/);
    expect(failed.error).toMatch(/^The scan stopped on an unexpected error while reading an answer from 127\.0\.0\.1 \(tcp\/\d+\), during checks/);
    // What was relayed before the crash: in the store, on the dashboard's bus, in the contract JSON.
    expect(store.devices().map((d) => d.mac)).toEqual([MAC]);
    expect(store.devices()[0]!.services.map((s) => s.port)).toEqual([port]);
    expect(store.findings().map((f) => f.checkId)).toEqual(['test-raises-at-once']);
    expect(raised).toEqual(['test-raises-at-once']);
    expect(store.scans()[0]).toMatchObject({ id: failed.id, status: 'failed', failureReason: { kind: 'crashed' } });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.scan).toMatchObject({ status: 'failed', failureReason: { kind: 'crashed', ip: '127.0.0.1' } });
    expect(saved[0]!.findings.map((f) => f.checkId)).toEqual(['test-raises-at-once']);
    expect(validate(saved[0]), JSON.stringify(validate.errors)).toBe(true);

    answer = 'fine\n';
    const next = await scanOnce(scans);
    expect(next).toMatchObject({ status: 'completed', error: null });
    expect(next.failureReason).toBeUndefined();
    expect(validate(saved[1]), JSON.stringify(validate.errors)).toBe(true);
  });

  it('a heap blow-up while reading an answer ends the scan as out of memory, not this process', async () => {
    const scans = service();
    answer = 'BLOAT\n';
    const failed = await scanOnce(scans);
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatchObject({ kind: 'out-of-memory', ip: '127.0.0.1', remotePort: port, whileReading: true, detail: null });
    expect(failed.error).toMatch(/ran out of memory \(its limit is 64 MB\) while reading an answer from 127\.0\.0\.1/);
    expect(store.findings().map((f) => f.checkId)).toEqual(['test-raises-at-once']);
    answer = 'fine\n';
    expect((await scanOnce(scans)).status).toBe('completed');
  });

  it('pushing onto one array until the heap limit (fatal for a worker thread on Node 24) ends that scan only, the device named', async () => {
    const scans = service();
    answer = 'HOARD\n';
    const failed = await scanOnce(scans);
    // This test process is still here to read it: the abort ended the scan process only.
    expect(failed.status).toBe('failed');
    expect(failed.failureReason).toMatchObject({ kind: 'out-of-memory', ip: '127.0.0.1', transport: 'tcp', remotePort: port, whileReading: true });
    expect(failed.error).toMatch(/^The scan ran out of memory \(its limit is 64 MB\) while reading an answer from 127\.0\.0\.1 \(tcp\/\d+\)/);
    expect(store.findings().map((f) => f.checkId)).toEqual(['test-raises-at-once']);
    answer = 'fine\n';
    expect((await scanOnce(scans)).status).toBe('completed');
  });

  it('an event loop stuck in a parser is ended as stalled', async () => {
    const scans = service({ stallMs: 2000 });
    answer = 'SPIN\n';
    const failed = await scanOnce(scans);
    expect(failed).toMatchObject({ status: 'failed', failureReason: { kind: 'stalled', ip: '127.0.0.1', whileReading: true } });
    expect(store.findings().map((f) => f.checkId)).toEqual(['test-raises-at-once']);
  });

  it('cancel kills a process that ignores the abort within about a second, keeping what it found', async () => {
    const scans = service({ cancelGraceMs: 1000 });
    answer = 'HANG\n';
    const done = new Promise<ScanSummary>((resolve) => { const off = scans.events.on('scan:finished', (s) => { off(); resolve(s); }); });
    const reading = new Promise<void>((resolve) => { const off = scans.events.on('scan:progress', (p) => { if (p.current?.startsWith('test-reads')) { off(); resolve(); } }); });
    expect(scans.start().ok).toBe(true);
    await reading;
    const at = Date.now();
    scans.cancel();
    const summary = await done;
    // Generous: the grace period is 1 s; this only shows the process was not waited on for ever.
    expect(Date.now() - at).toBeLessThan(5000);
    expect(summary).toMatchObject({ status: 'cancelled' });
    expect(summary.failureReason).toBeUndefined();
    expect(store.findings().map((f) => f.checkId)).toEqual(['test-raises-at-once']);
  });
});

describe('a re-test whose process dies', () => {
  it('is refused with the reason, and the next re-test answers normally', async () => {
    const scans = service();
    answer = 'fine\n';
    expect((await scanOnce(scans)).status).toBe('completed');
    const device = store.devices()[0]!;
    // The finding the hostile check would raise, as if an earlier scan had stored it.
    const finding = { ...store.findings()[0]!, checkId: 'test-reads-hostile-answer' };
    const attempts: unknown[] = [];
    const deps = {
      isolation: isolation(), tuning: testTuning(), log: createLogger({ level: 'silent' }), loginChecks: false,
      loginChecksExcluded: [], scope: ['127.0.0.1/32'], devices: store.devices(), recordAttempt: (a: unknown) => attempts.push(a),
    };
    answer = 'CRASH again\n';
    const stopped = await retestIsolated(finding, device, deps).then(() => null, (error: unknown) => error);
    expect(stopped).toBeInstanceOf(RetestStopped);
    expect((stopped as Error).message).toMatch(/^The re-test stopped on an unexpected error while reading an answer from 127\.0\.0\.1 \(tcp\/\d+\)/);
    answer = 'fine\n';
    expect(await retestIsolated(finding, device, deps)).toMatchObject({ outcome: 'not-raised' });
    // Scope is decided inside the scan process from the ranges given: outside them, refused.
    expect(await retestIsolated(finding, device, { ...deps, scope: ['10.0.0.0/24'] })).toMatchObject({ status: 409 });
  });
});

describe('the standby process', () => {
  it('is used only for the same engine, tuning and limits', async () => {
    const standby = new StandbyProcess();
    standby.prepare(isolation(), testTuning());
    expect(standby.ready).toBe(true);
    expect(standby.take(isolation(), testTuning({ greetingMs: 999 }))).toBeNull(); // another tuning: dropped
    standby.prepare(isolation(), testTuning());
    const taken = standby.take(isolation(), testTuning());
    expect(taken).not.toBeNull();
    expect(standby.ready).toBe(false);
    await ended(taken!);
    await standby.close();
  });

  it('runs the scans, and a fresh one is ready after each, a crash included', async () => {
    const standby = new StandbyProcess();
    const scans = service({ standby });
    standby.prepare(isolation({ standby }), testTuning());
    answer = 'CRASH once more\n';
    expect(await scanOnce(scans)).toMatchObject({ status: 'failed', failureReason: { kind: 'crashed' } });
    expect(standby.ready).toBe(true);
    answer = 'fine\n';
    expect(await scanOnce(scans)).toMatchObject({ status: 'completed' });
    expect(standby.ready).toBe(true);
    await standby.close();
    expect(standby.ready).toBe(false);
  });
});
