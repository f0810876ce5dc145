// A real browser (Debian chromium driven by playwright-core) opens the dashboard served by the
// appliance inside the lab, sets the owner password, clicks Scan and watches the lab's devices
// appear while the scan is still running.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { launchBrowser, SHOTS } from './browser.js';
import { expected } from './lab.js';

const lab = expected();
let appliance: RunningAppliance;
let browser: Browser;

describe('dashboard in a real browser', () => {
  beforeAll(async () => {
    appliance = await startLabAppliance(lab.subnet);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.stop();
  });

  it('sets the password, starts a scan and shows devices live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${appliance.url}/?setup=${appliance.setupToken}`);
    const setup = page.getByTestId('setup-form');
    await expect.poll(() => setup.isVisible(), { timeout: 10_000 }).toBe(true);
    const passwords = setup.locator('input[type=password]');
    await passwords.nth(0).fill('correct horse battery');
    await passwords.nth(1).fill('correct horse battery');
    await setup.locator('button[type=submit]').click();

    const scan = page.getByTestId('scan-button');
    await scan.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'dashboard-before-scan.png'), fullPage: true });
    await scan.click();

    // Devices must appear while the scan is still running, not only at the end.
    const camera = lab.devices.find((d) => d.tcpPorts.includes(23))!;
    await page.locator(`[data-testid=device-row][data-ip="${camera.ip}"]`).waitFor({ timeout: 15_000 });
    const stillRunning = await page.getByTestId('progress').isVisible();
    await page.screenshot({ path: join(SHOTS, 'dashboard-during-scan.png'), fullPage: true });
    expect(stillRunning).toBe(true);

    await page.getByTestId('cancel-button').waitFor({ state: 'detached', timeout: 60_000 });
    const rows = page.getByTestId('device-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(lab.devices.length);
    const cameraRow = page.locator(`[data-testid=device-row][data-ip="${camera.ip}"]`);
    await expect.poll(() => cameraRow.locator('[data-testid=finding][data-family=cleartext-service]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'dashboard-after-scan.png'), fullPage: true });

    // Japanese from the same screen.
    await page.getByTestId('lang-switch').selectOption('ja');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.getByTestId('scan-button').innerText()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    await page.screenshot({ path: join(SHOTS, 'dashboard-after-scan-ja.png'), fullPage: true });
  });
});
