// Each finished scan's contract JSON is kept in <dataDir>/scans/<id>.json (0600, directory 0700),
// read back by period, and pruned with the scan history. A real loopback scan through ScanService
// (busybox telnetd with a planted factory password) shows the file holds the finding, masked,
// and never the password itself.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSummary } from '../../../backend/src/api/contract.js';
import { checks } from '../../../backend/src/checks/index.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer } from '../../../backend/src/core/plugins.js';
import type { ScanResult } from '../../../backend/src/core/types.js';
import { createPluginSet } from '../../../backend/src/plugin-set.js';
import { probes } from '../../../backend/src/probes/index.js';
import { ScanService } from '../../../backend/src/pipeline/scan-service.js';
import { ScanResultStore } from '../../../backend/src/storage/scan-results.js';
import { Store } from '../../../backend/src/storage/store.js';
import { testTuning } from '../../helpers/context.js';
import { countingLoginScript } from '../../helpers/login-scripts.js';
import { startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';

const PASSWORD = 'hiklinux';
const dirs: string[] = [];
const temp = async () => { const d = await mkdtemp(join(tmpdir(), 'mamori-results-')); dirs.push(d); return d; };
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

function result(id: string, startedAt: string): ScanResult {
  return {
    schema: 'mamori.scan-result/1',
    scan: { id, startedAt, finishedAt: startedAt, targets: ['127.0.0.1/32'], interface: 'lo', loginChecks: false, status: 'completed', stats: { addressesProbed: 1, devicesFound: 0, durationMs: 1 } },
    devices: [], findings: [],
  } as unknown as ScanResult;
}

describe('ScanResultStore', () => {
  it('writes 0600 files in a 0700 directory and reads them back by period, oldest first', async () => {
    const dir = await temp();
    const results = new ScanResultStore(dir);
    await results.write(result('b-scan', '2026-11-20T10:00:00.000Z'));
    await results.write(result('a-scan', '2026-11-21T23:59:59.999Z'));
    await results.write(result('c-scan', '2026-11-22T00:00:00.000Z'));
    expect((await stat(join(dir, 'scans'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 'scans', 'a-scan.json'))).mode & 0o777).toBe(0o600);
    const got = await results.inPeriod(new Date('2026-11-20T00:00:00Z'), new Date('2026-11-22T00:00:00Z'));
    expect(got.map((r) => r.id)).toEqual(['b-scan', 'a-scan']);
    expect(got[0]!.bytes.equals(await readFile(join(dir, 'scans', 'b-scan.json')))).toBe(true);
  });

  it('leaves out damaged files and refuses ids that are not plain names', async () => {
    const dir = await temp();
    const results = new ScanResultStore(dir);
    await results.write(result('good', '2026-11-20T10:00:00.000Z'));
    await writeFile(join(dir, 'scans', 'broken.json'), '{"schema":');
    await writeFile(join(dir, 'scans', 'other.json'), JSON.stringify(result('not-other', '2026-11-20T10:00:00.000Z')));
    expect((await results.inPeriod(new Date(0), new Date('2030-01-01'))).map((r) => r.id)).toEqual(['good']);
    await expect(results.write(result('../escape', '2026-11-20T10:00:00.000Z'))).rejects.toThrow(/refusing/);
  });

  it('prunes the results of scans no longer kept, and only those', async () => {
    const dir = await temp();
    const results = new ScanResultStore(dir);
    for (const id of ['keep-1', 'drop-1', 'keep-2']) await results.write(result(id, '2026-11-20T10:00:00.000Z'));
    expect(await results.prune((id) => id.startsWith('keep'))).toBe(1);
    expect((await results.ids()).sort()).toEqual(['keep-1', 'keep-2']);
  });
});

describe('the appliance keeps each scan result (loopback scan, factory telnet password)', () => {
  let telnetd: Telnetd;
  beforeAll(async () => { telnetd = await startBusyboxTelnetd({ script: countingLoginScript('root', PASSWORD) }); });
  afterAll(async () => { await telnetd?.stop(); });

  it('writes scans/<id>.json with the finding masked, never the password, and prunes it with the history', async () => {
    const dir = await temp();
    const store = await Store.open(dir);
    const results = new ScanResultStore(dir);
    // Reports the loopback address only, as a Hikvision camera (whose factory pair includes the planted one).
    const loopback = defineDiscoverer({
      id: 'test-loopback', description: 'reports 127.0.0.1',
      run: (_ctx, report) => { report({ source: 'test-loopback', ip: '127.0.0.1', mac: 'a4:14:37:00:00:11' }); return Promise.resolve(); },
    });
    let keep = 1;
    const scans = new ScanService({
      engine: { plugins: { discoverers: [loopback], identifiers: createPluginSet().plugins.identifiers, probes: probes.filter((p) => p.id === 'tcp-ports' || p.id === 'service-id'), checks: checks.filter((c) => c.id === 'default-credentials-telnet') } },
      store, log: createLogger({ level: 'silent' }), tuning: testTuning({ tcpPorts: [telnetd.port] }),
      plan: () => ({ ok: true, targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: '127.0.0.1' }),
      loginChecks: () => true,
      saveResult: (r) => results.write(r),
      afterScan: () => { store.pruneScans(keep, new Date(0)); void results.prune((id) => store.scans().some((s) => s.id === id)); },
    });
    const finished = () => new Promise<ScanSummary>((resolve) => { const off = scans.events.on('scan:finished', (s) => { off(); resolve(s); }); });
    const done = finished();
    const started = scans.start();
    expect(started.ok).toBe(true);
    const summary = await done;
    expect(summary.status).toBe('completed');
    const file = join(dir, 'scans', `${summary.id}.json`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    const stored = JSON.parse(text) as ScanResult;
    expect(stored.scan.id).toBe(summary.id);
    // The weakness is in the file (so the search below is not vacuous)…
    const finding = stored.findings.find((f) => f.family === 'default-credentials' && f.service === 'telnet');
    expect(finding?.evidence).toMatch(/h\*+x/);
    // …and the password is not, anywhere in it.
    expect(new RegExp(`(^|[^A-Za-z0-9_])${PASSWORD}([^A-Za-z0-9_]|$)`).test(text)).toBe(false);
    expect(text.includes(PASSWORD)).toBe(false);

    // A second scan with retention 1: the first scan leaves the history, and its file goes with it.
    keep = 1;
    const again = finished();
    scans.start();
    const second = await again;
    for (let i = 0; i < 100 && (await results.ids()).length > 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await results.ids()).toEqual([second.id]);
    await store.flush();
  });
});
