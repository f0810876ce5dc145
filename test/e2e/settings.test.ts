// Settings, the first run and the Report screen in a real browser (Debian chromium driven by
// playwright-core) against the appliance in the lab: set-up link → wizard (networks with consent,
// login checks) → the first scan starts and devices appear; a setting survives a reload; the
// password changes (the old one is refused, the new one works); dark theme; Japanese. Screenshots
// of the wizard, Settings and Report at 1280 and 375 px in both languages; no sideways scroll.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabAppliance, type RunningAppliance } from './appliance.js';
import { launchBrowser, shot, VIEWPORTS } from './browser.js';
import { expected } from './lab.js';

const lab = expected();
const camera = lab.devices.find((d) => d.tcpPorts.includes(23))!;
const FIRST_PASSWORD = 'correct horse battery';
const NEXT_PASSWORD = 'a brand new passphrase';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
let appliance: RunningAppliance;
let browser: Browser;
let page: Page;

async function setLanguage(lang: 'en' | 'ja'): Promise<void> {
  await page.getByTestId('lang-switch').selectOption(lang);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** Shots at desktop and phone width in the current language; at 375 px nothing may scroll sideways. */
async function shots(name: string, lang: 'en' | 'ja'): Promise<void> {
  await shot(page, `${name}-desktop-${lang}`);
  await page.setViewportSize(VIEWPORTS.phone);
  await shot(page, `${name}-phone-${lang}`);
  const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${VIEWPORTS.phone.width} + 0.5 && ![...e.children].some((c) => c.getBoundingClientRect().right > ${VIEWPORTS.phone.width} + 0.5)).map((e) => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().width)).slice(0, 8).join(' | ')`);
  expect(await page.evaluate('document.documentElement.scrollWidth'), `${name}: wider than the phone: ${String(wide)}`).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  await page.setViewportSize(VIEWPORTS.desktop);
}

async function open(hash: string, testId: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  await page.getByTestId(testId).waitFor({ timeout: 10_000 });
}

async function apiJson(path: string): Promise<Record<string, unknown>> {
  const response = await page.request.get(`${appliance.url}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('settings, first run and report in a real browser', () => {
  beforeAll(async () => {
    appliance = await startLabAppliance(lab.subnet);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: VIEWPORTS.desktop, locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.stop();
  });

  it('first run: set-up link → networks with consent → login checks → the first scan finds devices', async () => {
    await page.goto(`${appliance.url}/?setup=${appliance.setupToken}`);
    const setup = page.getByTestId('setup-form');
    await setup.waitFor({ timeout: 10_000 });
    await shots('setup', 'en');
    const passwords = setup.locator('input[type=password]');
    await passwords.nth(0).fill(FIRST_PASSWORD);
    await passwords.nth(1).fill(FIRST_PASSWORD);
    await setup.locator('button[type=submit]').click();

    const wizard = page.getByTestId('first-run');
    await wizard.waitFor({ timeout: 10_000 });
    const range = wizard.locator(`[data-testid=target][data-cidr="${lab.subnet}"]`);
    await range.waitFor();
    expect(await range.getByTestId('target-consent').isChecked()).toBe(false);
    await shots('wizard-networks', 'en');
    await setLanguage('ja');
    expect(await wizard.innerText()).toMatch(JAPANESE);
    await shots('wizard-networks', 'ja');
    await setLanguage('en');

    // No consent, no next step.
    await page.getByTestId('wizard-next').click();
    expect(await wizard.getByTestId('form-error').innerText()).toContain('Tick at least one network');
    await range.getByTestId('target-consent').check();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-login').waitFor();
    expect(await wizard.innerText()).toContain('Never a brute force');
    await shots('wizard-login', 'en');
    await setLanguage('ja');
    await shots('wizard-login', 'ja');
    await setLanguage('en');
    await page.getByTestId('wizard-login-yes').check();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-start').waitFor();
    expect(await wizard.innerText()).toContain(lab.subnet);
    await shots('wizard-start', 'en');
    await page.getByTestId('wizard-start-scan').click();

    // Lands on the overview with the scan running; the lab's devices appear live.
    await wizard.waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator(`[data-testid=device-row][data-ip="${camera.ip}"]`).first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('progress').isVisible()).toBe(true);
    const saved = (await apiJson('/api/settings'))['settings'] as { targets: unknown; loginChecks: unknown };
    expect(saved.targets).toEqual([{ cidr: lab.subnet, consent: true }]);
    expect(saved.loginChecks).toBe(true);
    await page.getByTestId('cancel-button').waitFor({ state: 'detached', timeout: 90_000 });
    const state = await apiJson('/api/state') as { scans: Array<{ loginChecks: boolean; targets: string[] }> };
    expect(state.scans[0]).toMatchObject({ loginChecks: true, targets: [lab.subnet] });

    // Done means done: a reload does not bring the wizard back.
    await page.reload();
    await page.getByTestId('scan-button').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('first-run').count()).toBe(0);
  });

  it('a changed setting is saved and still there after a reload; devices can be kept out of login checks', async () => {
    await open('#/settings', 'settings-view');
    const retention = page.getByTestId('section-retention');
    await retention.locator('#field-retention-keepScans').fill('42');
    await page.getByTestId('save-retention').click();
    await retention.getByTestId('saved').waitFor();
    const login = page.getByTestId('section-loginChecks');
    // Every device the scan found has its own switch, all on until the owner turns one off.
    expect(await login.getByTestId('optout-device').count()).toBe(lab.devices.length);
    const exactIp = new RegExp(`^${camera.ip.replace(/\./g, '\\.')}$`);
    const cameraSwitch = login.locator('li').filter({ has: page.locator('span.muted', { hasText: exactIp }) }).getByTestId('optout-device');
    expect(await cameraSwitch.isChecked()).toBe(true);
    await cameraSwitch.uncheck();
    await page.getByTestId('save-loginChecks').click();
    await login.getByTestId('saved').waitFor();
    const optOut = ((await apiJson('/api/settings'))['settings'] as { loginCheckOptOut: string[] }).loginCheckOptOut;
    expect(optOut).toEqual([await cameraSwitch.getAttribute('data-id')]);

    // A value the appliance refuses is shown next to its field and not saved.
    const networks = page.getByTestId('section-networks');
    await networks.getByTestId('new-range').fill('10.77.0.999/24');
    await networks.getByTestId('add-range').click();
    await networks.locator('[data-testid=target-consent]').last().check();
    await page.getByTestId('save-networks').click();
    await networks.locator('.field-error').first().waitFor();
    expect(await networks.locator('.field-error').first().innerText()).toContain('not an address range');

    await page.reload();
    await page.getByTestId('settings-view').waitFor();
    await expect.poll(() => page.locator('#field-retention-keepScans').inputValue(), { timeout: 10_000 }).toBe('42');
    expect(await page.getByTestId('section-networks').getByTestId('target').count()).toBe(1);
    await shots('settings', 'en');
  });

  it('switches to the dark theme, kept after a reload; Japanese from the schema’s own descriptions', async () => {
    await page.getByTestId('theme-dark').check();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    const background = () => page.evaluate('getComputedStyle(document.body.parentElement).backgroundColor');
    expect(await background()).toBe('rgb(17, 19, 24)');
    await page.reload();
    await page.getByTestId('section-retention').waitFor({ timeout: 10_000 });
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await shots('settings-dark', 'en');
    await page.getByTestId('theme-light').check();
    expect(await background()).toBe('rgb(246, 247, 249)');

    await page.getByTestId('language-ja').check();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    const retention = await page.getByTestId('section-retention').innerText();
    expect(retention).toContain('履歴に残すスキャンの数');
    expect(retention).not.toContain('Scans kept in the history');
    await shots('settings', 'ja');
    await setLanguage('en');
  });

  it('the Report screen links the reports, exports and the evidence pack, which download with the session', async () => {
    await open('#/report', 'report-view');
    const links = {
      pdf: await page.getByTestId('report-pdf-ja').getAttribute('href'),
      html: await page.getByTestId('report-html-en').getAttribute('href'),
      csv: await page.getByTestId('export-devices').getAttribute('href'),
      pack: await page.getByTestId('evidence-download').getAttribute('href'),
    };
    expect(links).toMatchObject({ pdf: '/api/report.pdf?lang=ja', html: '/api/report.html?lang=en', csv: '/api/export/devices.csv?lang=en' });
    expect(links.pack).toMatch(/^\/api\/evidence\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&lang=en$/);
    const pdf = await page.request.get(`${appliance.url}${links.pdf}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await page.request.get(`${appliance.url}${links.csv}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(camera.ip);
    await page.getByTestId('evidence-fingerprint').waitFor({ timeout: 10_000 });
    await shots('report', 'en');
    await setLanguage('ja');
    expect(await page.getByTestId('report-view').innerText()).toMatch(JAPANESE);
    await shots('report', 'ja');
    await setLanguage('en');
  });

  it('changes the password: this browser stays signed in, the old password is refused, the new one works', async () => {
    await open('#/settings', 'settings-view');
    const form = page.getByTestId('password-form');
    await form.locator('#password-current').fill(FIRST_PASSWORD);
    await form.locator('#password-next').fill(NEXT_PASSWORD);
    await form.locator('#password-confirm').fill(NEXT_PASSWORD);
    await form.locator('button[type=submit]').click();
    await page.getByTestId('password-changed').waitFor({ timeout: 10_000 });
    expect((await page.request.get(`${appliance.url}/api/settings`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Log out' }).click();
    const login = page.getByTestId('login-form');
    await login.waitFor({ timeout: 10_000 });
    await login.locator('#login-password').fill(FIRST_PASSWORD);
    await login.locator('button[type=submit]').click();
    await expect.poll(() => login.getByTestId('form-error').innerText().catch(() => ''), { timeout: 10_000 }).toBe('Wrong password.');
    await login.locator('#login-password').fill(NEXT_PASSWORD);
    await login.locator('button[type=submit]').click();
    await page.getByTestId('settings-view').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('login-form').count()).toBe(0);
  });
});
