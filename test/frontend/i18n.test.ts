import { afterEach, describe, expect, it } from 'vitest';
import { AREAS, en, ja } from '../../frontend/src/i18n/messages';
import {
  DYNAMIC_KEYS, detectLocale, formatList, locale, setLocale, STORAGE_KEY, t,
} from '../../frontend/src/i18n';
import {
  DEVICE_TYPES, FINDING_FAMILIES, RESPONSIBLE_PARTIES, SEVERITIES,
} from '../../frontend/src/api/contract';

// Every source file of the dashboard, as text.
const sources = import.meta.glob('../../frontend/src/**/*.{vue,ts}', {
  query: '?raw', import: 'default', eager: true,
}) as Record<string, string>;

const enKeys = Object.keys(en).sort();
const jaKeys = Object.keys(ja).sort();

/** Keys passed literally: t('a.b'), t("a.b"). */
function staticKeys(): Set<string> {
  const used = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const m of text.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) used.add(m[2]!);
  }
  return used;
}

/** Prefixes of keys built at run time: t(`type.${…}`). */
function dynamicPrefixes(): Set<string> {
  const used = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) used.add(m[1]!);
  }
  return used;
}

describe('message files', () => {
  it('scans the real sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
    expect(staticKeys().size).toBeGreaterThan(30);
  });

  it('defines each key in one area only, in both languages', () => {
    for (const lang of ['en', 'ja'] as const) {
      const seen = new Map<string, string>();
      for (const [area, files] of Object.entries(AREAS)) {
        for (const key of Object.keys(files[lang])) {
          expect(seen.get(key), `${lang}: ${key} in ${area}`).toBeUndefined();
          seen.set(key, area);
        }
      }
    }
  });

  it('en and ja have the same keys', () => {
    expect(jaKeys).toEqual(enKeys);
  });

  it('has no empty or untrimmed messages', () => {
    for (const [name, messages] of [['en', en], ['ja', ja]] as const) {
      for (const [key, value] of Object.entries(messages)) {
        expect(value.trim(), `${name}: ${key}`).not.toBe('');
        expect(value, `${name}: ${key}`).toBe(value.trim());
      }
    }
  });

  it('uses the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of enKeys) {
      expect(names(ja[key as keyof typeof ja]), key).toEqual(names(en[key as keyof typeof en]));
    }
  });

  it('translates into Japanese rather than copying English', () => {
    // Brand and language names may be the same; everything else should differ.
    const same = enKeys.filter((k) => en[k as keyof typeof en] === ja[k as keyof typeof ja]);
    expect(same.sort()).toEqual(['app.mark', 'app.name', 'lang.en', 'lang.ja']);
  });

  it('every key used in the sources exists', () => {
    for (const key of staticKeys()) expect(enKeys, `t('${key}')`).toContain(key);
  });

  it('every dynamic key prefix is declared in DYNAMIC_KEYS', () => {
    const declared = Object.keys(DYNAMIC_KEYS).map((p) => `${p}.`);
    const used = [...dynamicPrefixes()];
    expect(used.length).toBeGreaterThan(0);
    for (const prefix of used) expect(declared, prefix).toContain(prefix);
  });

  it('every defined key is used, literally or as a declared dynamic key', () => {
    const used = staticKeys();
    const dynamic = Object.entries(DYNAMIC_KEYS).flatMap(([p, values]) => values.map((v) => `${p}.${v}`));
    const unused = enKeys.filter((k) => !used.has(k) && !dynamic.includes(k));
    expect(unused).toEqual([]);
  });

  it('has exactly one label per dynamic value', () => {
    for (const [prefix, values] of Object.entries(DYNAMIC_KEYS)) {
      const defined = enKeys.filter((k) => k.startsWith(`${prefix}.`)).sort();
      expect(defined, prefix).toEqual(values.map((v) => `${prefix}.${v}`).sort());
    }
  });

  it('covers every device type, severity, finding family and party from the contract', () => {
    const required = [
      ...DEVICE_TYPES.map((v) => `type.${v}`),
      ...SEVERITIES.map((v) => `severity.${v}`),
      ...FINDING_FAMILIES.map((v) => `family.${v}`),
      ...RESPONSIBLE_PARTIES.map((v) => `responsible.${v}`),
      ...['discovery', 'identification', 'probing', 'checks', 'done'].map((v) => `stage.${v}`),
      ...['running', 'completed', 'cancelled', 'failed'].map((v) => `scanStatus.${v}`),
    ];
    for (const key of required) expect(enKeys, key).toContain(key);
  });
});

describe('t() and the locale', () => {
  afterEach(() => setLocale('en'));

  it('fills placeholders and follows the locale', () => {
    setLocale('en');
    expect(t('setup.error.tooShort', { min: 10 })).toBe('The password must be at least 10 characters long.');
    setLocale('ja');
    expect(t('setup.error.tooShort', { min: 10 })).toBe('パスワードは10文字以上にしてください。');
    expect(t('scan.start')).toBe('スキャン開始');
    expect(locale.value).toBe('ja');
  });

  it('leaves unknown placeholders visible instead of dropping them', () => {
    expect(t('progress.current', {})).toBe('Now checking {target}');
  });

  it('saves the choice and sets <html lang>', () => {
    setLocale('ja');
    expect(localStorage.getItem(STORAGE_KEY)).toBe('ja');
    expect(document.documentElement.lang).toBe('ja');
    expect(document.title).toContain('守り');
  });

  it('picks the saved choice, else ja for ja-* browsers, else en', () => {
    expect(detectLocale(null, 'ja-JP')).toBe('ja');
    expect(detectLocale(null, 'ja')).toBe('ja');
    expect(detectLocale(null, 'en-GB')).toBe('en');
    expect(detectLocale(null, 'de')).toBe('en');
    expect(detectLocale(null, undefined)).toBe('en');
    expect(detectLocale('en', 'ja-JP')).toBe('en');
    expect(detectLocale('ja', 'en-US')).toBe('ja');
    expect(detectLocale('fr', 'ja-JP')).toBe('ja');
  });

  it('formats lists in the reader’s language', () => {
    expect(formatList(['You', 'The manufacturer'])).toBe('You and The manufacturer');
    setLocale('ja');
    expect(formatList(['あなた', 'メーカー'])).toBe('あなた、メーカー');
  });
});
