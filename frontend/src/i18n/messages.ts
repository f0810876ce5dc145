// The message files, one pair per area of the dashboard (so areas can grow without touching each
// other), merged into one flat table per language. Keys are typed from the English files.
import coreEn from './messages/core.en.json';
import coreJa from './messages/core.ja.json';
import screensEn from './messages/screens.en.json';
import screensJa from './messages/screens.ja.json';
import settingsEn from './messages/settings.en.json';
import settingsJa from './messages/settings.ja.json';

export const en = { ...coreEn, ...screensEn, ...settingsEn };
export type MessageKey = keyof typeof en;
export const ja: Record<MessageKey, string> = { ...coreJa, ...screensJa, ...settingsJa };

/** Each area's files, for the test that no key is defined twice. */
export const AREAS = {
  core: { en: coreEn, ja: coreJa },
  screens: { en: screensEn, ja: screensJa },
  settings: { en: settingsEn, ja: settingsJa },
} as const;
