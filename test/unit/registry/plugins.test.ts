// Walks every plug-in registry: unique ids, valid metadata, every file registered, every plug-in
// tested, every finding a check can raise backed by knowledge in both languages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { CHECK_TAGS } from '../../../backend/src/core/plugins.js';
import { FINDING_FAMILIES, SEVERITIES } from '../../../backend/src/core/types.js';
import { createDiscoverers } from '../../../backend/src/discovery/index.js';
import { createIdentifiers } from '../../../backend/src/identify/index.js';
import { OuiTable } from '../../../backend/src/identify/oui-table.js';
import { knowledgeFor, KNOWLEDGE } from '../../../backend/src/knowledge/index.js';
import { LANGUAGES } from '../../../backend/src/knowledge/types.js';
import { probes } from '../../../backend/src/probes/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const src = (folder: string): string[] => readdirSync(join(ROOT, 'backend/src', folder));
const testFiles = (): string => walk(join(ROOT, 'test')).filter((f) => f.endsWith('.test.ts')).map((f) => readFileSync(f, 'utf8')).join('\n');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]);
}

const registries = {
  checks: { items: checks, folder: 'checks' },
  probes: { items: probes, folder: 'probes' },
  discovery: { items: createDiscoverers(), folder: 'discovery' },
  identify: { items: createIdentifiers({ oui: OuiTable.load() }), folder: 'identify' },
};

describe.each(Object.entries(registries))('%s registry', (_name, { items, folder }) => {
  it('has unique kebab-case ids', () => {
    const ids = items.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has a test that names every plug-in', () => {
    const tests = testFiles();
    for (const plugin of items) expect(tests.includes(plugin.id), `no test mentions ${plugin.id}`).toBe(true);
  });

  if (folder === 'checks') {
    it('registers every check file, and each check id equals its file name', () => {
      const files = src(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
      expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(checks.map((c) => c.id).sort());
    });
  }
});

describe('check metadata', () => {
  it.each(checks.map((c) => [c.id, c] as const))('%s declares valid metadata', (_id, check) => {
    expect(FINDING_FAMILIES).toContain(check.finding.family);
    expect(SEVERITIES).toContain(check.severity);
    for (const tag of check.tags) expect(CHECK_TAGS).toContain(tag);
    expect(check.maxAttempts).toBeGreaterThanOrEqual(1);
    expect(check.maxAttempts).toBeLessThanOrEqual(10);
    if (check.tags.includes('credentials')) expect(check.intrusive).toBe(true);
  });

  it.each(checks.map((c) => [c.id, c] as const))('%s has complete knowledge in every language', (_id, check) => {
    const entry = knowledgeFor(check.finding.family, check.finding.service);
    expect(entry, `${check.finding.family}/${check.finding.service}`).not.toBeNull();
    for (const lang of LANGUAGES) {
      expect(entry!.title[lang].trim()).not.toBe('');
      expect(entry!.explanation[lang].trim()).not.toBe('');
      expect(entry!.verify[lang].trim()).not.toBe('');
      expect(entry!.fix[lang].length).toBeGreaterThan(0);
      for (const step of entry!.fix[lang]) expect(step.trim()).not.toBe('');
    }
    expect(entry!.fix.en.length).toBe(entry!.fix.ja.length);
    expect(entry!.responsible.length).toBeGreaterThan(0);
    expect(entry!.standards.etsiEn303645.length + entry!.standards.nistir8425.length).toBeGreaterThan(0);
  });

  it('has no knowledge entry twice', () => {
    const keys = KNOWLEDGE.map((k) => `${k.family}/${k.service}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps fix steps and titles out of check code (knowledge is data)', () => {
    for (const file of src('checks').filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(ROOT, 'backend/src/checks', file), 'utf8');
      expect(text, file).not.toMatch(/fix\s*:/);
    }
    expect(existsSync(join(ROOT, 'backend/src/knowledge/index.ts'))).toBe(true);
  });
});
