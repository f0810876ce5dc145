// The first-run wizard with a fake client: networks with consent per range, the login-check
// question, then the first scan; skippable; never shown once a scan exists.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import FirstRunWizard from '../../frontend/src/components/firstrun/FirstRunWizard.vue';
import { SKIP_KEY, needsFirstRun } from '../../frontend/src/components/firstrun/visibility';
import { createApplianceApi, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import { fakeClient, scan, snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
beforeEach(() => localStorage.removeItem(SKIP_KEY));

function fakeAppliance(stored: Record<string, unknown> = { targets: [], loginChecks: null }) {
  const base = createApplianceApi(async () => { throw new Error('no network in this test'); });
  return {
    ...base,
    getSettings: vi.fn(async () => ({ settings: stored, secretsSet: [], nextScheduledScan: null })),
    saveSettings: vi.fn(async (sections: Record<string, unknown>) => ({ settings: { ...stored, ...sections }, secretsSet: [], nextScheduledScan: null })),
  } satisfies ApplianceApi;
}

async function mountWizard(state = snapshot({ settings: { targets: ['10.77.0.0/24', '192.168.5.0/24'], loginChecks: false } }), appliance = fakeAppliance()) {
  const fake = fakeClient({ appliance });
  const mounted = await mountWithStore(FirstRunWizard, { fake });
  mounted.fake.live.handlers!.event({ type: 'snapshot', payload: state });
  await flush();
  await flush();
  return { ...mounted, appliance };
}

describe('first-run wizard', () => {
  it('is not drawn before the snapshot arrives, nor once a scan exists', async () => {
    expect(needsFirstRun(snapshot(), false, false)).toBe(false);
    expect(needsFirstRun(snapshot(), true, false)).toBe(true);
    expect(needsFirstRun(snapshot({ scans: [scan({ status: 'completed' })] }), true, false)).toBe(false);
    expect(needsFirstRun(snapshot({ running: scan() }), true, false)).toBe(false);
    expect(needsFirstRun(snapshot(), true, true)).toBe(false);
    const { wrapper } = await mountWizard(snapshot({ scans: [scan({ status: 'completed' })] }));
    expect(wrapper.find('[data-testid="first-run"]').exists()).toBe(false);
  });

  it('walks networks → login checks → first scan, saving only consented ranges', async () => {
    const { wrapper, appliance, fake } = await mountWizard();
    expect(wrapper.get('[data-testid="first-run"]').text()).toContain('Step 1 of 3');
    const rows = wrapper.findAll('[data-testid="target"]');
    expect(rows.map((r) => r.attributes('data-cidr'))).toEqual(['10.77.0.0/24', '192.168.5.0/24']);
    // Consent is never assumed.
    expect(rows.every((r) => !(r.get('[data-testid="target-consent"]').element as HTMLInputElement).checked)).toBe(true);
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Tick at least one network you may scan.');

    await rows[0]!.get('[data-testid="target-consent"]').setValue(true);
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    expect(wrapper.find('[data-testid="wizard-login"]').exists()).toBe(true);
    expect(wrapper.text()).toContain('Never a brute force');
    expect(wrapper.text()).toContain('audit trail');
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Choose yes or no.');
    await wrapper.get('[data-testid="wizard-login-yes"]').setValue(true);
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');

    expect(wrapper.get('[data-testid="wizard-start"]').text()).toContain('10.77.0.0/24');
    expect(wrapper.get('[data-testid="wizard-start"]').text()).not.toContain('192.168.5.0/24');
    await wrapper.get('[data-testid="wizard-start-scan"]').trigger('click');
    await flush();
    expect(appliance.saveSettings).toHaveBeenCalledWith({ targets: [{ cidr: '10.77.0.0/24', consent: true }], loginChecks: true });
    expect(fake.live.connection.startScan).toHaveBeenCalledTimes(1);
    expect(wrapper.emitted('done')).toHaveLength(1);

    // The scan starting is what ends the first run.
    fake.live.handlers!.event({ type: 'scan:started', payload: scan() });
    await flush();
    expect(wrapper.find('[data-testid="first-run"]').exists()).toBe(false);
  });

  it('starts from the ranges saved before and keeps their answer', async () => {
    const { wrapper } = await mountWizard(undefined, fakeAppliance({ targets: [{ cidr: '10.1.2.0/24', consent: true }], loginChecks: false }));
    expect(wrapper.findAll('[data-testid="target"]').map((r) => r.attributes('data-cidr'))).toEqual(['10.1.2.0/24']);
    await wrapper.get('[data-testid="wizard-next"]').trigger('click');
    expect((wrapper.get('[data-testid="wizard-login-no"]').element as HTMLInputElement).checked).toBe(true);
  });

  it('can be skipped, and stays skipped in this browser', async () => {
    const { wrapper, appliance, fake } = await mountWizard();
    await wrapper.get('[data-testid="wizard-skip"]').trigger('click');
    expect(wrapper.find('[data-testid="first-run"]').exists()).toBe(false);
    expect(localStorage.getItem(SKIP_KEY)).toBe('yes');
    expect(appliance.saveSettings).not.toHaveBeenCalled();
    expect(fake.live.connection.startScan).not.toHaveBeenCalled();
    const again = await mountWizard();
    expect(again.wrapper.find('[data-testid="first-run"]').exists()).toBe(false);
  });
});
