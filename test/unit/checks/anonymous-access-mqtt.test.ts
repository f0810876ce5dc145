import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessMqtt } from '../../../backend/src/checks/anonymous-access-mqtt.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { buildFinding } from '../../../backend/src/findings/build.js';
import { MqttStreamParser } from '../../../backend/src/protocols/mqtt-packets.js';
import { loopbackDevice, tcpService, testContext } from '../../helpers/context.js';
import type { Daemon } from '../../helpers/daemon.js';
import { startMosquittoVariant } from '../../helpers/mosquitto-variants.js';
import { startSilentServer, timed, type RunningServer } from '../../helpers/net.js';
import { selfSignedCert } from '../../helpers/tls.js';
import { startAll } from '../../helpers/start-all.js';

const RETAINED: Array<[string, string]> = [['home/door/lock', '{"state":"locked"}'], ['home/temp', '21.5'], ['zigbee/bridge/state', 'online']];
const USER = { name: 'owner', password: 'Xk3-long-unguessable' };

let openBroker: Daemon;
let lockedBroker: Daemon;
let openTlsBroker: Daemon;
let silent: RunningServer;

beforeAll(async () => {
  const cert = await selfSignedCert('broker.test');
  [openBroker, lockedBroker, openTlsBroker, silent] = await startAll(
    startMosquittoVariant({ anonymous: true, retained: RETAINED }),
    startMosquittoVariant({ anonymous: false, user: USER, retained: RETAINED }),
    startMosquittoVariant({ anonymous: true, tls: cert }),
    startSilentServer(),
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([openBroker?.stop(), lockedBroker?.stop(), openTlsBroker?.stop(), silent?.close()]);
});

function target(port: number, service = 'mqtt'): { device: Device; service: Service } {
  const svc = { ...tcpService(port, service), encrypted: service === 'mqtts' };
  const device = loopbackDevice();
  device.services = [svc];
  return { device, service: svc };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 1500 } });

describe('anonymous-access-mqtt', () => {
  it('is registered, non-intrusive, one attempt, for mqtt and mqtts', () => {
    expect(checks).toContain(anonymousAccessMqtt);
    expect(anonymousAccessMqtt).toMatchObject({ intrusive: false, maxAttempts: 1, finding: { family: 'anonymous-access', service: 'mqtt' } });
    expect(anonymousAccessMqtt.appliesTo(target(1883))).toBe(true);
    expect(anonymousAccessMqtt.appliesTo(target(8883, 'mqtts'))).toBe(true);
    expect(anonymousAccessMqtt.appliesTo(target(80, 'http'))).toBe(false);
  });

  it('confirms real mosquitto with allow_anonymous true, counting the 3 retained messages without reading them', async () => {
    const t = target(openBroker.port);
    const results = await anonymousAccessMqtt.run(t, ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.confidence).toBe('confirmed');
    expect(results[0]!.evidence).toContain('CONNECT without user name or password was accepted (CONNACK 0)');
    expect(results[0]!.evidence).toContain('handed over 3 retained messages (counted, not read)');
    // Neither topic names nor payloads reach the evidence.
    for (const [topic, payload] of RETAINED) {
      expect(results[0]!.evidence).not.toContain(topic);
      expect(results[0]!.evidence).not.toContain(payload);
    }
    expect(buildFinding(anonymousAccessMqtt, t, results[0]!)).toMatchObject({ family: 'anonymous-access', service: 'mqtt', port: openBroker.port });
  });

  it('reports nothing on mosquitto with a password file and allow_anonymous false (negative control)', async () => {
    expect(await anonymousAccessMqtt.run(target(lockedBroker.port), ctx())).toEqual([]);
  });

  it('confirms an anonymous broker behind TLS too', async () => {
    const results = await anonymousAccessMqtt.run(target(openTlsBroker.port, 'mqtts'), ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.evidence).toContain('handed over 0 retained messages');
  });

  it('reports nothing on a silent server, within the exchange timeout', async () => {
    const { value, ms } = await timed(() => anonymousAccessMqtt.run(target(silent.port), testContext({ tuning: { exchangeTimeoutMs: 600 } })));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(600 + 500);
  });
});

describe('MQTT stream parser', () => {
  it('counts retained PUBLISH packets split across chunks, skipping their bodies', () => {
    const publish = (retain: boolean, size: number) => Buffer.concat([Buffer.from([0x30 | (retain ? 1 : 0), 0x80 | (size & 0x7f), size >> 7]), Buffer.alloc(size, 0x61)]);
    const stream = Buffer.concat([Buffer.from([0x20, 0x02, 0x00, 0x00]), Buffer.from([0x90, 0x03, 0x00, 0x01, 0x00]), publish(true, 300), publish(false, 200), publish(true, 130)]);
    const parser = new MqttStreamParser();
    for (let i = 0; i < stream.length; i += 7) parser.push(stream.subarray(i, i + 7));
    expect(parser.control.map((p) => p.type)).toEqual([2, 9]);
    expect(parser.published).toBe(3);
    expect(parser.retained).toBe(2);
  });

  it('rejects a stream that is not MQTT (remaining length longer than 4 bytes)', () => {
    expect(() => new MqttStreamParser().push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow();
  });
});
