// The anonymous-access MQTT check also reads "$SYS/broker/version" in the session it opens anyway
// and hands it to the software inventory (issue #16). Real brokers on loopback: mosquitto open and
// locked (negative control), and aedes, a second implementation that publishes its $SYS tree under
// "$SYS/<broker id>/…" (heartbeat, birth, new/clients) and has no "$SYS/broker/version".
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessMqtt } from '../../../backend/src/checks/anonymous-access-mqtt.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { softwareInventory } from '../../../backend/src/identify/software.js';
import { mergeService } from '../../../backend/src/pipeline/device-record.js';
import { startAedes, type AedesBroker } from '../../helpers/aedes.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startMosquittoVariant } from '../../helpers/mosquitto-variants.js';
import { startAll } from '../../helpers/start-all.js';

const USER = { name: 'owner', password: 'Xk3-long-unguessable' };
const RETAINED: Array<[string, string]> = [['home/temp', '21.5'], ['home/door/lock', 'locked']];

let openBroker: Daemon;
let lockedBroker: Daemon;
let openAedes: AedesBroker;
let lockedAedes: AedesBroker;

beforeAll(async () => {
  [openBroker, lockedBroker, openAedes, lockedAedes] = await startAll(
    startMosquittoVariant({ anonymous: true, retained: RETAINED }),
    startMosquittoVariant({ anonymous: false, user: USER }),
    startAedes(USER.name, USER.password, { anonymous: true }),
    startAedes(USER.name, USER.password),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([openBroker?.stop(), lockedBroker?.stop(), openAedes?.stop(), lockedAedes?.stop()]);
});

/** Runs the check like the runner does: what it learned is merged into the device record. */
async function scanBroker(port: number): Promise<{ device: Device; learned: Service[]; evidence: string[] }> {
  const service = tcpService(port, 'mqtt');
  const device = loopbackDevice();
  device.services = [service];
  const learned: Service[] = [];
  const ctx = { ...testContext({ tuning: { exchangeTimeoutMs: 1500 } }), learned: (ip: string, s: Service) => {
    expect(ip).toBe(device.ip);
    learned.push(s);
    mergeService(device, s);
  } };
  const results = await anonymousAccessMqtt.run({ device, service }, ctx);
  return { device, learned, evidence: results.map((r) => r.evidence) };
}

describe('anonymous-access-mqtt reads the broker version for the software inventory', () => {
  it('real mosquitto, anonymous: the device gets Eclipse Mosquitto with the exact $SYS string', async () => {
    // `mosquitto -h` prints the same "mosquitto version X" line (and exits non-zero).
    const installed = spawnSync('/usr/sbin/mosquitto', ['-h'], { encoding: 'utf8', timeout: 10_000 }).stdout.split('\n')[0]!.trim();
    expect(installed).toMatch(/^mosquitto version \d/);
    const { device, learned, evidence } = await scanBroker(openBroker.port);
    expect(learned).toHaveLength(1);
    expect(device.services[0]!.mqtt).toEqual({ version: installed });
    expect(softwareInventory(device)).toEqual([expect.objectContaining({
      product: 'mosquitto', source: 'mqtt-sys-version', raw: installed, port: openBroker.port, transport: 'tcp',
      version: /^mosquitto version (\S+)/.exec(installed)![1], distroBuild: 'possibly Debian/Ubuntu',
    })]);
    // The finding's retained count is unchanged by the extra (retained) $SYS message.
    expect(evidence).toEqual([expect.stringContaining('handed over 2 retained messages (counted, not read)')]);
  });

  it('real mosquitto refusing anonymous clients: no finding, nothing learned (negative control)', async () => {
    const { device, learned, evidence } = await scanBroker(lockedBroker.port);
    expect(evidence).toEqual([]);
    expect(learned).toEqual([]);
    expect(device.services[0]!.mqtt).toBeUndefined();
    expect(softwareInventory(device)).toEqual([]);
  });

  it('aedes refusing anonymous clients: one anonymous CONNECT and no login tried for the version', async () => {
    const { learned, evidence } = await scanBroker(lockedAedes.port);
    expect(evidence).toEqual([]);
    expect(learned).toEqual([]);
    expect(await lockedAedes.tries()).toEqual(['anonymous']);
  });

  it('aedes, anonymous: the finding stands, but it has no $SYS/broker/version, so nothing is inferred', async () => {
    const { device, learned, evidence } = await scanBroker(openAedes.port);
    expect(evidence).toEqual([expect.stringContaining('CONNECT without user name or password was accepted (CONNACK 0)')]);
    expect(await openAedes.tries()).toEqual(['anonymous']);
    expect(learned).toEqual([]);
    expect(device.services[0]!.mqtt).toBeUndefined();
    expect(softwareInventory(device)).toEqual([]);
  });
});
