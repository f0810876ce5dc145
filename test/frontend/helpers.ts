import { mount } from '@vue/test-utils';
import type { Component } from 'vue';
import { APP_STORE, createAppStore } from '../../frontend/src/stores/app';
import { fakeClient } from './fixtures';

/** Mounts a component with a real store over a fake client. */
export async function mountWithStore(component: Component, options: {
  props?: Record<string, unknown>;
  fake?: ReturnType<typeof fakeClient>;
} = {}) {
  const fake = options.fake ?? fakeClient();
  const store = createAppStore(fake.client);
  await store.refreshSession();
  const wrapper = mount(component, {
    props: options.props,
    global: { provide: { [APP_STORE as symbol]: store } },
    attachTo: document.body,
  });
  return { wrapper, store, fake };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
