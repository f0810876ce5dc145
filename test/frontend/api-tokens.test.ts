// Settings → API tokens: name one, see it once, list and revoke, in English and Japanese — with a
// fake client standing in for the appliance's /api/tokens.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import ApiTokensSection from '../../frontend/src/components/settings/ApiTokensSection.vue';
import { ApiError } from '../../frontend/src/api/client';
import { createApplianceApi, type ApiTokenInfo, type ApplianceApi } from '../../frontend/src/api/appliance-api';
import { setLocale } from '../../frontend/src/i18n';
import { fakeClient } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const TOKEN = `mamori_${'Q'.repeat(43)}`;

/** A small in-memory /api/tokens: what the component sends, what it is answered. */
function tokenApi() {
  const tokens: ApiTokenInfo[] = [];
  let next = 1;
  const api: Partial<ApplianceApi> = {
    listTokens: vi.fn(async () => structuredClone(tokens)),
    createToken: vi.fn(async (name: string) => {
      if (tokens.filter((t) => t.revokedAt === null).length >= 1) throw new ApiError(409, 'at most 1 tokens; revoke one first');
      const info = { id: `00000000000${next++}`, name, createdAt: '2026-12-07T10:00:00.000Z', lastUsedAt: null, revokedAt: null };
      tokens.push(info);
      return { ...info, token: TOKEN };
    }),
    revokeToken: vi.fn(async (id: string) => { tokens.find((t) => t.id === id)!.revokedAt = '2026-12-07T11:00:00.000Z'; }),
  };
  return { api, tokens };
}

async function mount() {
  const { api, tokens } = tokenApi();
  const appliance = { ...createApplianceApi(async () => { throw new Error('no network in this test'); }), ...api };
  const { wrapper } = await mountWithStore(ApiTokensSection, { fake: fakeClient({ appliance }) });
  await flush();
  return { wrapper, api, tokens };
}

describe('API tokens in Settings', () => {
  it('creates a named token, shows it once, lists it, and revokes it', async () => {
    const { wrapper, api } = await mount();
    expect(wrapper.get('[data-testid="token-none"]').text()).toBe('No token yet.');
    await wrapper.get('[data-testid="token-form"]').trigger('submit');
    await flush();
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('Name the token');
    expect(api.createToken).not.toHaveBeenCalled();

    await wrapper.get('[data-testid="token-name"]').setValue('  central collector ');
    await wrapper.get('[data-testid="token-form"]').trigger('submit');
    await flush();
    expect(api.createToken).toHaveBeenCalledWith('central collector');
    expect(wrapper.get('[data-testid="token-value"]').text()).toBe(TOKEN);
    expect(wrapper.get('[data-testid="token-created"]').text()).toContain('shown only once');
    const row = wrapper.get('[data-testid="token-000000000001"]');
    expect(row.text()).toContain('central collector');
    expect(row.text()).toContain('never used');
    expect(row.text()).not.toContain(TOKEN);

    await wrapper.get('[data-testid="token-revoke-000000000001"]').trigger('click');
    await flush();
    expect(api.revokeToken).toHaveBeenCalledWith('000000000001');
    expect(wrapper.find('[data-testid="token-000000000001"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="token-revoked-count"]').text()).toContain('1 revoked');
  });

  it('says why the box refused', async () => {
    const { wrapper } = await mount();
    for (const name of ['first', 'second']) {
      await wrapper.get('[data-testid="token-name"]').setValue(name);
      await wrapper.get('[data-testid="token-form"]').trigger('submit');
      await flush();
    }
    expect(wrapper.get('[data-testid="form-error"]').text()).toContain('revoke one first');
  });

  it('speaks Japanese', async () => {
    setLocale('ja');
    const { wrapper } = await mount();
    expect(wrapper.get('#settings-tokens-title').text()).toBe('外部プログラム用の API トークン');
    expect(wrapper.get('[data-testid="token-none"]').text()).toBe('まだトークンはありません。');
    await wrapper.get('[data-testid="token-name"]').setValue('本社の集計サーバー');
    await wrapper.get('[data-testid="token-form"]').trigger('submit');
    await flush();
    expect(wrapper.get('[data-testid="token-created"]').text()).toContain('今しか表示されません');
    expect(wrapper.get('[data-testid="token-000000000001"]').text()).toContain('未使用');
  });
});
