// Site identity (issue #19): the id and name from the settings, or the CLI's --site, stamped on
// every output that leaves the box: the contract JSON (valid against the schema), alerts (a real
// webhook receiver), metrics labels, the handover report and the evidence pack's signed manifest.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import schema from '../../../backend/schema/scan-result.schema.json' with { type: 'json' };
import { AlertService } from '../../../backend/src/alerts/service.js';
import type { AlertMessage } from '../../../backend/src/alerts/message.js';
import type { Snapshot } from '../../../backend/src/api/contract.js';
import { createMetrics } from '../../../backend/src/api/metrics.js';
import { parseScanArgs, UsageError } from '../../../backend/src/cli/args.js';
import { DEFAULT_TUNING } from '../../../backend/src/config/tuning.js';
import { EventBus, type ApplianceEvents, type ChangeEvents } from '../../../backend/src/core/events.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import { SITE_ID_PATTERN, siteIdFromName } from '../../../backend/src/core/site.js';
import { verifyEvidencePack } from '../../../backend/src/evidence/verify.js';
import { buildEvidencePack } from '../../../backend/src/evidence/pack.js';
import { runScan } from '../../../backend/src/pipeline/runner.js';
import { buildReportModel, renderReportHtml } from '../../../backend/src/report/index.js';
import { SettingsSchema } from '../../../backend/src/storage/settings.js';
import { siteOf } from '../../../backend/src/storage/site.js';
import { httpReceiver } from '../alerts/receivers.js';
import { packFixture, PERIOD } from '../evidence/fixture.js';
import { source } from '../report/fixtures.js';

const silent = createLogger({ level: 'error', write: () => {} });

describe('site settings and ids', () => {
  it('defaults to the id "home" and the report\'s site name', () => {
    const settings = SettingsSchema.parse({ report: { siteName: 'Sakura Café' } });
    expect(settings.site).toEqual({ id: 'home', name: null });
    expect(siteOf(settings)).toEqual({ id: 'home', name: 'Sakura Café' });
    expect(siteOf(SettingsSchema.parse({ site: { id: 'ueno-shop', name: 'Ueno shop' }, report: { siteName: 'x' } }))).toEqual({ id: 'ueno-shop', name: 'Ueno shop' });
  });

  it('refuses an id that cannot be an MQTT topic level or a label value', () => {
    for (const id of ['', 'Ueno', 'a/b', 'a+b', '#', 'a b', '-a', 'a-', 'x'.repeat(49), 'ueno\u0000']) {
      expect(SettingsSchema.safeParse({ site: { id } }).success, id).toBe(false);
    }
    for (const id of ['a', 'ueno-shop', 'site_2', '0', 'x'.repeat(48)]) expect(SettingsSchema.safeParse({ site: { id } }).success, id).toBe(true);
  });

  it('makes an id from any name: a slug of Latin names, a stable hash of others', () => {
    expect(siteIdFromName('Ueno Shop #2')).toBe('ueno-shop-2');
    expect(siteIdFromName('Café Müller')).toBe('cafe-muller');
    const ja = siteIdFromName('さくらカフェ 本店');
    expect(ja).toMatch(/^site-[0-9a-f]{8}$/);
    expect(siteIdFromName('さくらカフェ 本店')).toBe(ja);
    expect(siteIdFromName('さくらカフェ 支店')).not.toBe(ja);
    for (const name of ['---', 'x'.repeat(300), 'A-', '日本']) expect(siteIdFromName(name)).toMatch(SITE_ID_PATTERN);
  });
});

describe('the contract JSON', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  const noPlugins = { discoverers: [], identifiers: [], probes: [], checks: [] };

  it('carries scan.site when a site is named, and validates; without one it is absent and still valid', async () => {
    const request = { targets: ['10.77.0.0/24'], interfaceName: 'lo', interfaceAddress: null, loginChecks: false };
    const withSite = await runScan({ ...request, site: { id: 'ueno-shop', name: 'Ueno shop' } }, { plugins: noPlugins, bus: new EventBus(), log: silent, tuning: DEFAULT_TUNING }, new AbortController().signal);
    expect(withSite.scan.site).toEqual({ id: 'ueno-shop', name: 'Ueno shop' });
    expect(validate(withSite), JSON.stringify(validate.errors)).toBe(true);
    const without = await runScan(request, { plugins: noPlugins, bus: new EventBus(), log: silent, tuning: DEFAULT_TUNING }, new AbortController().signal);
    expect('site' in without.scan).toBe(false);
    expect(validate(without)).toBe(true);
    expect(validate({ ...withSite, scan: { ...withSite.scan, site: { id: 'Not/A/Topic', name: null } } })).toBe(false);
  });

  it('mamori scan --site NAME stamps the result; an empty name is a usage error', () => {
    expect(parseScanArgs(['scan', '--cidr', '10.77.0.0/24']).site).toBeNull();
    expect(parseScanArgs(['scan', '--cidr', '10.77.0.0/24', '--site', 'Ueno shop']).site).toEqual({ id: 'ueno-shop', name: 'Ueno shop' });
    expect(parseScanArgs(['scan', '--cidr', '10.77.0.0/24', '--site', 'kanda-2']).site).toEqual({ id: 'kanda-2', name: 'kanda-2' });
    expect(() => parseScanArgs(['scan', '--cidr', '10.77.0.0/24', '--site', '  '])).toThrow(UsageError);
    expect(() => parseScanArgs(['scan', '--cidr', '10.77.0.0/24', '--site', 'a\nb'])).toThrow(UsageError);
  });
});

describe('alerts', () => {
  let hook: Awaited<ReturnType<typeof httpReceiver>>;
  beforeAll(async () => { hook = await httpReceiver(); });
  afterAll(async () => { await hook.close(); });

  it('name the site in the title and the JSON', async () => {
    const settings = SettingsSchema.parse({ notifications: { webhook: { enabled: true, url: hook.url } }, site: { id: 'ueno-shop', name: 'Ueno shop' } });
    const alerts = new AlertService({ changes: new EventBus<ChangeEvents>(), settings: () => settings, site: () => siteOf(settings), log: silent });
    expect(await alerts.sendTest('webhook')).toEqual({ channel: 'webhook', ok: true });
    const message = JSON.parse(hook.received.at(-1)!.body) as AlertMessage;
    expect(message.site).toEqual({ id: 'ueno-shop', name: 'Ueno shop' });
    expect(message.title).toBe('Mamori [Ueno shop]: test alert');
  });
});

describe('metrics', () => {
  it('label every sample with the site id, and give its name in mamori_site_info', () => {
    const snapshot: Snapshot = { devices: [], findings: [], scans: [], running: null, progress: null, settings: { targets: [], loginChecks: false } } as unknown as Snapshot;
    const metrics = createMetrics({
      snapshot: () => snapshot, scanEvents: new EventBus<ApplianceEvents>(), version: '0.1.0', privileges: null,
      auth: null as never, access: { public: true, token: null }, site: () => ({ id: 'ueno-shop', name: 'Ueno "shop"' }),
    });
    const lines = metrics.render().split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(line).toMatch(/^[a-z_]+\{site="ueno-shop"[,}]/);
    expect(lines).toContain('mamori_site_info{site="ueno-shop",name="Ueno \\"shop\\""} 1');
    expect(lines).toContain('mamori_findings_open{site="ueno-shop",severity="critical"} 0');
  });
});

describe('report and evidence pack', () => {
  it('the report shows the site name and id', () => {
    const src = source();
    src.settings.site = { id: 'sakura-honten', name: null };
    const model = buildReportModel(src, 'ja');
    expect(model.cover).toMatchObject({ siteName: 'Sakura Café', siteId: 'sakura-honten' });
    const html = renderReportHtml(model);
    expect(html).toContain('サイト ID');
    expect(html).toContain('sakura-honten');
  });

  it('the evidence pack\'s signed manifest names the site, and the pack verifies', async () => {
    const fixture = await packFixture();
    const pack = await buildEvidencePack({ ...fixture.sources, site: () => ({ id: 'ueno-shop', name: '上野店' }) }, PERIOD, 'ja');
    expect(pack.manifest.site).toEqual({ id: 'ueno-shop', name: '上野店' });
    const verdict = verifyEvidencePack(pack.archive);
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
  });
});
