// Issue #19 acceptance: three appliances (three sites, all scanning the same lab range — the
// overlapping 192.168.1.0/24 of three customer homes) publish to ONE real mosquitto; a central
// subscriber on `#` sees each site's state, devices and findings under its own topics. The broker
// is stopped while the scans run (on the first device found) and started again once every site has
// found devices during the outage: every device and finding event published meanwhile arrives
// (the appliances' on-disk outbox; the broker's persistence keeps the subscriber's session).
// Broker and subscriber run in the lab's scanner namespace on its own loopback; every process is
// stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientToServerEvents, ScanSummary, ServerToClientEvents, Snapshot, StoredDevice } from '../../backend/src/api/contract.js';
import { GOOD_PASSWORD, send, sessionFrom } from '../helpers/appliance.js';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { expected, ROOT, SCANNER_NS } from './lab.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const lab = expected();
const SITES = ['ueno-shop', 'kanda-home', 'yanaka-cafe'] as const;
/** Planted weaknesses every scan finds without login tests (as test/e2e/exposure.test.ts). */
const COVERED: Record<string, string[]> = {
  'anonymous-access': ['ftp', 'mqtt', 'rtsp', 'http'],
  'cleartext-service': ['ftp', 'http', 'mqtt', 'rtsp'],
  'tls-weakness': ['https', 'mqtts', 'tls'],
};
const planted = lab.devices.flatMap((d) => d.weaknesses.filter((w) => COVERED[w.family]?.includes(w.service)).map((w) => `${d.ip} ${w.family}/${w.service}:${w.port}`));
const work = mkdtempSync(join(tmpdir(), 'mamori-e2e-sites-mqtt-'));
chmodSync(work, 0o777); // mosquitto drops to its own user before reading its config and writing persistence
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const seenFile = join(work, 'seen.jsonl');

// ---- the broker: mosquitto in the scanner namespace, persistence on (retained + offline sessions) ----
const conf = join(work, 'mosquitto.conf');
writeFileSync(conf, [
  `listener ${PORT} 127.0.0.1`, 'allow_anonymous true', 'persistence true', `persistence_location ${work}/`,
  'autosave_interval 1', 'max_queued_messages 100000', 'log_dest stderr', 'log_type error', '',
].join('\n'));
let broker: ChildProcess | null = null;
let brokerLog = '';
function startBroker(): void {
  broker = spawn('ip', ['netns', 'exec', SCANNER_NS, '/usr/sbin/mosquitto', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  broker.stderr!.on('data', (d: Buffer) => { brokerLog += d.toString(); });
}
async function stopBroker(): Promise<void> {
  const running = broker;
  broker = null;
  if (!running || running.exitCode !== null || running.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => running.kill('SIGKILL'), 10_000);
    running.once('exit', () => { clearTimeout(force); resolve(); });
    running.kill('SIGTERM'); // `ip netns exec` execs mosquitto in place: this PID is the broker's
  });
}

// ---- the central subscriber: the `mqtt` package, persistent session, every message to a file ----
const SUBSCRIBER = `
import { appendFileSync } from 'node:fs';
import { connect } from 'mqtt';
const client = connect('mqtt://127.0.0.1:${PORT}', { clientId: 'central-collector', clean: false, reconnectPeriod: 300, connectTimeout: 5000 });
client.on('error', () => undefined);
client.on('connect', async (connack) => {
  if (!connack.sessionPresent) await client.subscribeAsync('#', { qos: 1 });
  console.log('subscribed');
});
client.on('message', (topic, payload, packet) => appendFileSync(process.env.OUT, JSON.stringify({ topic, payload: payload.toString('utf8'), retain: packet.retain }) + '\\n'));
setTimeout(() => process.exit(0), 900000).unref();
`;
let subscriber: ChildProcess | null = null;
let subscribed = 0;

interface Seen { topic: string; payload: string; retain: boolean }
function seen(): Seen[] {
  if (!existsSync(seenFile)) return [];
  return readFileSync(seenFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Seen);
}
const lastJson = <T>(messages: Seen[], topic: string): T | undefined => {
  const last = messages.filter((m) => m.topic === topic).at(-1);
  return last ? JSON.parse(last.payload) as T : undefined;
};

/** A device id as a topic level (alerts/mqtt/topics.ts topicLevel). */
const deviceLevel = (id: string): string => id.replace(/[+#/\s\p{Cc}]/gu, '_').slice(0, 200) || '_';

async function until(what: string, test: () => boolean, timeout: number): Promise<void> {
  await vi.waitFor(() => { if (!test()) throw new Error(`waiting for ${what}`); }, { timeout, interval: 200 });
}

// ---- three appliances ----
interface Site {
  id: string;
  appliance: RunningAppliance;
  session: string;
  socket: Client;
  found: StoredDevice[];
  foundDuringOutage: StoredDevice[];
  scanId?: string;
  finished?: Promise<ScanSummary>;
}
const sites: Site[] = [];
let outage: 'before' | 'during' | 'after' = 'before';

beforeAll(async () => {
  startBroker();
  subscriber = spawn('ip', ['netns', 'exec', SCANNER_NS, process.execPath, '--input-type=module', '-e', SUBSCRIBER], {
    cwd: ROOT, env: { ...process.env, OUT: seenFile }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  subscriber.stdout!.on('data', (d: Buffer) => { subscribed += (d.toString().match(/subscribed/g) ?? []).length; });
  await until(`the subscriber on the broker\n${brokerLog}`, () => subscribed > 0, 30_000);

  for (const id of SITES) {
    const appliance = await startLabAppliance(lab.subnet, { MAMORI_LOGIN_CHECKS: 'false' });
    const setup = await send({ url: appliance.url, method: 'POST', path: '/api/setup', body: { token: appliance.setupToken, password: GOOD_PASSWORD } });
    expect(setup.status).toBe(204);
    const session = sessionFrom(setup)!;
    const saved = await send({
      url: appliance.url, method: 'PUT', path: '/api/settings', session,
      body: { site: { id, name: `Site ${id}` }, integrations: { mqtt: { enabled: true, url: `mqtt://127.0.0.1:${PORT}` } } },
    });
    expect(saved.status, saved.text).toBe(200);
    const socket: Client = io(appliance.url, { transports: ['websocket'], extraHeaders: { cookie: `mamori_session=${session}` }, reconnection: false, forceNew: true, timeout: 10_000 });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot within 15 s')), 15_000);
      socket.once('snapshot', () => { clearTimeout(timer); resolve(); });
      socket.once('connect_error', (e) => { clearTimeout(timer); reject(e); });
    });
    const site: Site = { id, appliance, session, socket, found: [], foundDuringOutage: [] };
    socket.on('device:found', (device) => {
      site.found.push(device);
      if (outage === 'during') site.foundDuringOutage.push(device);
    });
    sites.push(site);
  }
  // Every site announced itself (status online, state, HA discovery) before any scan.
  await until('every site online', () => { const m = seen(); return SITES.every((s) => m.some((x) => x.topic === `mamori/${s}/status` && x.payload === 'online') && m.some((x) => x.topic === `mamori/${s}/state`)); }, 60_000);
}, 180_000);

afterAll(async () => {
  for (const site of sites) { site.socket.close(); await site.appliance.stop(); }
  if (subscriber && subscriber.exitCode === null && subscriber.signalCode === null) {
    const running = subscriber;
    await new Promise<void>((resolve) => { running.once('exit', () => resolve()); running.kill('SIGTERM'); });
  }
  await stopBroker();
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('three sites with overlapping ranges publish to one mosquitto in the lab', () => {
  it('the broker stopped during the scans and started again: each site\'s devices and findings arrive under its own topics, nothing lost', async () => {
    let firstFound!: () => void;
    const anyFound = new Promise<void>((resolve) => { firstFound = resolve; });
    for (const site of sites) {
      site.socket.on('device:found', () => firstFound());
      site.finished = new Promise((resolve) => site.socket.on('scan:finished', (scan) => { if (scan.id === site.scanId) resolve(scan); }));
      const ack = await site.socket.timeout(10_000).emitWithAck('scan:start', {});
      expect(ack).toMatchObject({ ok: true });
      site.scanId = (ack as { data: { scanId: string } }).data.scanId;
    }

    // The outage: from the first device found until every site has found devices meanwhile (or finished).
    await anyFound;
    await stopBroker();
    outage = 'during';
    const subscribedBefore = subscribed;
    const finishedSites = new Set<string>();
    for (const site of sites) void site.finished!.then(() => finishedSites.add(site.id));
    await until('devices found at every site while the broker is away', () => sites.every((s) => s.foundDuringOutage.length >= 1 || finishedSites.has(s.id)), 300_000);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // "a few seconds later"
    outage = 'after';
    startBroker();
    await until(`the subscriber back on the restarted broker\n${brokerLog}`, () => subscribed > subscribedBefore, 60_000);

    const scans = await Promise.all(sites.map((s) => s.finished!));
    for (const scan of scans) expect(scan.status).toBe('completed');
    const snapshots = new Map<string, Snapshot>();
    for (const site of sites) {
      const state = await send({ url: site.appliance.url, path: '/api/state', session: site.session });
      snapshots.set(site.id, state.json as Snapshot);
    }
    // The appliances reconnect on their own (every 10 s) and empty their outboxes: wait for each site's final state.
    await until('each site\'s final state at the subscriber', () => {
      const m = seen();
      return sites.every((s) => {
        const state = lastJson<{ lastScan: { id: string } | null; devices: number }>(m, `mamori/${s.id}/state`);
        return state !== undefined && state.lastScan?.id === s.scanId && state.devices === snapshots.get(s.id)!.devices.length;
      });
    }, 120_000);
    // The snapshot after the state (devices, then the lists by severity) and the finding events may follow by a moment.
    const missing = (): string[] => {
      const m = seen();
      const topics = new Set(m.map((x) => x.topic));
      return sites.flatMap((s) => {
        const snapshot = snapshots.get(s.id)!;
        return [
          ...snapshot.devices.map((d) => `mamori/${s.id}/devices/${deviceLevel(d.id)}`).filter((t) => !topics.has(t)),
          ...['critical', 'high', 'medium', 'low', 'info'].map((severity) => `mamori/${s.id}/findings/${severity}`).filter((t) => !topics.has(t)),
          ...snapshot.findings.filter((f) => !m.some((x) => x.topic === `mamori/${s.id}/events/finding/new` && x.payload.includes(JSON.stringify(f.key)))).map((f) => `${s.id} finding ${f.key}`),
        ];
      });
    };
    await until('every device, list and finding event', () => missing().length === 0, 60_000).catch(() => { throw new Error(`never arrived: ${missing().join(', ')}`); });

    const messages = seen();
    const labIps = new Set(lab.devices.map((d) => d.ip));
    for (const site of sites) {
      const snapshot = snapshots.get(site.id)!;
      const mine = messages.filter((m) => m.topic.startsWith(`mamori/${site.id}/`) && m.topic !== `mamori/${site.id}/status`);
      // Every payload under a site's topics says that site (three homes, same addresses).
      for (const m of mine) expect((JSON.parse(m.payload) as { site: { id: string } }).site.id, m.topic).toBe(site.id);
      // Devices: the lab's, each under this site's devices/ topic, with this site's view of its findings.
      expect(snapshot.devices.every((d) => labIps.has(d.ip))).toBe(true);
      expect(snapshot.devices.length).toBe(lab.devices.length);
      for (const device of snapshot.devices) {
        const published = lastJson<{ ip: string; openFindings: { total: number } }>(messages, `mamori/${site.id}/devices/${deviceLevel(device.id)}`);
        expect(published, `${site.id} ${device.id}`).toBeDefined();
        expect(published!.ip).toBe(device.ip);
        expect(published!.openFindings.total).toBe(snapshot.findings.filter((f) => f.deviceId === device.id && f.status === 'open').length);
      }
      // Findings: the open ones by severity equal the appliance's, and include every planted weakness.
      const listed = ['critical', 'high', 'medium', 'low', 'info'].flatMap((severity) =>
        lastJson<{ findings: Array<{ key: string; ip: string; family: string; service: string; port: number }> }>(messages, `mamori/${site.id}/findings/${severity}`)?.findings ?? []);
      expect(listed.map((f) => f.key).sort()).toEqual(snapshot.findings.filter((f) => f.status === 'open').map((f) => f.key).sort());
      const listedNames = new Set(listed.map((f) => `${f.ip} ${f.family}/${f.service}:${f.port}`));
      for (const weakness of planted) expect(listedNames.has(weakness), `${site.id}: ${weakness}`).toBe(true);
      const state = lastJson<{ openFindings: { total: number } }>(messages, `mamori/${site.id}/state`)!;
      expect(state.openFindings.total).toBe(listed.length);

      // Nothing lost: a device/new event for every device (those found during the outage included) and a finding/new event for every finding.
      const newDevices = new Set(mine.filter((m) => m.topic === `mamori/${site.id}/events/device/new`).map((m) => (JSON.parse(m.payload) as { device: { id: string } }).device.id));
      // The box itself says messages waited in its outbox when it reconnected after the outage.
      const waited = [...site.appliance.log().matchAll(/MQTT: connected to [^;]+; (\d+) message\(s\) waiting/g)].map((m) => Number(m[1]));
      expect(waited.length, site.appliance.log()).toBeGreaterThanOrEqual(2);
      expect(waited.at(-1), `${site.id}: messages waiting in the outbox at reconnection`).toBeGreaterThan(0);
      for (const device of site.foundDuringOutage) expect(newDevices.has(device.id), `${site.id}: ${device.ip} found during the outage`).toBe(true);
      expect([...newDevices].sort()).toEqual(snapshot.devices.map((d) => d.id).sort());
      const newFindings = new Set(mine.filter((m) => m.topic === `mamori/${site.id}/events/finding/new`).map((m) => (JSON.parse(m.payload) as { finding: { key: string } }).finding.key));
      expect([...newFindings].sort()).toEqual(snapshot.findings.map((f) => f.key).sort());
      expect(mine.some((m) => m.topic === `mamori/${site.id}/events/scan` && m.payload.includes(site.scanId!))).toBe(true);
      // Home Assistant discovery per site.
      expect(messages.some((m) => m.topic === `homeassistant/sensor/mamori_${site.id.replace(/-/g, '_')}_critical/config`)).toBe(true);
    }
    process.stdout.write(`sites-mqtt: ${messages.length} messages; found during the outage: ${sites.map((s) => `${s.id} ${s.foundDuringOutage.length}`).join(', ')}\n`);
  }, 600_000);
});
