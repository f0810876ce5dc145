// The settings' vulnerability catalogue section: the catalogue in use (version, date, and a warning
// past 90 days, from GET /api/knowledge), the upload of a signed bundle, and the server's refusal
// shown next to it — in English and Japanese.
import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { knowledgeBase } from '../../backend/src/knowledge/public-view';
import { ApiError } from '../../frontend/src/api/client';
import { createApplianceApi, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import CatalogueSection from '../../frontend/src/components/settings/CatalogueSection.vue';
import { setLocale } from '../../frontend/src/i18n';
import { fakeClient } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const kb = knowledgeBase();
const catalogue = kb.softwareCatalogue!;
const onItsDay = new Date(`${catalogue.date}T12:00:00Z`);
const monthsLater = new Date(Date.parse(`${catalogue.date}T00:00:00Z`) + 120 * 86_400_000);

async function mountSection(installCatalogue: ApplianceApi['installCatalogue'], now = onItsDay) {
  const appliance = { ...createApplianceApi(async () => { throw new Error('no network in this test'); }), installCatalogue };
  const mounted = await mountWithStore(CatalogueSection, { props: { now }, fake: fakeClient({ getKnowledge: vi.fn(async () => kb), appliance }) });
  await flush();
  const { wrapper } = mounted;
  return {
    ...mounted,
    async upload(password = 'the owner password') {
      const input = wrapper.get('[data-testid="catalogue-file"]');
      const file = new File(['{"schema":"mamori.signed-catalogue/1"}'], 'software-catalogue.signed.json', { type: 'application/json' });
      Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
      await input.trigger('change');
      await wrapper.get('[data-testid="catalogue-password"]').setValue(password);
      await wrapper.get('[data-testid="catalogue-upload"]').trigger('click');
      await flush();
      return file;
    },
  };
}

describe('CatalogueSection', () => {
  it('shows the version and date in use, and no warning while the catalogue is recent', async () => {
    const { wrapper } = await mountSection(vi.fn());
    const shown = wrapper.get('[data-testid="catalogue-installed"]').text();
    expect(shown).toContain(catalogue.date);
    expect(shown).toContain(`version ${catalogue.version}`);
    expect(wrapper.find('[data-testid="catalogue-old"]').exists()).toBe(false);
  });

  it.each([['en', '120 days old'], ['ja', '120 日前']] as const)('past 90 days it says the catalogue is old (%s)', async (lang, text) => {
    setLocale(lang);
    const { wrapper } = await mountSection(vi.fn(), monthsLater);
    expect(wrapper.get('[data-testid="catalogue-old"]').text()).toContain(text);
  });

  it('uploads the chosen file with the password; the new version and date are shown at once', async () => {
    const install = vi.fn(async () => ({ version: catalogue.version + 1, date: '2099-01-15', entries: catalogue.entries + 3, source: 'installed' as const }));
    const { wrapper, upload, store } = await mountSection(install, new Date('2099-01-20T00:00:00Z'));
    const file = await upload();
    expect(install).toHaveBeenCalledWith(file, { password: 'the owner password' });
    expect(wrapper.get('[data-testid="catalogue-done"]').text()).toContain('2099-01-15');
    expect(wrapper.get('[data-testid="catalogue-installed"]').text()).toContain(`version ${catalogue.version + 1}, dated 2099-01-15`);
    expect(store.knowledge.value?.softwareCatalogue?.date).toBe('2099-01-15');
    expect((wrapper.get('[data-testid="catalogue-password"]').element as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['en', 'The catalogue was refused: catalogue refused: the signature is not the Mamori project\'s'],
    ['ja', 'カタログは受け付けられませんでした：catalogue refused: the signature is not the Mamori project\'s'],
  ] as const)('shows the server\'s refusal next to the picker and keeps the catalogue in use (%s)', async (lang, text) => {
    setLocale(lang);
    const install = vi.fn(async () => { throw new ApiError(400, 'catalogue refused: the signature is not the Mamori project\'s: catalogue refused'); });
    const { wrapper, upload } = await mountSection(install);
    await upload();
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain(text);
    expect(wrapper.find('[data-testid="catalogue-done"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="catalogue-installed"]').text()).toContain(catalogue.date);
  });

  it('names a wrong password, and sends nothing without a password', async () => {
    const install = vi.fn(async () => { throw new ApiError(403, 'the password is wrong'); });
    const { wrapper, upload } = await mountSection(install);
    await upload('');
    expect(install).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('Choose the catalogue file and enter your password.');
    await upload('wrong password');
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe('The password or the code is wrong.');
  });
});
