// Every screen checked by axe-core (WCAG rules, in the real browser: Debian chromium driven by
// playwright-core) against the appliance that scanned the lab: the first-run wizard, Overview,
// Devices, a device's page, Findings with one finding opened, Settings and Report — at desktop
// and phone width, in English and Japanese. Zero violations expected on each.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { launchBrowser, shot, SHOTS, VIEWPORTS } from './browser.js';
import { expected } from './lab.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const lab = expected();
const camera = lab.devices.find((d) => d.name === 'ip-camera')!;
let appliance: RunningAppliance;
let browser: Browser;
let page: Page;
let cameraId = '';

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

const SCREENS = {
  overview: { hash: '#/', testId: 'screen-overview' },
  devices: { hash: '#/devices', testId: 'screen-devices' },
  detail: { hash: '', testId: 'device-detail' },
  findings: { hash: '#/findings', testId: 'screen-findings' },
  settings: { hash: '#/settings', testId: 'settings-view' },
  report: { hash: '#/report', testId: 'report-view' },
} as const;
type Screen = keyof typeof SCREENS;

async function open(screen: Screen): Promise<void> {
  const hash = screen === 'detail' ? `#/devices/${encodeURIComponent(cameraId)}` : SCREENS[screen].hash;
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await page.getByTestId(SCREENS[screen].testId).waitFor({ timeout: 10_000 });
}

/** axe-core's violations on the page as it is now, one line per rule and element. */
async function axeViolations(): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ content: AXE_SOURCE });
  // Evaluated in the page (this file is type-checked without the DOM library).
  const violations = await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`) as AxeViolation[];
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}`));
}

const found = new Map<string, string[]>();
async function check(name: string): Promise<void> {
  found.set(name, await axeViolations());
  await shot(page, `axe-${name}`);
}

describe('accessibility (axe-core) on every screen', () => {
  beforeAll(async () => {
    appliance = await startLabAppliance(lab.subnet, { MAMORI_LOGIN_CHECKS: 'yes' });
    browser = await launchBrowser();
    // The appliance's CSP (script-src 'self') would block the injected axe script; the page's own code is unchanged.
    page = await browser.newPage({ viewport: VIEWPORTS.desktop, locale: 'en-US', bypassCSP: true });
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.stop();
  });

  it('the set-up form and the first-run wizard have no violations', async () => {
    await page.goto(`${appliance.url}/?setup=${appliance.setupToken}`);
    const setup = page.getByTestId('setup-form');
    await setup.waitFor({ timeout: 10_000 });
    await check('setup-desktop-en');
    const passwords = setup.locator('input[type=password]');
    await passwords.nth(0).fill('correct horse battery');
    await passwords.nth(1).fill('correct horse battery');
    await setup.locator('button[type=submit]').click();
    await page.getByTestId('scan-button').waitFor({ timeout: 10_000 });
    // No scan has run yet, so the first-run wizard shows (its own component test covers when).
    await page.getByTestId('wizard-networks').waitFor({ timeout: 10_000 });
    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await check(`wizard-networks-${viewport}-en`);
    }
    await page.setViewportSize(VIEWPORTS.desktop);
    // Next without consent: the error the wizard shows is checked too.
    await page.getByTestId('wizard-next').click();
    await check('wizard-networks-error-desktop-en');
    await page.getByTestId('target-consent').first().check();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-login').waitFor();
    await check('wizard-login-desktop-en');
    await page.getByTestId('wizard-login-no').check();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-start').waitFor();
    await check('wizard-start-desktop-en');
    await page.getByTestId('wizard-skip').click();
    expect(Object.fromEntries([...found].filter(([, v]) => v.length > 0))).toEqual({});
  });

  it('every screen, at desktop and phone width, in English and Japanese, has no violations', async () => {
    await expect.poll(() => page.getByTestId('scan-button').isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('scan-button').click();
    // Every screen is checked with the finished scan's results (the end is announced).
    await expect.poll(() => page.getByTestId('scan-announcement').innerText(), { timeout: 180_000 }).toMatch(/^Scan finished/);
    await open('devices');
    const cameraRow = page.locator(`[data-testid=device-row][data-ip="${camera.ip}"]`);
    cameraId = decodeURIComponent((await cameraRow.getByTestId('device-link').getAttribute('href'))!.replace('#/devices/', ''));
    for (const lang of ['en', 'ja'] as const) {
      if (lang === 'ja') {
        await page.getByTestId('lang-switch').selectOption('ja');
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
      }
      for (const [viewport, size] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(size);
        for (const screen of Object.keys(SCREENS) as Screen[]) {
          await open(screen);
          // Rows ticked for a bulk action: the ticked state is checked too.
          if (screen === 'devices') await page.getByTestId('bulk-select-all').click();
          if (screen === 'findings') {
            const card = page.locator(`[data-testid=finding-card][data-ip="${camera.ip}"][data-family=default-credentials]`).first();
            await card.getByTestId('finding-toggle').click();
            await card.getByTestId('vendor-steps').waitFor();
          }
          await check(`${screen}-${viewport}-${lang}`);
          if (screen === 'settings') {
            await page.getByTestId('optout-field').screenshot({ path: join(SHOTS, `optout-${viewport}-${lang}.png`) });
            await page.getByTestId('settings-jump').screenshot({ path: join(SHOTS, `settings-jump-${viewport}-${lang}.png`) });
          }
        }
      }
    }
    // Set-up form, five wizard states, six screens × two widths × two languages: each one checked.
    expect(found.size).toBe(6 + 6 * 2 * 2);
    expect(Object.fromEntries([...found].filter(([, v]) => v.length > 0))).toEqual({});
  }, 400_000);
});
