// The owner's per-device login-check opt-out names devices by the id the store keeps them under
// (core/device-id.ts), and the check gate compares that same id: a phone with a randomized MAC is
// kept as `name-<its mDNS name>`, and opting it out in the settings stops every login try on it,
// even after it rotated its MAC. Real settings file, real scan runner, real busybox telnetd.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { deviceIdOf } from '../../../backend/src/core/device-id.js';
import { EventBus } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { defineDiscoverer, defineIdentifier, type Check } from '../../../backend/src/core/plugins.js';
import type { Device } from '../../../backend/src/core/types.js';
import { consentFor } from '../../../backend/src/pipeline/check-gate.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { runScan } from '../../../backend/src/pipeline/runner.js';
import { probes } from '../../../backend/src/probes/index.js';
import { SettingsStore } from '../../../backend/src/storage/settings.js';
import { Store } from '../../../backend/src/storage/store.js';
import { makeTempDir, removeDir } from '../../helpers/appliance.js';
import { testTuning } from '../../helpers/context.js';
import { LOOPBACK } from '../../helpers/net.js';
import { startBusyboxTelnetd, type Telnetd } from '../../helpers/telnetd.js';

const PHONE_NAME = 'Pixel-7.local';
const PHONE_ID = 'name-pixel-7.local';
const telnetCheck = checks.find((c) => c.id === 'default-credentials-telnet')!;

const phone = (mac: string, ip: string): Device =>
  ({ ...emptyDevice(ip, mac), randomizedMac: true, hostnames: [PHONE_NAME.toLowerCase()], type: 'phone' });

describe('the check gate and a randomized-MAC phone', () => {
  it('refuses login checks on the phone by its stored id, whatever MAC it shows; other devices still run', async () => {
    const dir = await makeTempDir('mamori-optout-');
    try {
      const store = await Store.open(dir);
      const stored = store.upsertDevice(phone('6a:3f:9c:00:00:01', '10.0.0.9'), '2026-01-01T00:00:00.000Z');
      expect(stored.id).toBe(PHONE_ID);
      const consent = { loginChecks: true, excluded: [stored.id] };
      expect(consentFor(telnetCheck, phone('6a:3f:9c:00:00:01', '10.0.0.9'), consent)).toMatchObject({ run: false });
      // A new randomized MAC and address the next day: the same device, still opted out.
      expect(consentFor(telnetCheck, phone('7e:11:22:33:44:55', '10.0.0.23'), consent)).toMatchObject({ run: false });
      expect(consentFor(telnetCheck, stored, consent)).toMatchObject({ run: false });
      expect(consentFor(telnetCheck, emptyDevice('10.0.0.9', 'a4:14:37:77:00:11'), consent)).toEqual({ run: true });
      expect(consentFor(telnetCheck, emptyDevice('10.0.0.9', 'a4:14:37:77:00:11'), { loginChecks: true, excluded: ['mac-a41437770011'] })).toMatchObject({ run: false });
      await store.flush();
    } finally {
      await removeDir(dir);
    }
  });
});

describe('opting a randomized-MAC phone out in the settings, then scanning it', () => {
  let telnetd: Telnetd;
  let dir: string;
  let settings: SettingsStore;
  beforeAll(async () => {
    telnetd = await startBusyboxTelnetd();
    dir = await makeTempDir('mamori-optout-scan-');
    settings = await SettingsStore.open(join(dir, 'settings.json'));
  });
  afterAll(async () => {
    await telnetd?.stop();
    if (dir) await removeDir(dir);
  });

  /** One scan of loopback shown as the phone (a randomized MAC, its mDNS name), excluded ids from the settings. */
  async function scanPhone(mac: string): Promise<{ attempts: number; findings: string[] }> {
    const discoverer = defineDiscoverer({
      id: 'test-phone', description: 'reports 127.0.0.1 as a phone with a randomized MAC',
      async run(_ctx, report) { report({ source: 'test-phone', ip: LOOPBACK, mac, hostnames: [PHONE_NAME.toLowerCase()] }); },
    });
    const randomized = defineIdentifier({
      id: 'test-randomized', description: 'flags the MAC as randomized',
      identify: () => ({ randomizedMac: true, evidence: [{ source: 'test-randomized', detail: 'locally administered MAC' }] }),
    });
    const bus = new EventBus();
    let attempts = 0;
    bus.on('check:attempt', () => { attempts += 1; });
    const plugins = { discoverers: [discoverer], identifiers: [randomized], probes, checks: [telnetCheck] as Check[] };
    const result = await runScan(
      { targets: ['127.0.0.1/32'], interfaceName: 'lo', interfaceAddress: LOOPBACK, loginChecks: true, loginChecksExcluded: settings.current.loginCheckOptOut },
      { plugins, bus, log: createLogger({ level: 'silent' }), tuning: testTuning({ tcpPorts: [telnetd.port], connectTimeoutMs: 3000, greetingMs: 2000, exchangeTimeoutMs: 4000 }) },
      new AbortController().signal,
    );
    expect(result.devices.map(deviceIdOf)).toEqual([PHONE_ID]);
    expect(result.devices[0]!.services.map((s) => s.service)).toEqual(['telnet']);
    return { attempts, findings: result.findings.map((f) => f.checkId) };
  }

  it('tries the factory login while the phone is opted in (control), and never once it is opted out by its name id', async () => {
    const optedIn = await scanPhone('6a:3f:9c:00:00:01');
    expect(optedIn.attempts).toBeGreaterThan(0);
    expect(optedIn.findings).toContain('default-credentials-telnet');

    const saved = await settings.update({ loginCheckOptOut: [PHONE_ID] });
    expect(saved.ok).toBe(true);
    expect(settings.current.loginCheckOptOut).toEqual([PHONE_ID]);

    const optedOut = await scanPhone('7e:11:22:33:44:55'); // it rotated its MAC meanwhile
    expect(optedOut.attempts).toBe(0);
    expect(optedOut.findings).not.toContain('default-credentials-telnet');
  });

  it('refuses an opt-out entry that is no device id', async () => {
    expect((await settings.update({ loginCheckOptOut: ['e-pixel.local'] })).ok).toBe(false);
    expect((await settings.update({ loginCheckOptOut: ['name-has space.local'] })).ok).toBe(false);
  });
});
