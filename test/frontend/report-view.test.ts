// The Report screen renders the client's download links (reports in both languages, CSV, the
// evidence pack for a period) and the signing key's fingerprint.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import ReportView from '../../frontend/src/components/report/ReportView.vue';
import { ApiError } from '../../frontend/src/api/client';
import { createApplianceApi, downloadUrls, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import { setLocale } from '../../frontend/src/i18n';
import { fakeClient } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

function appliance(overrides: Partial<ApplianceApi>): ApplianceApi {
  return { ...createApplianceApi(async () => { throw new Error('no network in this test'); }), ...overrides };
}

describe('download links built by the client', () => {
  it('match the appliance’s routes', () => {
    expect(downloadUrls.report('pdf', 'ja')).toBe('/api/report.pdf?lang=ja');
    expect(downloadUrls.report('html', 'en')).toBe('/api/report.html?lang=en');
    expect(downloadUrls.export('findings', 'ja')).toBe('/api/export/findings.csv?lang=ja');
    expect(downloadUrls.evidence('2026-11-01', '2026-11-24', 'en')).toBe('/api/evidence?from=2026-11-01&to=2026-11-24&lang=en');
  });
});

describe('Report screen', () => {
  it('links each report in both languages, the CSV files, and the pack for the chosen period', async () => {
    const api = appliance({ evidenceKey: async () => ({ fingerprint: 'SHA256:abcd1234', publicKey: '-----BEGIN PUBLIC KEY-----' }) });
    const { wrapper } = await mountWithStore(ReportView, { fake: fakeClient({ appliance: api }) });
    await flush();
    expect(wrapper.get('[data-testid="report-pdf-ja"]').attributes('href')).toBe('/api/report.pdf?lang=ja');
    expect(wrapper.get('[data-testid="report-html-en"]').attributes('href')).toBe('/api/report.html?lang=en');
    expect(wrapper.get('[data-testid="export-devices"]').attributes('href')).toBe('/api/export/devices.csv?lang=en');
    await wrapper.get('#evidence-from').setValue('2026-10-01');
    await wrapper.get('#evidence-to').setValue('2026-10-31');
    await wrapper.get('#evidence-lang').setValue('ja');
    expect(wrapper.get('[data-testid="evidence-download"]').attributes('href')).toBe('/api/evidence?from=2026-10-01&to=2026-10-31&lang=ja');
    expect(wrapper.get('[data-testid="evidence-fingerprint"]').text()).toBe('SHA256:abcd1234');
    setLocale('ja');
    await flush();
    expect(wrapper.get('[data-testid="export-findings"]').attributes('href')).toBe('/api/export/findings.csv?lang=ja');
  });

  it('offers no pack for a period that ends before it starts, and copes without a key', async () => {
    const api = appliance({ evidenceKey: async () => { throw new ApiError(404, 'no such API route'); } });
    const { wrapper } = await mountWithStore(ReportView, { fake: fakeClient({ appliance: api }) });
    await flush();
    await wrapper.get('#evidence-from').setValue('2026-11-20');
    await wrapper.get('#evidence-to').setValue('2026-11-01');
    expect(wrapper.find('[data-testid="evidence-download"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Choose a start date on or before the end date.');
    expect(wrapper.text()).toContain('The signing key is not available yet.');
  });
});
