// The actions on one finding: re-test (fixed / still open), accept the risk with a reason and an
// expiry, false positive with a reason; the status badge and history, in English and Japanese.
import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredFinding } from '../../frontend/src/api/contract';
import type { FindingAction } from '../../frontend/src/api/client';
import FindingActions from '../../frontend/src/components/finding/FindingActions.vue';
import { setLocale } from '../../frontend/src/i18n';
import { fakeClient, finding } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const opened: StoredFinding = finding({
  history: [{ status: 'open', at: '2026-01-01T00:00:00.000Z', by: 'system', evidence: 'login accepted for r**t / 1***5' }],
});

function withChange(f: StoredFinding, change: NonNullable<StoredFinding['history']>[number], extra: Partial<StoredFinding> = {}): StoredFinding {
  return { ...f, ...extra, status: change.status, history: [...(f.history ?? []), change] };
}

async function mountActions(answer: (key: string, a: FindingAction) => Promise<{ finding: StoredFinding; outcome?: 'still-raised' | 'not-raised' | 'unreachable' }>) {
  const findingAction = vi.fn(answer);
  const fake = fakeClient({ findingAction });
  const mounted = await mountWithStore(FindingActions, { props: { finding: opened }, fake });
  return { ...mounted, findingAction };
}

describe('FindingActions', () => {
  it('re-test that passes: asks for that finding only, says so, and the store holds it as fixed with its history', async () => {
    const fixed = withChange(opened, { status: 'fixed', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'verified by a re-test', evidence: 'no longer raises' });
    const { wrapper, store, findingAction } = await mountActions(async () => ({ finding: fixed, outcome: 'not-raised' }));
    expect(wrapper.get('[data-testid=finding-status]').text()).toBe('Open');
    await wrapper.get('[data-testid=retest]').trigger('click');
    await flush();
    expect(findingAction).toHaveBeenCalledWith(opened.key, { action: 'retest' });
    expect(wrapper.get('[data-testid=action-message]').text()).toContain('Marked as fixed');
    expect(store.snapshot.value.findings.find((f) => f.key === opened.key)?.status).toBe('fixed');

    await wrapper.setProps({ finding: fixed });
    expect(wrapper.get('[data-testid=finding-status]').text()).toBe('Fixed (verified by re-test)');
    const steps = wrapper.findAll('[data-testid=history-step]');
    expect(steps.map((s) => s.attributes('data-status'))).toEqual(['fixed', 'open']);
    expect(steps[1]!.text()).toContain('login accepted for r**t / 1***5');
    expect(wrapper.find('[data-testid=reopen]').exists()).toBe(true);
  });

  it('re-test that still finds it: stays open and says so; a server error is shown', async () => {
    const { wrapper, findingAction } = await mountActions(async () => ({ finding: opened, outcome: 'still-raised' }));
    await wrapper.get('[data-testid=retest]').trigger('click');
    await flush();
    expect(wrapper.get('[data-testid=action-message]').text()).toContain('still finds');
    findingAction.mockRejectedValueOnce(new Error('this re-test tries a login: turn on login checks first'));
    await wrapper.get('[data-testid=retest]').trigger('click');
    await flush();
    expect(wrapper.get('[data-testid=action-error]').text()).toContain('turn on login checks');
  });

  it('accept risk needs a reason and a future date, and sends both', async () => {
    const { wrapper, findingAction } = await mountActions(async (_k, a) => ({
      finding: withChange(opened, { status: 'accepted', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'r', until: '2099-01-31T23:59:59.999Z' }, { acceptedUntil: '2099-01-31T23:59:59.999Z' }),
      ...(a.action === 'retest' ? { outcome: 'still-raised' as const } : {}),
    }));
    await wrapper.get('[data-testid=accept]').trigger('click');
    const submit = wrapper.get('[data-testid=submit]');
    expect(submit.attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid=reason]').setValue('replacing the camera next month');
    await wrapper.get('[data-testid=until]').setValue('2000-01-01');
    expect(wrapper.get('[data-testid=submit]').attributes('disabled')).toBeDefined(); // past date
    await wrapper.get('[data-testid=until]').setValue('2099-01-31');
    expect(wrapper.get('[data-testid=submit]').attributes('disabled')).toBeUndefined();
    await wrapper.get('[data-testid=action-form]').trigger('submit');
    await flush();
    expect(findingAction).toHaveBeenCalledWith(opened.key, { action: 'accept', body: { reason: 'replacing the camera next month', until: '2099-01-31' } });
    expect(wrapper.find('[data-testid=action-form]').exists()).toBe(false);
  });

  it('false positive sends the reason; Japanese labels', async () => {
    setLocale('ja');
    const { wrapper, findingAction } = await mountActions(async () => ({
      finding: withChange(opened, { status: 'false-positive', at: '2026-01-02T00:00:00.000Z', by: 'owner', reason: 'プリンターです' }),
    }));
    expect(wrapper.get('[data-testid=finding-status]').text()).toBe('未解決');
    expect(wrapper.get('[data-testid=retest]').text()).toBe('今すぐ再テスト');
    await wrapper.get('[data-testid=false-positive]').trigger('click');
    expect(wrapper.find('[data-testid=until]').exists()).toBe(false);
    await wrapper.get('[data-testid=reason]').setValue('プリンターです');
    await wrapper.get('[data-testid=action-form]').trigger('submit');
    await flush();
    expect(findingAction).toHaveBeenCalledWith(opened.key, { action: 'false-positive', body: { reason: 'プリンターです' } });
    expect(wrapper.get('[data-testid=action-message]').text()).toBe('保存しました。');
  });
});

describe('client.findingAction', () => {
  it('posts to /api/findings/:key/<action> with the CSRF header and maps both answer shapes', async () => {
    const { createApiClient } = await import('../../frontend/src/api/client');
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const answers = [{ outcome: 'not-raised', finding: opened }, opened];
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(url), init: init! });
      return new Response(JSON.stringify(answers.shift()), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    const client = createApiClient({ fetch: fetch as typeof globalThis.fetch });
    expect(await client.findingAction!('a/b', { action: 'retest' })).toEqual({ outcome: 'not-raised', finding: opened });
    expect(await client.findingAction!('k', { action: 'accept', body: { reason: 'r', until: '2099-01-01' } })).toEqual({ finding: opened });
    expect(calls.map((c) => c.url)).toEqual(['/api/findings/a%2Fb/retest', '/api/findings/k/accept']);
    expect(calls[1]!.init).toMatchObject({ method: 'POST', body: JSON.stringify({ reason: 'r', until: '2099-01-01' }) });
    expect((calls[1]!.init.headers as Record<string, string>)['x-mamori']).toBe('1');
  });
});
