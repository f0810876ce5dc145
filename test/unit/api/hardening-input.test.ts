// Issue #17, items 2, 5, 6 and 7, each a request that succeeded before and must behave now:
// write-only secrets no longer follow a new destination, a logo that only starts like a PNG is
// refused and a stored one no longer breaks the PDF, ranges named in a scan request need consent,
// data files are private whatever the umask, API answers are not cached, and deep JSON is a 400.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanService } from '../../../backend/src/pipeline/scan-service.js';
import { listInterfaces } from '../../../backend/src/scope/interfaces.js';
import { cidrContains, parseCidr } from '../../../backend/src/scope/cidr.js';
import { httpReceiver, smtpReceiver } from '../alerts/receivers.js';
import { makeTempDir, removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

// Each backup costs a 128 MiB scrypt (and each sign-in a 32 MiB one): on a loaded shared machine a
// test here can take far longer than the default 20 s, so the limit is generous (no timing is asserted).
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const ROOT = join(import.meta.dirname, '../../..');
const started: TestAppliance[] = [];
afterEach(async () => {
  for (const test of started.splice(0)) { await test.stop(); await removeDir(test.dataDir); }
});
async function start(options: Parameters<typeof startTestAppliance>[0] = {}): Promise<{ test: TestAppliance; session: string }> {
  const test = await startTestAppliance({ logLevel: 'silent', ...options });
  started.push(test);
  return { test, session: await setUpOwner(test) };
}

describe('item 2: a write-only secret does not follow a new destination', () => {
  it('webhook: a new URL without the token clears it, and the new place never sees the old token', async () => {
    const [first, second] = [await httpReceiver(), await httpReceiver()];
    try {
      const { test, session } = await start();
      const put = (webhook: unknown) => test.request({ method: 'PUT', path: '/api/settings', session, body: { notifications: { webhook } } });
      expect((await put({ enabled: true, url: `${first.url}/hook`, token: 'owner-token-123' })).json).toMatchObject({ secretsSet: ['notifications.webhook.token'] });
      // Same destination, token left out: kept.
      expect((await put({ enabled: true, url: `${first.url}/hook` })).json).toMatchObject({ secretsSet: ['notifications.webhook.token'] });
      const moved = await put({ enabled: true, url: `${second.url}/hook` });
      expect((moved.json as { secretsSet: string[] }).secretsSet).toEqual([]);
      expect((await test.request({ method: 'POST', path: '/api/alerts/test', session, body: { channel: 'webhook' } })).status).toBe(200);
      expect(second.received).toHaveLength(1);
      expect(second.received[0]!.headers.authorization).toBeUndefined();
      // Given again with the new destination: kept.
      expect((await put({ enabled: true, url: `${second.url}/hook`, token: 'owner-token-123' })).json).toMatchObject({ secretsSet: ['notifications.webhook.token'] });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('e-mail: a new SMTP host (or weaker encryption) without the password clears it', async () => {
    const smtp = await smtpReceiver({ user: 'owner', password: 'smtp-pass-1' });
    try {
      const { test, session } = await start();
      const email = { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: 'owner', from: 'box@home.test', to: ['me@home.test'] };
      const put = (body: unknown) => test.request({ method: 'PUT', path: '/api/settings', session, body: { notifications: { email: body } } });
      expect((await put({ ...email, password: 'smtp-pass-1' })).json).toMatchObject({ secretsSet: ['notifications.email.password'] });
      expect((await put(email)).json).toMatchObject({ secretsSet: ['notifications.email.password'] });
      expect(((await put({ ...email, host: 'localhost' })).json as { secretsSet: string[] }).secretsSet).toEqual([]);
      expect((await put({ ...email, password: 'smtp-pass-1', security: 'starttls' })).json).toMatchObject({ secretsSet: ['notifications.email.password'] });
      expect(((await put({ ...email, security: 'none' })).json as { secretsSet: string[] }).secretsSet).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});

describe('item 5: the report logo is decoded on save', () => {
  const fakePng = `data:image/png;base64,${Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('only the magic, then text')]).toString('base64')}`;

  it('PUT of a logo that only starts like a PNG is refused', async () => {
    const { test, session } = await start();
    const answer = await test.request({ method: 'PUT', path: '/api/settings', session, body: { report: { logo: fakePng } } });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/not a usable PNG/);
  });

  it('such a logo stored by an older version is left out: the box starts and the PDF is made', async () => {
    const dataDir = await makeTempDir();
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, report: { siteName: 'Sakura', logo: fakePng } }));
    const { test, session } = await start({ dataDir });
    expect(test.appliance.settings.current.report).toMatchObject({ siteName: 'Sakura', logo: null });
    const pdf = await test.request({ path: '/api/report.pdf?lang=en', session });
    expect(pdf.status).toBe(200);
    expect(pdf.text.startsWith('%PDF')).toBe(true);
  });
});

describe('item 6: ranges named in a scan request need the per-range consent', () => {
  // A private range on no interface of this machine: even with consent the planner refuses it, so no packet can leave.
  const RANGE = '10.250.250.0/24';
  const onThisMachine = listInterfaces().some((i) => i.cidrs.some((c) => cidrContains(parseCidr(c), '10.250.250.1')));

  it.skipIf(onThisMachine)('is refused for want of consent before the interface is even looked for', async () => {
    const { test, session } = await start();
    await test.request({ method: 'PUT', path: '/api/settings', session, body: { targets: [{ cidr: RANGE, consent: false }, { cidr: '10.250.251.0/24', consent: true }] } });
    // The real ScanService (the test harness's guard stands in front of it for HTTP and socket calls).
    const realStart = ScanService.prototype.start;
    const refused = realStart.call(test.appliance.scans, [RANGE]);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/no consent to scan 10\.250\.250\.0\/24/) });
    // A sub-range of a consented range passes consent (and is then refused only for want of an interface).
    const consented = realStart.call(test.appliance.scans, ['10.250.251.0/25']);
    expect(consented).toMatchObject({ ok: false, error: expect.stringMatching(/no local interface/) });
    expect(test.appliance.scans.running).toBeNull();
  });
});

/** A loopback port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('item 7: private files, no caching, deep JSON', () => {
  it('the process sets its own umask: data files are 0600 even when started with umask 022', async () => {
    const dataDir = await makeTempDir();
    const port = await freePort();
    const child = spawn('sh', ['-c', 'umask 022; exec "$0" --import tsx backend/src/main.ts', process.execPath], {
      cwd: ROOT, env: { ...process.env, MAMORI_DATA_DIR: dataDir, MAMORI_HOST: '127.0.0.1', MAMORI_PORT: String(port), MAMORI_TARGETS: '10.250.252.0/24' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    try {
      await vi.waitFor(() => expect(output).toMatch(/listening on/), { timeout: 60_000, interval: 200 });
      const modes: Record<string, string> = {};
      for (const name of await readdir(dataDir)) modes[name] = ((await stat(join(dataDir, name))).mode & 0o777).toString(8);
      expect(Object.keys(modes)).toContain('settings.json'); // written by lowdb, which sets no mode of its own
      for (const [name, mode] of Object.entries(modes)) expect(`${name} ${mode}`).toMatch(/ (600|700)$/);
    } finally {
      child.kill('SIGTERM');
      await exited;
      await removeDir(dataDir);
    }
  }, 90_000);

  it('API answers carry Cache-Control: no-store; deeply nested JSON is a 400, not a 500', async () => {
    const { test, session } = await start();
    expect((await test.request({ path: '/api/state', session })).headers['cache-control']).toBe('no-store');
    expect((await test.request({ path: '/api/settings', session })).headers['cache-control']).toBe('no-store');
    const depth = 60_000;
    const deep = `{"report":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const answer = await test.request({ method: 'PUT', path: '/api/settings', session, rawBody: deep });
    expect(answer.status).toBe(400);
    expect((answer.json as { error: string }).error).toMatch(/nested too deeply/);
  });
});
