// "Forget this device" reaches the owner's MQTT broker: the appliance, publishing to a real broker
// (aedes) on 127.0.0.1, deletes the forgotten device's retained topic (an empty retained message)
// and keeps the other device's.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { SettingsStore } from '../../../backend/src/storage/settings.js';
import { Store } from '../../../backend/src/storage/store.js';
import { startAedes, type AedesBroker } from '../../helpers/aedes.js';
import { retainedTopics } from '../../helpers/mqtt-retained.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

const SITE = 'forget-test';
const GONE = 'mac-6a3f9c770044';
const STAYS = 'mac-6a3f9c770045';
const topic = (id: string) => `mamori/${SITE}/devices/${id}`;

let broker: AedesBroker;
let test: TestAppliance;
let session: string;

beforeAll(async () => {
  broker = await startAedes('unused', 'unused-password', { anonymous: true });
  const dataDir = await makeTempDir('mamori-forget-mqtt-');
  const seed = await Store.open(dataDir);
  seed.upsertDevice(emptyDevice('10.77.0.44', '6a:3f:9c:77:00:44'), '2026-01-01T00:00:00.000Z');
  seed.upsertDevice(emptyDevice('10.77.0.45', '6a:3f:9c:77:00:45'), '2026-01-01T00:00:00.000Z');
  await seed.flush();
  const settings = await SettingsStore.open(join(dataDir, 'settings.json'));
  const saved = await settings.update({ site: { id: SITE, name: null }, integrations: { mqtt: { enabled: true, url: `mqtt://127.0.0.1:${broker.port}` } } });
  if (!saved.ok) throw new Error(saved.error);
  await settings.flush();
  test = await startTestAppliance({ dataDir });
  session = await setUpOwner(test);
}, 30_000);
afterAll(async () => {
  await test?.stop();
  await broker?.stop();
  if (test) await removeDir(test.dataDir);
});

describe('Forget this device and MQTT', () => {
  it('deletes the forgotten device\'s retained topic, keeps the other one', async () => {
    await vi.waitFor(() => { if (!test.appliance.mqtt.connected) throw new Error('not connected yet'); }, { timeout: 20_000, interval: 50 });
    await test.appliance.mqtt.whenDelivered();
    const before = await retainedTopics(broker.port, [topic(GONE), topic(STAYS)]);
    expect(JSON.parse(before.get(topic(GONE))!)).toBeTruthy();

    const response = await test.request({ method: 'POST', path: `/api/devices/${GONE}/forget`, body: {}, session });
    expect(response.status).toBe(200);
    await test.appliance.mqtt.whenDelivered();
    const after = await retainedTopics(broker.port, [topic(STAYS)]);
    expect(after.has(topic(GONE))).toBe(false);
    expect(after.has(topic(STAYS))).toBe(true);
  }, 60_000);
});
