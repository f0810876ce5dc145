// The report's text is complete in both languages: same keys, nothing empty, the same placeholders,
// and the Japanese file really is Japanese (not English copied over).
import { describe, expect, it } from 'vitest';
import { REPORT_STRINGS, fill } from '../../../backend/src/report/strings/index.js';

type Leaf = { path: string; value: string };

function leaves(node: unknown, path = ''): Leaf[] {
  if (typeof node === 'string') return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((item, i) => leaves(item, `${path}[${i}]`));
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => leaves(value, path ? `${path}.${key}` : key));
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const en = leaves(REPORT_STRINGS.en);
const ja = leaves(REPORT_STRINGS.ja);
const NOT_TRANSLATED = new Set(['htmlLang', 'locale', 'inventory.labelled', 'inventory.unknown']);

describe('report strings', () => {
  it('have the same keys (and list lengths) in English and Japanese', () => {
    expect(ja.map((l) => l.path)).toEqual(en.map((l) => l.path));
    expect(en.length).toBeGreaterThan(150);
  });

  it('leave nothing empty', () => {
    for (const leaf of [...en, ...ja]) expect(leaf.value.trim(), leaf.path).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const jaByPath = new Map(ja.map((l) => [l.path, l.value]));
    for (const leaf of en) expect(placeholders(jaByPath.get(leaf.path)!), leaf.path).toEqual(placeholders(leaf.value));
  });

  it('are translated: every Japanese sentence has Japanese characters and differs from the English', () => {
    const enByPath = new Map(en.map((l) => [l.path, l.value]));
    const untranslated = ja.filter((l) => !NOT_TRANSLATED.has(l.path) && !l.path.startsWith('csv.') && !/[\u3040-\u30ff\u4e00-\u9fff]/.test(l.value));
    expect(untranslated.map((l) => `${l.path}: ${l.value}`)).toEqual([]);
    const copied = ja.filter((l) => !NOT_TRANSLATED.has(l.path) && l.value === enByPath.get(l.path));
    expect(copied.map((l) => l.path)).toEqual([]);
  });

  it('fill() replaces known placeholders once and leaves unknown ones visible', () => {
    expect(fill('{count} of {total}', { count: 3 })).toBe('3 of {total}');
    // A value that looks like a placeholder is not expanded again.
    expect(fill('{a}{b}', { a: '{b}', b: 'x' })).toBe('{b}x');
  });
});
