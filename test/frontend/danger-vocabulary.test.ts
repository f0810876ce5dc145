// One vocabulary of danger: a finding whose check grades it "high" but whose risk on this device is
// critical reads "Critical" on every screen — card badge, card body, device list, counts, groups,
// the overview's plan — in English and Japanese.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import type { FindingRisk } from '../../frontend/src/api/contract';
import { setLocale } from '../../frontend/src/i18n';
import { device, finding, scan, service, snapshot } from './fixtures';
import { goTo, mountAppWith } from './app-helpers';
import { flush } from './helpers';

enableAutoUnmount(afterEach);
afterEach(async () => {
  setLocale('en');
  window.location.hash = '';
  await flush();
});

const risk: FindingRisk = { likelihood: 5, impact: 4, score: 20, level: 'critical', reasons: ['Attackers try this first.'], factors: [] };
const camera = device({ id: 'cam', ip: '10.77.0.11', vendor: 'Hikvision', type: 'camera', services: [service({ port: 23 })] });
const telnet = finding({ key: 'k-telnet', deviceId: 'cam', severity: 'high', risk });
const state = snapshot({
  devices: [camera], findings: [telnet],
  scans: [scan({ id: 's1', status: 'completed', finishedAt: '2026-11-24T01:02:00.000Z' })],
});
const app = () => mountAppWith(state);

/** Every danger word drawn on the page right now (badges carry data-severity). */
const words = () => [...document.querySelectorAll('[data-testid="app"] .sev, .sev')]
  .map((el) => ({ level: el.getAttribute('data-severity'), text: el.textContent?.trim() }));

describe('one word of danger', () => {
  it.each([['en', 'Critical', 'High'], ['ja', '緊急', '高']] as const)('%s: the same finding reads "%s" everywhere, never "%s"', async (lang, word, other) => {
    setLocale(lang);
    await app();
    // Overview: counts and the plan
    expect(document.querySelector('[data-testid="count-critical"]')?.textContent).toContain('1');
    expect(document.querySelector('[data-testid="count-high"]')?.textContent).toContain('0');
    expect(document.querySelector('[data-testid="household-summary"] .sev')?.textContent?.trim()).toBe(word);
    expect(document.querySelector('[data-testid="danger-explain"]')?.textContent).toBeTruthy();

    await goTo('#/devices', 'screen-devices');
    expect(document.querySelector('[data-testid="device-problems"] .sev')?.textContent?.trim()).toBe(word);

    await goTo('#/findings', 'screen-findings');
    expect(document.querySelector('[data-testid="group-critical"]')).not.toBeNull();
    expect(document.querySelector('[data-testid="group-high"]')).toBeNull();

    await goTo('#/devices/cam', 'device-detail');
    const card = document.querySelector('[data-testid="device-detail"] [data-severity]');
    expect(card?.getAttribute('data-severity')).toBe('critical');
    expect(card?.querySelector('.sev')?.textContent?.trim()).toBe(word);
    // The card's body says the same risk word as its badge.
    const body = document.querySelector('[data-testid="device-detail"] [data-testid="risk"]');
    if (body) expect(body.textContent).toContain(word);

    const shown = words().filter((w) => w.level !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const w of shown) {
      expect(w.level).toBe('critical');
      expect(w.text).not.toBe(other);
    }
  }, 30_000); // four screens drawn: generous under a loaded CPU
});
