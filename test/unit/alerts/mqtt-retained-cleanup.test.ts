// Retained topics that no longer apply are deleted from the broker (an empty retained message, the
// MQTT way; Home Assistant removes a discovered entity on it): a device gone from the inventory,
// discovery turned off, the site renamed — also when that happened while the box was off or the
// broker away. Against two real broker implementations on 127.0.0.1, mosquitto and aedes; in every
// case another box's and a foreign integration's retained topics stay untouched.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MqttPublisher, type PublisherSnapshot } from '../../../backend/src/alerts/mqtt/publisher.js';
import { EventBus, type ChangeEvents } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import type { StoredDevice, StoredFinding } from '../../../backend/src/core/records.js';
import { SettingsSchema, type Settings } from '../../../backend/src/storage/settings.js';
import { startAedes } from '../../helpers/aedes.js';
import { startBroker } from '../../helpers/mosquitto-broker.js';
import { mqttClient, retainedTopics } from '../../helpers/mqtt-retained.js';

const log = createLogger({ level: 'error', write: () => {} });

function device(n: number, name: string, type: string): StoredDevice {
  const mac = `a4:14:37:00:00:${n.toString(16).padStart(2, '0')}`;
  return {
    id: `mac-${mac.replace(/:/g, '')}`, ip: `192.168.1.${n}`, mac, randomizedMac: false, vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.',
    hostnames: [], type, model: null, mdns: [], upnp: [], services: [], displayName: name, firstSeen: '2026-12-07T09:00:00.000Z', lastSeen: '2026-12-07T09:00:00.000Z',
  } as unknown as StoredDevice;
}
function finding(d: StoredDevice, port: number): StoredFinding {
  return {
    key: `${d.id}-${port}`, family: 'default-credentials', service: 'telnet', ip: d.ip, mac: d.mac, port, transport: 'tcp', severity: 'critical', confidence: 'confirmed',
    title: 'Factory password accepted', evidence: 'login accepted for a***n / 1***5', responsible: ['user'], fix: [], checkId: 'default-credentials-telnet',
    deviceId: d.id, status: 'open', firstSeen: '2026-12-07T09:00:00.000Z', lastSeen: '2026-12-07T09:00:00.000Z',
  } as StoredFinding;
}
function home() {
  const router = device(1, 'Home router', 'router');
  const camera = device(64, 'Front door camera', 'camera');
  const recorder = device(65, 'Hikvision NVR', 'nas');
  const store: PublisherSnapshot = { devices: [router, camera, recorder], findings: [finding(camera, 23), finding(recorder, 23)], scans: [] };
  return { store, router, camera, recorder };
}
/** The camera leaves the inventory (with its finding), as a restore of an older backup or a forgotten device leaves it. */
function withoutCamera(store: PublisherSnapshot, camera: StoredDevice): void {
  store.devices = store.devices.filter((d) => d.id !== camera.id);
  store.findings = store.findings.filter((f) => f.deviceId !== camera.id);
}

function settingsFor(site: string, port: number, extra: Record<string, unknown> = {}): Settings {
  return SettingsSchema.parse({ site: { id: site, name: null }, integrations: { mqtt: { enabled: true, url: `mqtt://127.0.0.1:${port}`, ...extra } } });
}

/** Retained messages that are not Mamori's own: another integration's, another box's (other site), a non-Mamori HA entity. */
const FOREIGN: Record<string, string> = {
  'zigbee2mqtt/bridge/state': 'online',
  'homeassistant/sensor/kitchen_temperature/config': '{"name":"Kitchen temperature","state_topic":"kitchen/temp"}',
  'mamori/kanda/devices/mac-a41437000040': '{"site":{"id":"kanda"}}',
  'homeassistant/sensor/mamori_kanda_critical/config': '{"name":"Critical problems","unique_id":"mamori_kanda_critical"}',
};

async function publishForeign(port: number): Promise<void> {
  const c = await mqttClient(port);
  for (const [topic, payload] of Object.entries(FOREIGN)) await c.publishAsync(topic, payload, { qos: 1, retain: true });
  await c.endAsync();
}

const dirs: string[] = [];
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => { for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined); });
afterAll(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mamori-mqtt-clear-'));
  dirs.push(dir);
  return dir;
}

async function publisher(store: PublisherSnapshot, settings: () => Settings, dir: string) {
  const changes = new EventBus<ChangeEvents>();
  const pub = await MqttPublisher.create({ changes, settings, snapshot: () => store, outboxFile: join(dir, 'mqtt-outbox.json'), version: '0.1.0', log, reconnectMs: 200, connectTimeoutMs: 5000 });
  stops.push(() => pub.stop());
  pub.apply();
  return pub;
}

const discovery = (site: string) => ['critical', 'high', 'medium', 'low', 'devices'].map((k) => `homeassistant/sensor/mamori_${site}_${k}/config`)
  .concat(`homeassistant/binary_sensor/mamori_${site}_problem/config`);
const deviceTopic = (site: string, d: StoredDevice) => `mamori/${site}/devices/${d.id}`;

interface BrokerUnderTest { port: number; stop(): Promise<void>; start?: () => Promise<void> }
const brokers: Array<[string, () => Promise<BrokerUnderTest>]> = [
  ['mosquitto', async () => { const b = await startBroker(); return { port: b.port, stop: () => b.dispose(), start: () => b.start() }; }],
  ['aedes', async () => { const b = await startAedes('unused', `pw-${randomBytes(4).toString('hex')}`, { anonymous: true }); return { port: b.port, stop: () => b.stop() }; }],
];

describe.each(brokers)('retained topics that no longer apply, on %s', (_name, startBrokerUnderTest) => {
  async function broker(): Promise<BrokerUnderTest> {
    const b = await startBrokerUnderTest();
    stops.push(() => b.stop());
    await publishForeign(b.port);
    return b;
  }

  it('a device gone from the inventory: its retained topic is deleted; the other devices\', another box\'s and foreign topics stay', async () => {
    const b = await broker();
    const { store, router, camera, recorder } = home();
    const dir = await dataDir();
    const pub = await publisher(store, () => settingsFor('ueno', b.port), dir);
    await pub.whenDelivered();
    const before = await retainedTopics(b.port, [deviceTopic('ueno', camera), ...discovery('ueno')]);
    expect(JSON.parse(before.get(deviceTopic('ueno', camera))!)).toMatchObject({ name: 'Front door camera' });

    withoutCamera(store, camera);
    pub.publishSnapshot(); // what the appliance does after a change of the store (scan:done, finding:changed)
    await pub.whenDelivered();

    const after = await retainedTopics(b.port, [deviceTopic('ueno', router), deviceTopic('ueno', recorder), 'mamori/ueno/state', ...discovery('ueno'), ...Object.keys(FOREIGN)]);
    expect(after.has(deviceTopic('ueno', camera))).toBe(false);
    expect(JSON.parse(after.get('mamori/ueno/state')!)).toMatchObject({ devices: 2 });
    for (const [topic, payload] of Object.entries(FOREIGN)) expect(after.get(topic), topic).toBe(payload);
    await pub.stop(); // the ledger on disk as the next start reads it
    const ledger = JSON.parse(await readFile(join(dir, 'mqtt-retained.json'), 'utf8')) as { broker: string; topics: string[] };
    expect(ledger.broker).toBe(`mqtt://127.0.0.1:${b.port}`);
    expect(ledger.topics).toContain(deviceTopic('ueno', router));
    expect(ledger.topics).not.toContain(deviceTopic('ueno', camera));
    expect(ledger.topics.some((t) => t.startsWith('zigbee2mqtt/') || t.includes('kanda') || t.includes('kitchen'))).toBe(false);
  });

  it('discovery turned off, then the site renamed: Mamori\'s old configs and its old site\'s topics are deleted, nothing else', async () => {
    const b = await broker();
    const { store, router, camera } = home();
    let settings = settingsFor('ueno', b.port);
    const pub = await publisher(store, () => settings, await dataDir());
    await pub.whenDelivered();
    await retainedTopics(b.port, discovery('ueno'));

    settings = settingsFor('ueno', b.port, { homeAssistant: false });
    pub.apply(); // what a settings change does (it reconnects)
    await pub.whenDelivered();
    const noDiscovery = await retainedTopics(b.port, ['mamori/ueno/state', deviceTopic('ueno', camera), ...Object.keys(FOREIGN)]);
    expect([...noDiscovery.keys()].filter((t) => t.includes('mamori_ueno'))).toEqual([]);
    for (const [topic, payload] of Object.entries(FOREIGN)) expect(noDiscovery.get(topic), topic).toBe(payload);

    settings = SettingsSchema.parse({ ...settings, site: { id: 'ueno-2', name: null } });
    pub.apply();
    await pub.whenDelivered();
    const renamed = await retainedTopics(b.port, ['mamori/ueno-2/state', 'mamori/ueno-2/status', deviceTopic('ueno-2', router), ...Object.keys(FOREIGN)]);
    expect([...renamed.keys()].filter((t) => t.startsWith('mamori/ueno/'))).toEqual([]);
    for (const [topic, payload] of Object.entries(FOREIGN)) expect(renamed.get(topic), topic).toBe(payload);
  });

  it('the device was removed while the box was off: the next start deletes its topic (the ledger is on disk)', async () => {
    const b = await broker();
    const { store, router, camera } = home();
    const dir = await dataDir();
    const first = await publisher(store, () => settingsFor('ueno', b.port), dir);
    await first.whenDelivered();
    await retainedTopics(b.port, [deviceTopic('ueno', camera)]);
    await first.stop();

    withoutCamera(store, camera); // e.g. an older backup restored: the inventory the box starts with has no camera
    const second = await publisher(store, () => settingsFor('ueno', b.port), dir);
    await second.whenDelivered();
    const after = await retainedTopics(b.port, [deviceTopic('ueno', router), ...Object.keys(FOREIGN)]);
    expect(after.has(deviceTopic('ueno', camera))).toBe(false);
    for (const [topic, payload] of Object.entries(FOREIGN)) expect(after.get(topic), topic).toBe(payload);
  });
});

describe('the broker was away when the device left (mosquitto keeps its retained messages across its restart)', () => {
  it('the deletion waits in the outbox, through a restart of the box too, and reaches the broker when it is back', async () => {
    const b = await startBroker();
    stops.push(() => b.dispose());
    await publishForeign(b.port);
    const { store, router, camera } = home();
    const dir = await dataDir();
    const first = await publisher(store, () => settingsFor('ueno', b.port), dir);
    await first.whenDelivered();
    await retainedTopics(b.port, [deviceTopic('ueno', camera)]);

    await b.stop();
    await vi.waitFor(() => { if (first.connected) throw new Error('still connected'); }, { timeout: 10_000 });
    withoutCamera(store, camera);
    first.publishSnapshot();
    await first.stop();
    const outbox = JSON.parse(await readFile(join(dir, 'mqtt-outbox.json'), 'utf8')) as Array<{ topic: string; payload: string; retain: boolean }>;
    expect(outbox).toContainEqual(expect.objectContaining({ topic: deviceTopic('ueno', camera), payload: '', retain: true }));

    await b.start();
    const second = await publisher(store, () => settingsFor('ueno', b.port), dir);
    await second.whenDelivered();
    const after = await retainedTopics(b.port, [deviceTopic('ueno', router), ...Object.keys(FOREIGN)]);
    expect(after.has(deviceTopic('ueno', camera))).toBe(false);
    for (const [topic, payload] of Object.entries(FOREIGN)) expect(after.get(topic), topic).toBe(payload);
  });
});
