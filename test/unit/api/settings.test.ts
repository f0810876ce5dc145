// GET/PUT /api/settings and GET /api/settings/schema on a loopback appliance: session required,
// zod validation (unknown fields, wrong types → 400 with a message, nothing stored), secrets
// write-only, the settings reaching the snapshot (targets with consent, login checks, next scan).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../backend/src/api/contract.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

let test: TestAppliance;
let session: string;
const SMTP_PASSWORD = 'smtp-secret-Zq81';
const WEBHOOK_TOKEN = 'hook-token-Yx42';

beforeAll(async () => {
  test = await startTestAppliance();
  session = await setUpOwner(test);
});
afterAll(async () => {
  await test?.stop();
  await removeDir(test.dataDir);
});

const get = (path: string, withSession = true) => test.request({ path, ...(withSession ? { session } : {}) });
const put = (body: unknown) => test.request({ method: 'PUT', path: '/api/settings', body, session });

describe('settings API', () => {
  it('needs a session for every settings route', async () => {
    for (const path of ['/api/settings', '/api/settings/schema']) expect((await get(path, false)).status).toBe(401);
    expect((await test.request({ method: 'PUT', path: '/api/settings', body: {} })).status).toBe(401);
  });

  it('answers the defaults, with a schema version', async () => {
    const res = await get('/api/settings');
    expect(res.status).toBe(200);
    const body = res.json as { settings: Record<string, unknown>; secretsSet: string[]; nextScheduledScan: string | null };
    expect(body.settings).toMatchObject({ schemaVersion: 1, targets: [], loginChecks: null, retention: { keepScans: 200 } });
    expect(body.secretsSet).toEqual([]);
    expect(body.nextScheduledScan).toBeNull();
  });

  it('refuses unknown fields, wrong types and bad values with a message, and stores nothing', async () => {
    const before = await readFile(join(test.dataDir, 'settings.json'), 'utf8');
    const cases: Array<[unknown, RegExp]> = [
      [{ colour: 'red' }, /Unrecognized key.*colour/],
      [{ retention: { keepScans: 'many' } }, /retention\.keepScans/],
      [{ retention: { keepScans: 5, extra: 1 } }, /retention.*extra/],
      [{ targets: [{ cidr: 'my house', consent: true }] }, /targets\.0\.cidr: not an address range/],
      [{ schedule: { entries: [{ kind: 'cron', cron: '0 25 * * *' }] } }, /hour: "25"/],
      [{ schedule: { quietHours: { enabled: true, start: '25:00' } } }, /quietHours\.start/],
      [{ notifications: { webhook: { enabled: true } } }, /notifications\.webhook: url is needed/],
      [{ notifications: { webhook: { url: 'file:///etc/passwd' } } }, /http:\/\/ or https:\/\//],
      [[1, 2], /expected a JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { error: string }).error).toMatch(message);
    }
    expect(await readFile(join(test.dataDir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('stores a change, keeps secrets write-only and out of the logs', async () => {
    const res = await put({
      notifications: {
        webhook: { enabled: true, url: 'http://127.0.0.1:9/hook', token: WEBHOOK_TOKEN },
        email: { enabled: true, host: '127.0.0.1', port: 2525, security: 'none', user: 'owner', password: SMTP_PASSWORD, from: 'mamori@home.test', to: ['me@home.test'] },
      },
    });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(SMTP_PASSWORD);
    expect(res.text).not.toContain(WEBHOOK_TOKEN);
    const view = res.json as { settings: { notifications: { email: Record<string, unknown> } }; secretsSet: string[] };
    expect(view.settings.notifications.email).not.toHaveProperty('password');
    expect(view.secretsSet.sort()).toEqual(['notifications.email.password', 'notifications.webhook.token']);
    const read = await get('/api/settings');
    expect(read.text).not.toContain(SMTP_PASSWORD);

    // A round trip of what GET returned keeps the secrets; null clears one.
    const again = await put({ notifications: (read.json as { settings: { notifications: unknown } }).settings.notifications });
    expect((again.json as { secretsSet: string[] }).secretsSet).toHaveLength(2);
    expect(test.appliance.settings.current.notifications.email.password).toBe(SMTP_PASSWORD);
    const cleared = await put({ notifications: { ...(read.json as { settings: { notifications: Record<string, unknown> } }).settings.notifications, webhook: { enabled: false, url: null, token: null } } });
    expect((cleared.json as { secretsSet: string[] }).secretsSet).toEqual(['notifications.email.password']);

    expect(test.lines.join('\n')).not.toContain(SMTP_PASSWORD);
    expect(test.lines.join('\n')).not.toContain(WEBHOOK_TOKEN);
    const audit = await readFile(join(test.dataDir, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('settings-changed');
    expect(audit).not.toContain(SMTP_PASSWORD);
  });

  it('feeds the scan settings into the snapshot: consented targets, login checks, the next scheduled scan', async () => {
    const res = await put({
      targets: [{ cidr: '192.168.50.0/24', consent: true }, { cidr: '192.168.60.0/24', consent: false }],
      loginChecks: true,
      loginCheckOptOut: ['mac-a41437770011'],
      schedule: { entries: [{ kind: 'interval', everyMinutes: 360 }], timeZone: 'utc' },
    });
    expect(res.status).toBe(200);
    const state = (await get('/api/state')).json as Snapshot;
    expect(state.settings.targets).toEqual(['192.168.50.0/24']);
    expect(state.settings.loginChecks).toBe(true);
    const next = Date.parse(state.settings.nextScheduledScan!);
    expect(next - Date.now()).toBeGreaterThan(359 * 60_000);
    expect(next - Date.now()).toBeLessThanOrEqual(360 * 60_000);
    expect((await get('/api/settings')).json).toMatchObject({ nextScheduledScan: state.settings.nextScheduledScan });
  });

  it('survives a restart (settings.json on disk)', async () => {
    const dataDir = test.dataDir;
    await test.stop();
    test = await startTestAppliance({ dataDir });
    expect(test.appliance.settings.current.loginCheckOptOut).toEqual(['mac-a41437770011']);
    expect(test.appliance.settings.current.notifications.email.password).toBe(SMTP_PASSWORD);
    session = (await test.appliance.auth.login('correct horse battery staple'))!;
  });

  it('describes every field, with its type, default and English and Japanese text', async () => {
    const res = await get('/api/settings/schema');
    expect(res.status).toBe(200);
    const body = res.json as { schemaVersion: number; jsonSchema: { properties: Record<string, unknown> }; fields: Array<{ path: string; type: string; default?: unknown; writeOnly?: boolean; description: { en: string; ja: string } }> };
    expect(body.schemaVersion).toBe(1);
    expect(Object.keys(body.jsonSchema.properties)).toEqual(expect.arrayContaining(['targets', 'schedule', 'notifications', 'retention']));
    expect(body.fields.length).toBeGreaterThan(25);
    for (const field of body.fields) {
      expect(field.description.en, field.path).toMatch(/\w/);
      expect(field.description.ja, field.path).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(field.type, field.path).not.toBe('object');
    }
    expect(body.fields.find((f) => f.path === 'retention.keepScans')).toMatchObject({ type: 'integer', default: 200 });
    expect(body.fields.filter((f) => f.writeOnly).map((f) => f.path).sort())
      .toEqual(['integrations.mqtt.password', 'notifications.email.password', 'notifications.heartbeat.url', 'notifications.ntfy.token', 'notifications.webhook.token']);
  });
});
