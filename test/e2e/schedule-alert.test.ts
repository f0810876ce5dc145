// Acceptance: "a scheduled scan runs and delivers a webhook to a local receiver". Inside the lab's
// scanner namespace run (1) a webhook receiver on that namespace's loopback, a separate process
// that writes what it receives to a file, and (2) the appliance's own scheduler, scan service and
// alerts (backend/dist), with an injected clock: 6-hourly schedule, quiet hours 22:00–07:00 UTC.
// The clock is moved into the quiet hours (no scan), then to their end (the scheduled scan), which
// really scans the lab and posts the new devices to the receiver.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../backend/src/alerts/message.js';
import { expected, ROOT, SCANNER_NS } from './lab.js';

const lab = expected();
const work = mkdtempSync(join(tmpdir(), 'mamori-e2e-schedule-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const RECEIVER = `
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    appendFileSync(process.env.OUT, JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null, body: Buffer.concat(chunks).toString() }) + '\\n');
    res.writeHead(204).end();
  });
});
server.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
setTimeout(() => process.exit(0), 90000).unref();
`;

const DRIVER = `
const dist = (p) => import(process.env.DIST + p);
const { ScanService } = await dist('/pipeline/scan-service.js');
const { Scheduler } = await dist('/pipeline/scheduler.js');
const { AlertService } = await dist('/alerts/service.js');
const { SettingsStore } = await dist('/storage/settings.js');
const { Store } = await dist('/storage/store.js');
const { createPluginSet } = await dist('/plugin-set.js');
const { planScan } = await dist('/scope/resolve.js');
const { DEFAULT_TUNING } = await dist('/config/tuning.js');
const { createLogger } = await dist('/core/logger.js');
const log = createLogger({ level: 'warn' });
const settings = await SettingsStore.open(process.env.DATA + '/settings.json');
const update = await settings.update({
  targets: [{ cidr: process.env.SUBNET, consent: true }],
  schedule: { entries: [{ kind: 'interval', everyMinutes: 360 }], timeZone: 'utc', quietHours: { enabled: true, start: '22:00', end: '07:00' } },
  notifications: { webhook: { enabled: true, url: process.env.HOOK, token: 'e2e-token' } },
});
if (!update.ok) throw new Error(update.error);
const store = await Store.open(process.env.DATA);
const { SCAN_RESOURCE_LIMITS } = await dist('/pipeline/isolation/host.js');
const scans = new ScanService({
  engine: createPluginSet(), store, log, tuning: DEFAULT_TUNING, loginChecks: () => false,
  // As the appliance runs it: the scan in a child process built from plugin-set.js, under the heap limit.
  isolation: { engine: { url: 'file://' + process.env.DIST + '/plugin-set.js', exportName: 'createPluginSet' }, resourceLimits: SCAN_RESOURCE_LIMITS },
  plan: () => planScan(settings.current.targets.filter((t) => t.consent).map((t) => t.cidr), null, { allowPublic: false, allowLarge: false }),
});
const alerts = new AlertService({ changes: scans.changes, settings: () => settings.current, log });
let time = Date.parse('2026-11-24T21:00:00Z');
const clock = { now: () => new Date(time), setTimeout: () => 0, clearTimeout: () => undefined };
const scheduler = new Scheduler({
  settings: () => settings.current.schedule, clock, log,
  lastScanAt: () => (store.scans()[0] ? new Date(store.scans()[0].startedAt) : null),
  startScan: () => scans.start(undefined, 'schedule'),
});
const report = { nextRun: scheduler.nextRun().toISOString() };
time = Date.parse('2026-11-25T03:00:00Z');
report.tickInQuietHours = scheduler.tick();
time = Date.parse('2026-11-25T07:00:00Z');
report.tickAtEnd = scheduler.tick();
await scans.whenIdle();
await alerts.idle();
report.scan = store.scans()[0];
report.devices = store.devices().map((d) => d.ip);
report.alerts = alerts.lastResults;
console.log(JSON.stringify(report));
process.exit(0);
`;

function inScanner(script: string, env: Record<string, string>, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', SCANNER_NS, process.execPath, '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env } });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); onLine?.(out); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timed out:\n${err}`)); }, 100_000);
    child.on('close', (code) => { clearTimeout(timer); if (code === 0) resolve(out); else reject(new Error(`exit ${code}:\n${err}`)); });
  });
}

describe('scheduled scan with a webhook alert, inside the lab', () => {
  it('runs at the end of the quiet hours, scans the lab and posts the new devices', async () => {
    const received = join(work, 'received.jsonl');
    const port = await new Promise<string>((resolve, reject) => {
      inScanner(RECEIVER, { OUT: received }, (out) => { const m = /port (\d+)/.exec(out); if (m) resolve(m[1]!); }).catch(reject);
    });
    const output = await inScanner(DRIVER, {
      DIST: join(ROOT, 'backend/dist'), DATA: join(work, 'data'), SUBNET: lab.subnet, HOOK: `http://127.0.0.1:${port}/hooks/mamori`,
    });
    const report = JSON.parse(output.trim().split('\n').at(-1)!) as {
      nextRun: string; tickInQuietHours: boolean; tickAtEnd: boolean; devices: string[];
      scan: { status: string; trigger: string; startedAt: string }; alerts: unknown[];
    };
    // 21:00 + 6 h = 03:00, inside quiet hours: the schedule moves it to their end.
    expect(report.nextRun).toBe('2026-11-25T07:00:00.000Z');
    expect(report.tickInQuietHours).toBe(false);
    expect(report.tickAtEnd).toBe(true);
    expect(report.scan).toMatchObject({ status: 'completed', trigger: 'schedule' });
    expect(report.alerts).toEqual([{ channel: 'webhook', ok: true }]);

    const posts = readFileSync(received, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; auth: string; body: string });
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ path: '/hooks/mamori', auth: 'Bearer e2e-token' });
    const message = JSON.parse(posts[0]!.body) as AlertMessage;
    expect(message.kind).toBe('changes');
    const alerted = message.items.filter((i) => i.event === 'new-device').map((i) => i.ip).sort();
    expect(alerted).toEqual(lab.devices.map((d) => d.ip).sort());
    expect(report.devices.sort()).toEqual(alerted);
    // Unauthenticated open services of the lab are new weaknesses in the same message.
    expect(message.items.some((i) => i.event === 'new-finding' && i.ip === lab.devices.find((d) => d.tcpPorts.includes(23))!.ip)).toBe(true);
  });
});
