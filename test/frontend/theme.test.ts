// Light/dark: saved in localStorage, put on <html data-theme>, following the system by default.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import AppearanceSection from '../../frontend/src/components/settings/AppearanceSection.vue';
import { THEME_KEY, loadTheme, setTheme, theme } from '../../frontend/src/theme';
import { locale, setLocale } from '../../frontend/src/i18n';

enableAutoUnmount(afterEach);
afterEach(() => { setTheme('system'); setLocale('en'); });

describe('theme', () => {
  it('follows the system until a choice is made, also when the system changes', () => {
    localStorage.removeItem(THEME_KEY);
    let dark = false;
    const listeners: Array<() => void> = [];
    vi.stubGlobal('matchMedia', (query: string) => ({
      media: query, get matches() { return dark; },
      addEventListener: (_: string, listener: () => void) => { listeners.push(listener); },
    }));
    try {
      expect(loadTheme()).toBe('system');
      expect(document.documentElement.dataset['theme']).toBe('light');
      dark = true;
      for (const listener of listeners) listener();
      expect(document.documentElement.dataset['theme']).toBe('dark');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('saves the choice and applies it to <html>; survives a reload', () => {
    setTheme('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(document.documentElement.dataset['theme']).toBe('dark');
    theme.value = 'light'; // what a fresh page would hold before reading storage
    expect(loadTheme()).toBe('dark');
    setTheme('system');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
    // jsdom has no matchMedia: the system is taken to prefer light.
    expect(document.documentElement.dataset['theme']).toBe('light');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem(THEME_KEY, 'neon');
    expect(loadTheme()).toBe('system');
  });

  it('is chosen in Settings, as is the language', async () => {
    const wrapper = mount(AppearanceSection, { attachTo: document.body });
    await wrapper.get('[data-testid="theme-dark"]').setValue(true);
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    await wrapper.get('[data-testid="language-ja"]').setValue(true);
    expect(locale.value).toBe('ja');
    expect(wrapper.text()).toContain('ダーク');
  });
});
