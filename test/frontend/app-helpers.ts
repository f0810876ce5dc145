// The whole dashboard under test: mounted on one snapshot, and navigated by route.
import { expect, vi } from 'vitest';
import App from '../../frontend/src/App.vue';
import type { snapshot } from './fixtures';
import { flush, mountWithStore } from './helpers';

/** The whole dashboard, given one snapshot the way the live connection gives it. */
export async function mountAppWith(state: ReturnType<typeof snapshot>) {
  const mounted = await mountWithStore(App);
  mounted.fake.live.handlers!.event({ type: 'snapshot', payload: state });
  await flush();
  return mounted;
}

/** Goes to a route and waits until the screen with that test id is drawn. */
export async function goTo(hash: string, testId: string) {
  window.location.hash = hash;
  await vi.waitFor(() => expect(document.querySelector(`[data-testid="${testId}"]`)).not.toBeNull(), { timeout: 10_000 });
  await flush();
}
