// The owner's journey in a real browser (Debian chromium, playwright-core) against the appliance
// scanning the lab: set the password from the set-up link, reach the navigation and the Scan button
// with the keyboard and start a scan with Enter, watch devices appear while the progress shows,
// open the camera's finding and its fix steps, re-test it (outcome shown), accept the risk with a
// reason, an expiry and who accepts (status changes on screen), switch to Japanese. Screenshots of
// Overview, Devices, Device detail and Findings at desktop and phone width in both languages; on
// the phone no screen scrolls sideways.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { launchBrowser, shot, VIEWPORTS } from './browser.js';
import { expected } from './lab.js';

const lab = expected();
const camera = lab.devices.find((d) => d.name === 'ip-camera')!;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
let appliance: RunningAppliance;
let browser: Browser;
let page: Page;
let cameraId = '';

const SCREENS = {
  overview: { hash: '#/', testId: 'screen-overview' },
  devices: { hash: '#/devices', testId: 'screen-devices' },
  detail: { hash: '', testId: 'device-detail' },
  findings: { hash: '#/findings', testId: 'screen-findings' },
} as const;

async function open(screen: keyof typeof SCREENS): Promise<void> {
  const hash = screen === 'detail' ? `#/devices/${encodeURIComponent(cameraId)}` : SCREENS[screen].hash;
  // Evaluated in the page (this file is type-checked without the DOM library).
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await page.getByTestId(SCREENS[screen].testId).waitFor({ timeout: 10_000 });
}

const activeTestId = () => page.evaluate('document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName ?? null') as Promise<string | null>;

describe('dashboard journey in a real browser', () => {
  beforeAll(async () => {
    // Login checks consented, so the camera's factory passwords are found (with Hikvision's own steps).
    appliance = await startLabAppliance(lab.subnet, { MAMORI_LOGIN_CHECKS: 'yes' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: VIEWPORTS.desktop, locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.stop();
  });

  it('sets the password from the set-up link, then reaches the nav and Scan with the keyboard; Enter starts the scan', async () => {
    await page.goto(`${appliance.url}/?setup=${appliance.setupToken}`);
    const setup = page.getByTestId('setup-form');
    await setup.waitFor({ timeout: 10_000 });
    const passwords = setup.locator('input[type=password]');
    await passwords.nth(0).fill('correct horse battery');
    await passwords.nth(1).fill('correct horse battery');
    await setup.locator('button[type=submit]').click();
    await page.getByTestId('scan-button').waitFor({ timeout: 10_000 });
    // The first-run wizard (networks, login checks) has its own test; this journey starts the scan itself.
    const skip = page.getByTestId('wizard-skip');
    if (await skip.isVisible().catch(() => false)) await skip.click();
    expect(await page.getByTestId('nav-overview').getAttribute('aria-current')).toBe('page');

    // From the top of a freshly loaded page: Tab reaches the navigation, then the Scan button (bounded).
    await page.reload();
    await expect.poll(() => page.getByTestId('scan-button').isEnabled(), { timeout: 10_000 }).toBe(true);
    const seen: string[] = [];
    for (let i = 0; i < 40 && !seen.includes('scan-button'); i++) {
      await page.keyboard.press('Tab');
      seen.push(String(await activeTestId()));
    }
    expect(seen).toContain('nav-devices');
    expect(seen.indexOf('nav-devices')).toBeLessThan(seen.indexOf('scan-button'));
    expect(seen.at(-1)).toBe('scan-button');
    await page.keyboard.press('Enter');
    // Focus moves to Cancel (the Scan button is disabled meanwhile), not to the page body.
    await expect.poll(activeTestId, { timeout: 10_000 }).toBe('cancel-button');

    // Devices appear while the scan still runs, with its stage and what is probed now.
    await page.locator(`[data-testid=device-list] [data-testid=device-row][data-ip="${camera.ip}"]`).waitFor({ timeout: 15_000 });
    const progress = page.getByTestId('progress');
    expect(await progress.isVisible()).toBe(true);
    expect(await page.getByTestId('progress-stage').innerText()).not.toBe('');
    await shot(page, 'overview-scanning-desktop-en');

    await page.getByTestId('cancel-button').waitFor({ state: 'detached', timeout: 90_000 });
    // The end is announced (polite status region), and focus is back on Scan.
    await expect.poll(() => page.getByTestId('scan-announcement').innerText(), { timeout: 10_000 }).toMatch(/^Scan finished/);
    expect(await activeTestId()).toBe('scan-button');
    const rows = page.locator('[data-testid=device-list] [data-testid=device-row]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(lab.devices.length);
    expect(await page.getByTestId('device-count').innerText()).toBe(String(lab.devices.length));
    // The risk matrix counts the open problems; a cell links to the Findings screen.
    const cells = await page.locator('[data-testid=risk-matrix] td[data-count]').evaluateAll((tds) => tds.reduce((n, td) => n + Number(td.getAttribute('data-count')), 0));
    expect(cells).toBeGreaterThan(5);
  });

  it('lists, searches and opens the devices', async () => {
    await page.getByTestId('nav-devices').click();
    await page.getByTestId('screen-devices').waitFor();
    expect(await page.getByTestId('nav-devices').getAttribute('aria-current')).toBe('page');
    const rows = page.locator('[data-testid=device-table] [data-testid=device-row]');
    expect(await rows.count()).toBe(lab.devices.length);
    await page.getByTestId('device-search').fill('hikvision');
    await expect.poll(() => rows.count()).toBe(1);
    const cameraRow = page.locator(`[data-testid=device-row][data-ip="${camera.ip}"]`);
    expect(Number(await cameraRow.getByTestId('device-problems').getAttribute('data-count'))).toBeGreaterThan(0);
    await page.getByTestId('device-search').fill('');
    cameraId = decodeURIComponent((await cameraRow.getByTestId('device-link').getAttribute('href'))!.replace('#/devices/', ''));
    await cameraRow.getByTestId('device-link').click();
    await page.getByTestId('device-detail').waitFor();
    const detail = page.getByTestId('device-detail');
    expect(await detail.innerText()).toContain('Hikvision');
    // One name per device: the camera's own name (its telnet greeting), not its address.
    expect(await detail.getByTestId('device-name').innerText()).toBe('cam-frontdoor');
    expect(await detail.getByTestId('evidence').innerText()).toContain('IEEE');
    expect(await detail.locator('[data-testid=services] [data-testid=port]').count()).toBe(camera.tcpPorts.length);
    // Back returns to the device list.
    await page.goBack();
    await page.getByTestId('screen-devices').waitFor();
  });

  it('opens the camera\'s finding with its fix steps, re-tests it and accepts the risk', async () => {
    await open('findings');
    const card = page.locator(`[data-testid=finding-card][data-ip="${camera.ip}"][data-family=default-credentials]`).first();
    await card.getByTestId('finding-toggle').click();
    expect(await card.getByTestId('vendor-steps-title').innerText()).toContain('Hikvision');
    expect(await card.locator('[data-testid=vendor-steps] li').count()).toBeGreaterThan(1);
    expect(await card.getByTestId('who-acts').innerText()).not.toBe('');
    // The brand's steps fit a Telnet finding (no SSH step), and the evidence reads in plain words.
    expect(await card.getByTestId('evidence-plain').innerText()).toMatch(/factory password|any password/);
    await shot(page, 'finding-open-desktop-en');
    const key = (await card.getAttribute('data-key'))!;

    await card.getByTestId('retest').click();
    const message = card.getByTestId('action-message');
    await message.waitFor({ timeout: 60_000 });
    expect(await message.innerText()).toContain('still finds this problem');

    // On the device's page every status is shown, so the change is seen in place.
    await open('detail');
    const same = page.locator(`[data-testid=finding-card][data-key="${key}"]`);
    await same.getByTestId('finding-toggle').click();
    await same.getByTestId('accept').click();
    await same.getByTestId('reason').fill('Camera is replaced next month');
    await same.getByTestId('until').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await same.getByTestId('person').fill('Aiko Sato');
    await same.getByTestId('submit').click();
    await expect.poll(() => same.getByTestId('card-status').innerText(), { timeout: 10_000 }).toBe('Risk accepted');
    expect(await same.getByTestId('accepted-until').isVisible()).toBe(true);
    expect(await page.getByTestId('device-history').innerText()).toContain('Aiko Sato');

    await open('findings');
    await page.getByTestId('status-accepted').click();
    await page.locator(`[data-testid=finding-card][data-key="${key}"]`).waitFor({ timeout: 5000 });
    expect(await page.getByTestId('status-accepted').getAttribute('aria-current')).toBe('true');
  });

  it('shows every screen at desktop and phone width, in English and Japanese, without sideways scrolling on the phone', async () => {
    for (const lang of ['en', 'ja'] as const) {
      if (lang === 'ja') {
        await page.getByTestId('lang-switch').selectOption('ja');
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
      }
      for (const [viewport, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        for (const screen of Object.keys(SCREENS) as (keyof typeof SCREENS)[]) {
          await open(screen);
          if (lang === 'ja') expect(await page.getByTestId('nav').innerText()).toMatch(JAPANESE);
          if (viewport === 'phone') {
            const width = await page.evaluate('document.scrollingElement.scrollWidth') as number;
            expect(width, `${screen} at 375 px (${lang})`).toBeLessThanOrEqual(375);
          }
          // The record of due care: each finished scan on the overview with what it changed.
          if (screen === 'overview') expect(await page.getByTestId('scan-history-entry').count()).toBeGreaterThan(0);
          // The phone list is one compact row per device: the 20 lab devices took 13 screens before.
          if (screen === 'devices' && viewport === 'phone') {
            const screens = await page.evaluate('document.scrollingElement.scrollHeight / window.innerHeight') as number;
            process.stdout.write(`devices at 375 px (${lang}): ${screens.toFixed(1)} screens\n`);
            expect(screens, `devices at 375 px (${lang})`).toBeLessThanOrEqual(6);
          }
          await shot(page, `${screen}-${viewport}-${lang}`);
        }
      }
    }
    // One finding opened, in Japanese, at both widths: fitted steps, plain evidence, the device's web page.
    await open('findings');
    await page.getByTestId('status-open').click();
    const open1 = page.locator(`[data-testid=finding-card][data-ip="${camera.ip}"][data-family=default-credentials]`).first();
    await open1.getByTestId('finding-toggle').click();
    expect(await open1.getByTestId('evidence-plain').innerText()).toMatch(JAPANESE);
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await shot(page, `finding-open-${viewport}-ja`);
    }
    await open('overview');
    expect(await page.getByTestId('scan-button').innerText()).toMatch(JAPANESE);
    // The dark theme (the system's choice here) draws the same screens with its own colours.
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const screen of ['overview', 'findings'] as const) {
      await open(screen);
      await shot(page, `${screen}-desktop-ja-dark`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows the software a device announces on its page, in Japanese and English (the secure hub\'s OpenSSH build)', async () => {
    const hub = lab.devices.find((d) => d.name === 'secure-hub')!;
    for (const lang of ['ja', 'en'] as const) {
      await page.getByTestId('lang-switch').selectOption(lang);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      await open('devices');
      await page.locator(`[data-testid=device-table] [data-testid=device-row][data-ip="${hub.ip}"]`).getByTestId('device-link').click();
      await page.getByTestId('device-detail').waitFor();
      const software = page.getByTestId('software');
      await expect.poll(() => software.getByTestId('software-item').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const items = (await software.getByTestId('software-item').allInnerTexts()).join('\n');
      // The product, the exact string it came from, and the Debian build marked as such (no alarm on it).
      expect(items).toContain('OpenSSH');
      expect(items).toMatch(/SSH-2\.0-OpenSSH_\S+ Debian/);
      expect(await software.getByTestId('distro-build').count()).toBeGreaterThan(0);
      const title = await software.locator('h3').innerText();
      const catalogue = await software.getByTestId('catalogue-date').innerText();
      if (lang === 'ja') {
        expect(title).toContain('機器が名乗っているソフトウェア');
        expect(catalogue).toMatch(JAPANESE);
      } else {
        expect(title).toContain('Software it announces');
        expect(catalogue).toContain('Checked against');
      }
      await shot(page, `device-software-desktop-${lang}`);
    }
  });
});
