// The appliance in the lab's scanner namespace: start-up time to the first HTTP answer, RSS idle
// and during a scan started from a real browser, and the time from the Scan click to the first
// device row on screen (timestamps taken inside the page, so Playwright's polling adds nothing).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../e2e/appliance.js';
import { expected, ROOT, scannerNamespace } from '../lab.js';
import { processMemory, sleep } from '../proc.js';
import { shippedNodeFlags } from './mamori-cli.js';

export interface ApplianceRound {
  startupMs: number;
  idleRssKiB: number | null;
  scanPeakRssKiB: number | null;
  clickToFirstDeviceMs: number | null;
  scanWallMs: number | null;
  devicesShown: number;
  load1: number;
}

const IDLE_SETTLE_MS = 3000;
/** Runs in the page (a string: this project compiles without the DOM library). */
const IN_PAGE_CLOCKS = `(() => {
  document.addEventListener('click', (e) => {
    if (e.target.closest('[data-testid=scan-button]')) window.benchClick ??= performance.now();
  }, true);
  new MutationObserver(() => {
    if (window.benchFirstRow === undefined && document.querySelector('[data-testid=device-row]')) window.benchFirstRow = performance.now();
  }).observe(document.body, { childList: true, subtree: true });
})()`;

function health(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/api/health', timeout: 500 }, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.end();
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

async function oneRound(browser: Browser, log: (line: string) => void): Promise<ApplianceRound> {
  const lab = expected();
  const dataDir = mkdtempSync(join(tmpdir(), 'mamori-bench-app-'));
  const socketPath = join(dataDir, 'ui.sock');
  let output = '';
  const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const started = performance.now();
  // `ip netns exec` execs node in place: the PID we hold is the appliance's own.
  const app = spawn('ip', ['netns', 'exec', scannerNamespace(), process.execPath, ...shippedNodeFlags(ROOT, 'start'), join(ROOT, 'backend/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, MAMORI_DATA_DIR: dataDir, MAMORI_SOCKET_PATH: socketPath, MAMORI_TARGETS: lab.subnet, MAMORI_LOGIN_CHECKS: 'yes', MAMORI_LOG_LEVEL: 'info' },
  });
  app.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  app.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  let forwarder: ChildProcess | null = null;
  try {
    let startupMs = -1;
    for (const deadline = started + 20_000; performance.now() < deadline;) {
      if (await health(socketPath)) { startupMs = performance.now() - started; break; }
      if (app.exitCode !== null) break;
      await sleep(10);
    }
    if (startupMs < 0) throw new Error(`appliance did not answer /api/health within 20 s:\n${output}`);
    await sleep(IDLE_SETTLE_MS);
    const idle = processMemory(app.pid!);
    const token = /\?setup=([A-Za-z0-9_-]+)/.exec(output)?.[1];
    if (!token) throw new Error(`no set-up link in the appliance's output:\n${output}`);

    const port = await freePort();
    forwarder = spawn(process.execPath, [join(ROOT, 'test/lab/forward.mjs'), `127.0.0.1:${port}`, socketPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('forwarder did not start')), 5000);
      forwarder!.stderr!.once('data', () => { clearTimeout(timer); resolve(); });
    });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/?setup=${token}`);
      const setup = page.getByTestId('setup-form');
      await setup.waitFor({ timeout: 15_000 });
      const passwords = setup.locator('input[type=password]');
      await passwords.nth(0).fill('correct horse battery');
      await passwords.nth(1).fill('correct horse battery');
      await setup.locator('button[type=submit]').click();
      const scan = page.getByTestId('scan-button');
      await scan.waitFor({ timeout: 15_000 });
      // In-page clocks: the click as the page receives it, the first row as the DOM gets it.
      await page.evaluate(IN_PAGE_CLOCKS);
      let peak = idle?.rssKiB ?? 0;
      let polling = true;
      const poller = (async () => {
        while (polling) { peak = Math.max(peak, processMemory(app.pid!)?.rssKiB ?? 0); await sleep(50); }
      })();
      const scanStarted = performance.now();
      await scan.click();
      await page.locator('[data-testid=device-row]').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('cancel-button').waitFor({ state: 'detached', timeout: 180_000 });
      const scanWallMs = performance.now() - scanStarted;
      polling = false;
      await poller;
      const hwm = processMemory(app.pid!)?.hwmKiB ?? null;
      const marks = await page.evaluate('({ click: window.benchClick ?? null, row: window.benchFirstRow ?? null })') as { click: number | null; row: number | null };
      const devicesShown = await page.getByTestId('device-row').count();
      const clickToFirstDeviceMs = marks.click !== null && marks.row !== null ? marks.row - marks.click : null;
      log(`  appliance: start ${startupMs.toFixed(0)} ms, idle ${idle?.rssKiB ?? '?'} KiB, first device ${clickToFirstDeviceMs?.toFixed(0) ?? '?'} ms, scan ${scanWallMs.toFixed(0)} ms, peak ${Math.max(peak, hwm ?? 0)} KiB`);
      return {
        startupMs, idleRssKiB: idle?.rssKiB ?? null, scanPeakRssKiB: Math.max(peak, hwm ?? 0) || null,
        clickToFirstDeviceMs, scanWallMs, devicesShown, load1,
      };
    } finally {
      await context.close();
    }
  } finally {
    if (forwarder) await stop(forwarder);
    await stop(app);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function applianceSuite(rounds: number, log: (line: string) => void): Promise<ApplianceRound[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'],
  });
  try {
    const out: ApplianceRound[] = [];
    for (let r = 0; r < rounds; r++) out.push(await oneRound(browser, log));
    return out;
  } finally {
    await browser.close();
  }
}
