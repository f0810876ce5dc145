// Light or dark: the owner's choice, saved in this browser, else the system's (prefers-color-scheme).
// The resolved theme (light or dark) is a data-theme attribute on <html>, always set, so styles.css
// holds each colour once: :root for light, :root[data-theme="dark"] for dark.
import { ref } from 'vue';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_KEY = 'mamori.theme';

function readSaved(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem(THEME_KEY);
    return (THEMES as readonly string[]).includes(saved ?? '') ? saved as Theme : 'system';
  } catch {
    return 'system'; // storage disabled: follow the system
  }
}

export const theme = ref<Theme>(readSaved());

const systemDark = (): MediaQueryList | null => globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
let followingSystem = false;

/** Light or dark as shown: the owner's choice, else what the system prefers now. */
export function resolvedTheme(): 'light' | 'dark' {
  if (theme.value !== 'system') return theme.value;
  return systemDark()?.matches ? 'dark' : 'light';
}

/** Puts the resolved theme on <html>, and follows the system's changes while the choice is 'system'. */
export function applyTheme(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.dataset['theme'] = resolvedTheme();
  const query = systemDark();
  if (query && !followingSystem) {
    followingSystem = true;
    query.addEventListener('change', () => { if (theme.value === 'system') applyTheme(); });
  }
}

export function setTheme(next: Theme): void {
  theme.value = next;
  try {
    if (next === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
    else globalThis.localStorage?.setItem(THEME_KEY, next);
  } catch {
    // not saved; it still applies to this page
  }
  applyTheme();
}

/** Re-reads the saved choice (another tab, or a test) and applies it. */
export function loadTheme(): Theme {
  theme.value = readSaved();
  applyTheme();
  return theme.value;
}
