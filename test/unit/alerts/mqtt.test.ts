// MQTT publishing (issue #19) to a REAL mosquitto on 127.0.0.1: a subscriber sees each site's
// state, devices and open findings under its own topics, each new/fixed/reopened finding as an
// event, and Home Assistant discovery configs that validate against the documented fields; user
// name and password, and TLS with the installer's CA; the broker stopped while the box publishes and
// started again — nothing is lost (the on-disk outbox, which also survives a restart of the box);
// three sites with the same 192.168.1.0/24 on one broker stay apart.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DISCOVERY_TOPIC, HaBinarySensorConfig, HaSensorConfig } from '../../../backend/src/alerts/mqtt/home-assistant.js';
import { Outbox } from '../../../backend/src/alerts/mqtt/outbox.js';
import { MqttPublisher, type PublisherSnapshot } from '../../../backend/src/alerts/mqtt/publisher.js';
import { EventBus, type ChangeEvents } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import type { ScanSummary, StoredDevice, StoredFinding } from '../../../backend/src/core/records.js';
import { SettingsSchema, SettingsStore, type Settings } from '../../../backend/src/storage/settings.js';
import { makeTempDir, startTestAppliance } from '../../helpers/appliance.js';
import { createCertAuthority, type CertAuthority } from '../../helpers/certs.js';
import { startBroker, type Broker } from '../../helpers/mosquitto-broker.js';

const USER = 'site-ueno';
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const log = createLogger({ level: 'error', write: () => {} });

// ---- fabricated but realistic store contents: one home on 192.168.1.0/24 ----
function device(site: string, n: number, name: string, type: string): StoredDevice {
  const mac = `a4:14:37:${site.length.toString(16).padStart(2, '0')}:00:${n.toString(16).padStart(2, '0')}`;
  return {
    id: `mac-${mac.replace(/:/g, '')}`, ip: `192.168.1.${n}`, mac, randomizedMac: false, vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.',
    hostnames: [], type, model: null, mdns: [], upnp: [], services: [], displayName: name, firstSeen: '2026-12-07T09:00:00.000Z', lastSeen: '2026-12-07T09:00:00.000Z',
  } as unknown as StoredDevice;
}
function finding(d: StoredDevice, port: number, severity: StoredFinding['severity'], status: StoredFinding['status'] = 'open'): StoredFinding {
  return {
    key: `${d.id}-${port}`, family: 'default-credentials', service: 'telnet', ip: d.ip, mac: d.mac, port, transport: 'tcp', severity, confidence: 'confirmed',
    title: 'Factory password accepted', evidence: 'login accepted for a***n / 1***5', responsible: ['user'], fix: [], checkId: 'default-credentials-telnet',
    deviceId: d.id, status, firstSeen: '2026-12-07T09:00:00.000Z', lastSeen: '2026-12-07T09:00:00.000Z',
  } as StoredFinding;
}
const scan = (id: string): ScanSummary => ({
  id, status: 'completed', startedAt: '2026-12-07T09:00:00.000Z', finishedAt: '2026-12-07T09:01:00.000Z', targets: ['192.168.1.0/24'], loginChecks: true,
  stats: { addressesProbed: 254, devicesFound: 3, durationMs: 60_000 }, error: null,
});

function home(site: string) {
  const camera = device(site, 64, 'Front door camera', 'camera');
  const recorder = device(site, 65, 'Hikvision NVR', 'nas');
  const router = device(site, 1, 'Home router', 'router');
  const store: PublisherSnapshot = {
    devices: [router, camera, recorder],
    findings: [finding(camera, 23, 'critical'), finding(recorder, 23, 'critical'), finding(router, 80, 'medium')],
    scans: [scan(`${site}-scan-1`)],
  };
  return { store, camera, recorder, router };
}

// ---- a subscriber, as a central collector or Home Assistant would be ----
interface Seen { topic: string; payload: string; retain: boolean }
async function subscriber(port: number, options: { clientId?: string; clean?: boolean; user?: string; password?: string; ca?: string; tls?: boolean } = {}) {
  const seen: Seen[] = [];
  const client: MqttClient = connect(`${options.tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`, {
    clientId: options.clientId ?? `collector-${randomBytes(4).toString('hex')}`, clean: options.clean ?? true, reconnectPeriod: 200, connectTimeout: 10_000,
    ...(options.user ? { username: options.user, password: options.password } : {}), ...(options.ca ? { ca: options.ca, rejectUnauthorized: true } : {}),
  });
  client.on('message', (topic, payload, packet) => seen.push({ topic, payload: payload.toString('utf8'), retain: packet.retain }));
  client.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => { client.once('connect', () => resolve()); client.once('error', reject); });
  await client.subscribeAsync(['mamori/#', 'homeassistant/#'], { qos: 1 });
  const last = (topic: string) => seen.filter((s) => s.topic === topic).at(-1);
  return {
    seen, client,
    json: <T = Record<string, unknown>>(topic: string): T => JSON.parse(last(topic)?.payload ?? 'null') as T,
    has: (topic: string) => last(topic) !== undefined,
    waitFor: (test: () => boolean) => vi.waitFor(() => { if (!test()) throw new Error(`not yet; seen ${seen.map((s) => s.topic).join(', ')}`); }, { timeout: 20_000, interval: 50 }),
    close: () => client.endAsync(true),
  };
}

const dirs: string[] = [];
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => { for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined); });
afterAll(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

async function publisher(store: PublisherSnapshot, settings: Settings, outboxFile?: string) {
  const dir = await mkdtemp(join(tmpdir(), 'mamori-mqtt-'));
  dirs.push(dir);
  const changes = new EventBus<ChangeEvents>();
  const file = outboxFile ?? join(dir, 'mqtt-outbox.json');
  const pub = await MqttPublisher.create({ changes, settings: () => settings, snapshot: () => store, outboxFile: file, version: '0.1.0', log, reconnectMs: 200, connectTimeoutMs: 5000 });
  stops.push(() => pub.stop());
  pub.apply();
  return { pub, changes, outboxFile: file };
}

function settingsFor(site: string, port: number, extra: Record<string, unknown> = {}): Settings {
  return SettingsSchema.parse({
    site: { id: site, name: `Site ${site}` },
    integrations: { mqtt: { enabled: true, url: `mqtt://127.0.0.1:${port}`, ...extra } },
  });
}

describe('publishing to a broker with a user name and password', () => {
  let broker: Broker;
  beforeAll(async () => { broker = await startBroker({ users: { [USER]: PASSWORD, collector: 'collector-pass' } }); });
  afterAll(async () => { await broker?.dispose(); });

  it('a subscriber sees state, devices and open findings by severity under the site\'s topics, and HA discovery', async () => {
    const { store, camera } = home('ueno-shop');
    const sub = await subscriber(broker.port, { user: 'collector', password: 'collector-pass' });
    stops.push(sub.close);
    const { pub } = await publisher(store, settingsFor('ueno-shop', broker.port, { username: USER, password: PASSWORD }));
    await pub.whenDelivered();
    await sub.waitFor(() => sub.has('mamori/ueno-shop/findings/info') && sub.has('mamori/ueno-shop/status'));

    const state = sub.json<{ site: unknown; devices: number; openFindings: Record<string, number>; lastScan: { id: string } }>('mamori/ueno-shop/state');
    expect(state.site).toEqual({ id: 'ueno-shop', name: 'Site ueno-shop' });
    expect(state.devices).toBe(3);
    expect(state.openFindings).toEqual({ critical: 2, high: 0, medium: 1, low: 0, info: 0, total: 3 });
    expect(state.lastScan.id).toBe('ueno-shop-scan-1');
    expect(sub.seen.find((s) => s.topic === 'mamori/ueno-shop/state')!.retain).toBe(false); // live delivery: retain flag only on replay
    const cam = sub.json<{ name: string; ip: string; openFindings: Record<string, number> }>(`mamori/ueno-shop/devices/${camera.id}`);
    expect(cam).toMatchObject({ name: 'Front door camera', ip: '192.168.1.64' });
    expect(cam.openFindings.critical).toBe(1);
    const critical = sub.json<{ count: number; findings: Array<{ ip: string; port: number }> }>('mamori/ueno-shop/findings/critical');
    expect(critical.count).toBe(2);
    expect(critical.findings.map((f) => f.ip).sort()).toEqual(['192.168.1.64', '192.168.1.65']);
    expect(JSON.stringify(critical)).not.toContain('evidence'); // the masked evidence stays on the box
    expect(sub.seen.find((s) => s.topic === 'mamori/ueno-shop/status')!.payload).toBe('online');

    // Home Assistant discovery: every config validates against the documented fields of its component.
    const configs = sub.seen.filter((s) => s.topic.startsWith('homeassistant/'));
    expect(configs.map((c) => c.topic).sort()).toEqual([
      'homeassistant/binary_sensor/mamori_ueno_shop_problem/config', 'homeassistant/sensor/mamori_ueno_shop_critical/config',
      'homeassistant/sensor/mamori_ueno_shop_devices/config', 'homeassistant/sensor/mamori_ueno_shop_high/config',
      'homeassistant/sensor/mamori_ueno_shop_low/config', 'homeassistant/sensor/mamori_ueno_shop_medium/config',
    ]);
    for (const config of configs) {
      expect(config.topic).toMatch(DISCOVERY_TOPIC);
      const schema = config.topic.includes('/binary_sensor/') ? HaBinarySensorConfig : HaSensorConfig;
      const parsed = schema.safeParse(JSON.parse(config.payload));
      expect(parsed.success, `${config.topic}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    const criticalSensor = JSON.parse(configs.find((c) => c.topic.endsWith('_critical/config'))!.payload) as Record<string, unknown>;
    expect(criticalSensor).toMatchObject({ name: 'Critical problems', state_topic: 'mamori/ueno-shop/state', availability_topic: 'mamori/ueno-shop/status', unit_of_measurement: 'problems' });
    expect(criticalSensor['value_template']).toBe('{{ value_json.openFindings.critical }}');
    expect((criticalSensor['device'] as { name: string }).name).toBe('Mamori (Site ueno-shop)');

    // A retained replay: a collector that connects later gets the whole picture at once.
    const late = await subscriber(broker.port, { user: 'collector', password: 'collector-pass' });
    stops.push(late.close);
    await late.waitFor(() => late.has('mamori/ueno-shop/findings/critical') && late.has('homeassistant/binary_sensor/mamori_ueno_shop_problem/config'));
    expect(late.seen.find((s) => s.topic === 'mamori/ueno-shop/state')!.retain).toBe(true);
  });

  it('each new, fixed and reopened finding is an event; the state follows the scan', async () => {
    const { store, camera, recorder, router } = home('kanda');
    const sub = await subscriber(broker.port, { user: 'collector', password: 'collector-pass' });
    stops.push(sub.close);
    const { pub, changes } = await publisher(store, settingsFor('kanda', broker.port, { username: USER, password: PASSWORD }));
    await pub.whenDelivered();
    // Scan 2: the recorder's telnet is fixed, the camera gets a new high finding, the router's is back.
    const added = finding(camera, 554, 'high');
    store.findings = [store.findings[0]!, { ...store.findings[1]!, status: 'resolved' }, { ...store.findings[2]!, status: 'open' }, added];
    store.scans = [scan('kanda-scan-2'), ...store.scans];
    changes.emit('finding:new', { scanId: 'kanda-scan-2', finding: added });
    changes.emit('finding:reopened', { scanId: 'kanda-scan-2', finding: store.findings[2]! });
    changes.emit('scan:done', store.scans[0]!);
    await pub.whenDelivered();
    await sub.waitFor(() => sub.has('mamori/kanda/events/finding/fixed') && sub.has('mamori/kanda/events/scan'));
    expect(sub.json<{ finding: { key: string; severity: string } }>('mamori/kanda/events/finding/new').finding).toMatchObject({ key: added.key, severity: 'high' });
    expect(sub.json<{ finding: { key: string } }>('mamori/kanda/events/finding/reopened').finding.key).toBe(router.id + '-80');
    expect(sub.json<{ finding: { key: string; status: string } }>('mamori/kanda/events/finding/fixed').finding).toMatchObject({ key: `${recorder.id}-23`, status: 'resolved' });
    expect(sub.seen.filter((s) => s.topic.startsWith('mamori/kanda/events/finding/')).length).toBe(3);
    await sub.waitFor(() => sub.json<{ lastScan: { id: string } }>('mamori/kanda/state').lastScan.id === 'kanda-scan-2');
    expect(sub.json<{ openFindings: Record<string, number> }>('mamori/kanda/state').openFindings).toMatchObject({ critical: 1, high: 1, medium: 1, total: 3 });
    expect(sub.json<{ count: number }>('mamori/kanda/findings/critical').count).toBe(1);
    expect(sub.seen.every((s) => !s.topic.startsWith('mamori/kanda/') || (JSON.parse(s.payload === 'online' ? '{"site":{"id":"kanda"}}' : s.payload) as { site: { id: string } }).site.id === 'kanda')).toBe(true);
  });

  it('with a wrong password nothing is delivered, and nothing is thrown away either', async () => {
    const { store } = home('wrong-pass');
    const sub = await subscriber(broker.port, { user: 'collector', password: 'collector-pass' });
    stops.push(sub.close);
    const { pub } = await publisher(store, settingsFor('wrong-pass', broker.port, { username: USER, password: 'not-the-password' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(pub.connections).toBe(0);
    expect(pub.pending).toBeGreaterThan(10);
    expect(sub.seen.filter((s) => s.topic.includes('wrong-pass'))).toEqual([]);
  });
});

describe('the broker goes away', () => {
  it('stopped while the box publishes and started again: nothing published meanwhile is lost, even across a restart of the box', async () => {
    const broker = await startBroker();
    stops.push(() => broker.dispose());
    const { store, camera } = home('asakusa');
    // A central collector with a persistent session: the broker keeps its messages while it is away too.
    const sub = await subscriber(broker.port, { clientId: 'collector-asakusa', clean: false });
    stops.push(sub.close);
    const first = await publisher(store, settingsFor('asakusa', broker.port));
    await first.pub.whenDelivered();
    await sub.waitFor(() => sub.has('mamori/asakusa/state'));

    await broker.stop();
    await vi.waitFor(() => { if (first.pub.connected) throw new Error('still connected'); }, { timeout: 10_000 });
    const during = [finding(camera, 8000, 'high'), finding(camera, 8001, 'low'), finding(camera, 8002, 'medium')];
    store.findings.push(...during);
    store.scans = [scan('asakusa-scan-2'), ...store.scans];
    for (const f of during) first.changes.emit('finding:new', { scanId: 'asakusa-scan-2', finding: f });
    first.changes.emit('scan:done', store.scans[0]!);
    expect(first.pub.pending).toBeGreaterThanOrEqual(4 + 1 + 5);
    // On disk, 0600, before the box is stopped too.
    await first.pub.stop();
    stops.pop();
    const file = await stat(first.outboxFile);
    expect(file.mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(await readFile(first.outboxFile, 'utf8')) as Array<{ topic: string }>;
    expect(onDisk.filter((m) => m.topic === 'mamori/asakusa/events/finding/new')).toHaveLength(3);

    // The box starts again (same outbox), then the broker comes back.
    const second = await publisher(store, settingsFor('asakusa', broker.port), first.outboxFile);
    await broker.start();
    await second.pub.whenDelivered();
    await sub.waitFor(() => sub.seen.filter((s) => s.topic === 'mamori/asakusa/events/finding/new').length >= 3
      && sub.json<{ lastScan: { id: string } }>('mamori/asakusa/state').lastScan.id === 'asakusa-scan-2');
    const events = sub.seen.filter((s) => s.topic === 'mamori/asakusa/events/finding/new').map((s) => (JSON.parse(s.payload) as { finding: { port: number } }).finding.port);
    expect(new Set(events)).toEqual(new Set([8000, 8001, 8002]));
    expect(sub.has('mamori/asakusa/events/scan')).toBe(true);
    expect(second.pub.pending).toBe(0);
    await second.pub.stop();
    expect(JSON.parse(await readFile(first.outboxFile, 'utf8'))).toEqual([]);
  });
  it('the box keeps running through the outage: it reconnects by itself and sends what waited, in order', async () => {
    const broker = await startBroker();
    stops.push(() => broker.dispose());
    const { store, camera } = home('yanaka');
    const sub = await subscriber(broker.port, { clientId: 'collector-yanaka', clean: false });
    stops.push(sub.close);
    const { pub, changes } = await publisher(store, settingsFor('yanaka', broker.port));
    await pub.whenDelivered();
    await broker.stop();
    await vi.waitFor(() => { if (pub.connected) throw new Error('still connected'); }, { timeout: 10_000 });
    const ports = [9001, 9002, 9003, 9004, 9005];
    for (const port of ports) changes.emit('finding:new', { scanId: 'yanaka-scan-2', finding: finding(camera, port, 'high') });
    expect(pub.pending).toBeGreaterThanOrEqual(5);
    await broker.start();
    await pub.whenDelivered();
    expect(pub.connections).toBe(2);
    await sub.waitFor(() => sub.seen.filter((s) => s.topic === 'mamori/yanaka/events/finding/new').length >= 5);
    const seenPorts = sub.seen.filter((s) => s.topic === 'mamori/yanaka/events/finding/new').map((s) => (JSON.parse(s.payload) as { finding: { port: number } }).finding.port);
    expect(seenPorts).toEqual(ports);
  });
});

describe('TLS with the installer\'s own CA', () => {
  let ca: CertAuthority;
  beforeAll(async () => { ca = await createCertAuthority(); });
  afterAll(async () => { await ca?.dispose(); });

  it('publishes over mqtts:// to a broker whose certificate the given CA signed; without the CA it refuses the broker', async () => {
    const broker = await startBroker({ tls: await ca.issue({ commonName: '127.0.0.1', altNames: 'IP:127.0.0.1' }), users: { [USER]: PASSWORD } });
    stops.push(() => broker.dispose());
    const sub = await subscriber(broker.port, { tls: true, ca: ca.cert, user: USER, password: PASSWORD });
    stops.push(sub.close);
    const url = `mqtts://127.0.0.1:${broker.port}`;
    const untrusted = await publisher(home('no-ca').store, settingsFor('no-ca', broker.port, { url, username: USER, password: PASSWORD }));
    const trusted = await publisher(home('with-ca').store, settingsFor('with-ca', broker.port, { url, username: USER, password: PASSWORD, caCertificate: ca.cert }));
    await trusted.pub.whenDelivered();
    await sub.waitFor(() => sub.has('mamori/with-ca/state'));
    expect(untrusted.pub.connections).toBe(0);
    expect(sub.seen.some((s) => s.topic.startsWith('mamori/no-ca/'))).toBe(false);
  });
});

describe('three sites, one broker, the same address range', () => {
  it('each site\'s devices and findings stay under its own topics', async () => {
    const broker = await startBroker();
    stops.push(() => broker.dispose());
    const sub = await subscriber(broker.port);
    stops.push(sub.close);
    const sites = ['ueno', 'kanda', 'asakusa'];
    const homes = sites.map((site) => home(site));
    homes[1]!.store.findings.pop(); // kanda: no medium finding
    homes[2]!.store.findings = [];   // asakusa: clean
    const pubs = await Promise.all(sites.map((site, i) => publisher(homes[i]!.store, settingsFor(site, broker.port))));
    await Promise.all(pubs.map((p) => p.pub.whenDelivered()));
    await sub.waitFor(() => sites.every((site) => sub.has(`mamori/${site}/findings/info`)));
    const totals = sites.map((site) => sub.json<{ openFindings: { total: number }; site: { id: string } }>(`mamori/${site}/state`));
    expect(totals.map((t) => [t.site.id, t.openFindings.total])).toEqual([['ueno', 3], ['kanda', 2], ['asakusa', 0]]);
    for (const [i, site] of sites.entries()) {
      const camera = sub.json<{ ip: string; site: { id: string } }>(`mamori/${site}/devices/${homes[i]!.camera.id}`);
      expect(camera).toMatchObject({ ip: '192.168.1.64', site: { id: site } }); // the same address in every home
    }
    const uniqueIds = sub.seen.filter((s) => s.topic.startsWith('homeassistant/')).map((s) => (JSON.parse(s.payload) as { unique_id: string }).unique_id);
    expect(uniqueIds).toHaveLength(18);
    expect(new Set(uniqueIds).size).toBe(18);
  });
});

describe('the outbox', () => {
  it('keeps only the newest message of a retained topic, drops the oldest events beyond its cap, and writes a 0600 file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mamori-outbox-'));
    dirs.push(dir);
    const file = join(dir, 'outbox.json');
    const { outbox } = await Outbox.open(file, { messages: 5, bytes: 1_000_000 });
    outbox.add('s/state', 'v1', true);
    outbox.add('s/state', 'v2', true);
    expect(outbox.size).toBe(1);
    for (let i = 0; i < 6; i += 1) outbox.add('s/events', `e${i}`, false);
    expect(outbox.size).toBe(5);
    expect(outbox.dropped).toBe(2);
    await outbox.flush();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const reopened = await Outbox.open(file, { messages: 5, bytes: 1_000_000 });
    expect(reopened.unreadable).toBe(false);
    const kept: string[] = [];
    for (let m = reopened.outbox.peek(); m; m = reopened.outbox.peek()) { kept.push(m.payload); reopened.outbox.acknowledged(m.id); }
    expect(kept).toEqual(['v2', 'e2', 'e3', 'e4', 'e5']);
  });
});

describe('settings and the appliance', () => {
  it('the broker password is write-only, and is cleared when the broker address or user changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mamori-mqtt-settings-'));
    dirs.push(dir);
    const store = await SettingsStore.open(join(dir, 'settings.json'));
    const mqtt = { enabled: true, url: 'mqtts://broker.example:8883', username: 'ueno', password: 'broker-SECRET-1' };
    const saved = await store.update({ integrations: { mqtt } });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.view.secretsSet).toContain('integrations.mqtt.password');
    expect(JSON.stringify(saved.view.settings)).not.toContain('broker-SECRET-1');
    const { password: _left, ...withoutPassword } = mqtt;
    expect((await store.update({ integrations: { mqtt: { ...withoutPassword, baseTopic: 'shops' } } })).ok).toBe(true);
    expect(store.current.integrations.mqtt.password).toBe('broker-SECRET-1');
    await store.update({ integrations: { mqtt: { enabled: true, url: 'mqtts://elsewhere.example:8883', username: 'ueno' } } });
    expect(store.current.integrations.mqtt.password).toBeNull();
    for (const url of ['http://broker.example', 'mqtt://user:pw@broker.example:1883', 'mqtt://broker.example/path', 'tcp://broker.example']) {
      expect((await store.update({ integrations: { mqtt: { enabled: true, url } } })).ok, url).toBe(false);
    }
    expect((await store.update({ integrations: { mqtt: { enabled: true, url: 'mqtt://broker.example', baseTopic: 'a/+/b' } } })).ok).toBe(false);
    expect(SettingsSchema.parse({}).integrations.mqtt).toMatchObject({ enabled: false, url: null, baseTopic: 'mamori', homeAssistant: true });
  });

  it('an appliance with publishing on sends its site\'s state at start', async () => {
    const broker = await startBroker();
    stops.push(() => broker.dispose());
    const sub = await subscriber(broker.port);
    stops.push(sub.close);
    const dataDir = await makeTempDir();
    dirs.push(dataDir);
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({
      schemaVersion: 1, site: { id: 'shinjuku', name: '新宿店' }, integrations: { mqtt: { enabled: true, url: `mqtt://127.0.0.1:${broker.port}` } },
    }));
    const test = await startTestAppliance({ dataDir, logLevel: 'silent' });
    stops.push(() => test.stop());
    await sub.waitFor(() => sub.has('mamori/shinjuku/state') && sub.has('homeassistant/sensor/mamori_shinjuku_critical/config'));
    expect(sub.json('mamori/shinjuku/state')).toMatchObject({ site: { id: 'shinjuku', name: '新宿店' }, devices: 0, openFindings: { total: 0 } });
    await test.appliance.mqtt.whenDelivered();
    await test.stop();
    stops.pop();
    // Stopped: the broker publishes the will, "offline" (Home Assistant shows the sensors unavailable).
    await sub.waitFor(() => sub.seen.filter((s) => s.topic === 'mamori/shinjuku/status').at(-1)?.payload === 'offline');
  });
});

describe('three appliances, three sites, one broker', () => {
  it('each appliance publishes its own store under its site, though all three homes are 192.168.1.0/24; the README\'s ACL keeps a box out of another\'s subtree', async () => {
    // The README's central broker: a user per site, each writing only under its own site id.
    const broker = await startBroker({
      users: { ueno: 'pw-ueno-1', kanda: 'pw-kanda-2', asakusa: 'pw-asakusa-3', collector: 'pw-collector' },
      acl: ['pattern write mamori/%u/#', 'user collector', 'topic read mamori/#'],
    });
    stops.push(() => broker.dispose());
    const sub = await subscriber(broker.port, { user: 'collector', password: 'pw-collector' });
    stops.push(sub.close);
    const sites = [['ueno', 'pw-ueno-1', 3], ['kanda', 'pw-kanda-2', 2], ['asakusa', 'pw-asakusa-3', 0]] as const;
    const appliances: Array<Awaited<ReturnType<typeof startTestAppliance>>> = [];
    // A fourth box set up wrongly: site id "ueno" with kanda's credentials, and no device at all.
    for (const [site, password, open, user] of [...sites.map(([s, p, o]) => [s, p, o, s] as const), ['ueno', 'pw-kanda-2', 0, 'kanda'] as const]) {
      const { store } = home(site);
      if (user !== site) store.devices = [];
      const dataDir = await makeTempDir();
      dirs.push(dataDir);
      // The data directory as an earlier scan left it (the store's own file), then the appliance starts.
      await writeFile(join(dataDir, 'state.json'), JSON.stringify({ schemaVersion: 1, devices: store.devices, findings: store.findings.slice(0, open), scans: store.scans }));
      await writeFile(join(dataDir, 'settings.json'), JSON.stringify({
        schemaVersion: 1, site: { id: site, name: null }, integrations: { mqtt: { enabled: true, url: `mqtt://127.0.0.1:${broker.port}`, username: user, password, homeAssistant: false } },
      }));
      const test = await startTestAppliance({ dataDir, logLevel: 'silent' });
      stops.push(() => test.stop());
      appliances.push(test);
    }
    // Everything acknowledged by the broker, the impostor's too (the broker drops what the ACL refuses).
    await Promise.all(appliances.map((a) => a.appliance.mqtt.whenDelivered()));
    await sub.waitFor(() => sites.every(([site]) => sub.has(`mamori/${site}/findings/info`)));
    for (const [site, , open] of sites) {
      const state = sub.json<{ site: { id: string }; devices: number; openFindings: { total: number } }>(`mamori/${site}/state`);
      expect([state.site.id, state.devices, state.openFindings.total]).toEqual([site, 3, open]);
      const devices = sub.seen.filter((s) => s.topic.startsWith(`mamori/${site}/devices/`)).map((s) => JSON.parse(s.payload) as { ip: string; site: { id: string } });
      expect(devices.map((d) => d.ip).sort()).toEqual(['192.168.1.1', '192.168.1.64', '192.168.1.65']);
      expect(devices.every((d) => d.site.id === site)).toBe(true);
    }
    expect(sub.seen.some((s) => s.topic.startsWith('homeassistant/'))).toBe(false); // discovery off for a central broker
    // The impostor's messages were refused by the broker: every ueno state seen says 3 devices.
    const uenoStates = sub.seen.filter((s) => s.topic === 'mamori/ueno/state').map((s) => (JSON.parse(s.payload) as { devices: number }).devices);
    expect(uenoStates.length).toBeGreaterThan(0);
    expect(uenoStates.every((n) => n === 3)).toBe(true);
  });
});
