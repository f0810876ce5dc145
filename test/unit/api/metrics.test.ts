// GET /metrics: Prometheus text format, values from the real store and scan events, and access
// only with a session, the metrics token, or when the owner made it public.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Auth } from '../../../backend/src/api/auth.js';
import type { ScanSummary, Snapshot, StoredFinding } from '../../../backend/src/api/contract.js';
import { createMetrics, METRICS_CONTENT_TYPE } from '../../../backend/src/api/metrics.js';
import { parseProcStatus } from '../../../backend/src/core/capabilities.js';
import { EventBus, type ApplianceEvents } from '../../../backend/src/core/events.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const TOKEN = 'scrape-token-0123456789abcdef';
const running: TestAppliance[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const test of running) await test.stop();
  for (const dir of dirs) await removeDir(dir);
});

function scan(id: string, overrides: Partial<ScanSummary> = {}): ScanSummary {
  return {
    id, status: 'completed', startedAt: '2026-11-24T10:00:00.000Z', finishedAt: '2026-11-24T10:00:07.500Z',
    targets: ['10.77.0.0/24'], loginChecks: false, stats: { addressesProbed: 254, devicesFound: 9, durationMs: 7500 }, error: null,
    ...overrides,
  };
}

function finding(key: string, severity: StoredFinding['severity'], status: StoredFinding['status']): StoredFinding {
  return {
    key, family: 'cleartext-service', service: 'telnet', ip: '10.77.0.11', mac: 'a4:14:37:77:00:11', port: 23, transport: 'tcp',
    severity, confidence: 'confirmed', title: 't', evidence: 'e', responsible: ['user'], fix: ['f'], checkId: 'cleartext-service-telnet',
    deviceId: 'mac-a41437770011', status, firstSeen: '2026-11-24T10:00:00.000Z', lastSeen: '2026-11-24T10:00:00.000Z',
  };
}

/** A data directory as an earlier run left it: 2 devices, 4 findings (3 open), 2 finished scans. */
async function seededDataDir(): Promise<string> {
  const dir = await makeTempDir('mamori-metrics-');
  dirs.push(dir);
  const device = (n: number) => ({ id: `mac-00000000000${n}`, ip: `10.77.0.${n}`, mac: `00:00:00:00:00:0${n}`, firstSeen: 'a', lastSeen: 'b' });
  await writeFile(join(dir, 'state.json'), JSON.stringify({
    schemaVersion: 1,
    devices: [device(1), device(2)],
    findings: [finding('a', 'critical', 'open'), finding('b', 'high', 'open'), finding('c', 'high', 'open'), finding('d', 'critical', 'resolved')],
    scans: [scan('new', { finishedAt: '2026-11-24T11:00:02.250Z', stats: { addressesProbed: 254, devicesFound: 2, durationMs: 2250 } }), scan('old')],
  }));
  return dir;
}

/** The appliance labels every sample with its site (settings.site.id, "home" by default): checked, then left out of the keys. */
function withoutSite(samples: Map<string, number>): Map<string, number> {
  const plain = new Map<string, number>();
  for (const [key, value] of samples) {
    expect(key).toMatch(/\{site="home"[,}]/);
    plain.set(key.replace(/\{site="home"\}$/, '').replace('{site="home",', '{'), value);
  }
  return plain;
}

/** Checks the exposition format line by line: HELP and TYPE before each family's samples, valid names, labels and values. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['counter', 'gauge']).toContain(meta[3]);
        typed.add(meta[2]!);
      }
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*\})? (-?[0-9.e+]+|NaN|[+-]Inf)$/.exec(line);
    expect(sample, `not a valid sample line: ${line}`).not.toBeNull();
    expect(typed.has(sample![1]!), `${sample![1]} has no TYPE before its samples`).toBe(true);
    samples.set(`${sample![1]}${sample![2] ?? ''}`, Number(sample![3]));
  }
  return samples;
}

describe('GET /metrics on a running appliance', () => {
  it('needs a session or the token by default, and says how to get in', async () => {
    const test = await startTestAppliance({ dataDir: await seededDataDir(), config: { metricsToken: TOKEN } });
    running.push(test);
    const anonymous = await test.request({ path: '/metrics' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.text).toMatch(/session or the metrics token/);
    expect(anonymous.text).not.toMatch(/mamori_/);
    for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      expect((await test.request({ path: '/metrics', headers: { authorization: wrong } })).status, wrong).toBe(401);
    }
    const scraper = await test.request({ path: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraper.status).toBe(200);
    expect(scraper.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    expect(scraper.headers['cache-control']).toBe('no-store');
    const session = await setUpOwner(test);
    expect((await test.request({ path: '/metrics', session })).status).toBe(200);
    // Health stays minimal and public.
    expect((await test.request({ path: '/api/health' })).json).toEqual({ ok: true, version: expect.any(String) });
  });

  it('reports the stored devices, open findings by severity and the last scan duration', async () => {
    const test = await startTestAppliance({ dataDir: await seededDataDir(), config: { metricsToken: TOKEN } });
    running.push(test);
    const samples = withoutSite(parseExposition((await test.request({ path: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).text));
    expect(samples.get('mamori_site_info{name=""}')).toBe(1);
    expect(samples.get('mamori_devices')).toBe(2);
    expect(samples.get('mamori_findings_open{severity="critical"}')).toBe(1);
    expect(samples.get('mamori_findings_open{severity="high"}')).toBe(2);
    expect(samples.get('mamori_findings_open{severity="medium"}')).toBe(0);
    expect(samples.get('mamori_findings_open{severity="info"}')).toBe(0);
    expect(samples.get('mamori_last_scan_duration_seconds')).toBe(2.25);
    expect(samples.get('mamori_last_scan_finished_timestamp_seconds')).toBe(Date.parse('2026-11-24T11:00:02.250Z') / 1000);
    expect(samples.get('mamori_scan_running')).toBe(0);
    expect(samples.get('mamori_scans_total{status="completed"}')).toBe(0); // counted since this process started
    expect(samples.get('mamori_info{version="0.1.0"}')).toBe(1);
    const rss = samples.get('process_resident_memory_bytes')!;
    expect(rss).toBeGreaterThan(10 * 1024 * 1024);
    expect(rss).toBeLessThan(4 * 1024 * 1024 * 1024);
    expect(samples.get('mamori_process_root')).toBe(process.getuid?.() === 0 ? 1 : 0);
    expect(samples.has('mamori_process_capability{capability="CAP_NET_RAW"}')).toBe(true);
  });

  it('MAMORI_METRICS_PUBLIC=yes opens it to anyone (and only then)', async () => {
    const test = await startTestAppliance({ config: { metricsPublic: true } });
    running.push(test);
    const open = await test.request({ path: '/metrics' });
    expect(open.status).toBe(200);
    expect(withoutSite(parseExposition(open.text)).get('mamori_devices')).toBe(0);
    expect(test.lines.some((l) => /GET \/metrics is public/.test(l))).toBe(true);
  });

  it('without a token configured, a bearer header opens nothing', async () => {
    const test = await startTestAppliance();
    running.push(test);
    expect((await test.request({ path: '/metrics', headers: { authorization: 'Bearer ' } })).status).toBe(401);
    expect((await test.request({ path: '/metrics', headers: { authorization: 'Bearer null' } })).status).toBe(401);
  });
});

describe('createMetrics', () => {
  it('counts scans by final status from the scan events, and a running scan', async () => {
    const dir = await makeTempDir('mamori-metrics-auth-');
    dirs.push(dir);
    const events = new EventBus<ApplianceEvents>();
    let snapshot: Snapshot = { devices: [], findings: [], scans: [], running: null, progress: null, settings: { targets: [], loginChecks: false } };
    const metrics = createMetrics({
      snapshot: () => snapshot, scanEvents: events, version: 'x', auth: await Auth.open(join(dir, 'auth.json')),
      privileges: parseProcStatus('Uid:\t65534\t65534\t65534\t65534\nCapEff:\t0000000000002000\n'),
      access: { public: false, token: null }, rss: () => 123456789,
    });
    const done = (id: string, status: ScanSummary['status']) => scan(id, { status });
    events.emit('scan:started', done('1', 'running'));
    snapshot = { ...snapshot, running: done('1', 'running') };
    let samples = parseExposition(metrics.render());
    expect(samples.get('mamori_scans_started_total')).toBe(1);
    expect(samples.get('mamori_scan_running')).toBe(1);
    expect(samples.has('mamori_last_scan_duration_seconds')).toBe(false); // no finished scan yet: no sample, not a made-up 0
    for (const [id, status] of [['1', 'completed'], ['2', 'completed'], ['3', 'cancelled'], ['4', 'failed']] as const) events.emit('scan:finished', done(id, status));
    snapshot = { ...snapshot, running: null };
    samples = parseExposition(metrics.render());
    expect(samples.get('mamori_scans_total{status="completed"}')).toBe(2);
    expect(samples.get('mamori_scans_total{status="cancelled"}')).toBe(1);
    expect(samples.get('mamori_scans_total{status="failed"}')).toBe(1);
    expect(samples.get('mamori_scan_running')).toBe(0);
    expect(samples.get('process_resident_memory_bytes')).toBe(123456789);
    expect(samples.get('mamori_process_root')).toBe(0);
    expect(samples.get('mamori_process_capability{capability="CAP_NET_RAW"}')).toBe(1);
    expect(samples.get('mamori_process_capability{capability="CAP_NET_BIND_SERVICE"}')).toBe(0);
  });

  it('escapes label values', () => {
    const metrics = createMetrics({
      snapshot: () => ({ devices: [], findings: [], scans: [], running: null, progress: null, settings: { targets: [], loginChecks: false } }),
      scanEvents: new EventBus<ApplianceEvents>(), version: 'a"b\\c\nd', privileges: null,
      auth: null as unknown as Auth, access: { public: true, token: null },
    });
    const samples = parseExposition(metrics.render());
    expect(samples.get('mamori_info{version="a\\"b\\\\c\\nd"}')).toBe(1);
  });
});
