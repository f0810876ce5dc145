// Every family × service of the contract table (shared/contract/scan-result.md), and every finding a
// registered check can raise, has everything a person needs, in English and in Japanese.
import { describe, expect, it } from 'vitest';
import { checks } from '../../../backend/src/checks/index.js';
import { FINDING_FAMILIES, RESPONSIBLE_PARTIES, type FindingFamily } from '../../../backend/src/core/types.js';
import { guidanceFor } from '../../../backend/src/knowledge/guidance.js';
import { KNOWLEDGE, knowledgeFor } from '../../../backend/src/knowledge/index.js';
import { LANGUAGES, type KnowledgeEntry } from '../../../backend/src/knowledge/types.js';

/** The contract's table, plus "tls" for any TLS service without an entry of its own. */
const CONTRACT: Record<FindingFamily, string[]> = {
  'default-credentials': ['telnet', 'ssh', 'ftp', 'http', 'rtsp', 'mqtt', 'snmp'],
  'anonymous-access': ['ftp', 'mqtt', 'rtsp', 'http'],
  'cleartext-service': ['telnet', 'ftp', 'http', 'mqtt', 'rtsp', 'snmp'],
  'tls-weakness': ['https', 'mqtts', 'tls'],
  'internet-exposure': ['upnp', 'upnp-igd'],
  'outdated-protocol': ['smb'],
  'known-vulnerability': ['software'],
  'outdated-software': ['software'],
};

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const NISTIR_8425 = [
  'Asset Identification', 'Product Configuration', 'Data Protection', 'Interface Access Control',
  'Software Update', 'Cybersecurity State Awareness',
];

const required = [
  ...Object.entries(CONTRACT).flatMap(([family, services]) => services.map((service) => `${family}/${service}`)),
  ...checks.map((check) => `${check.finding.family}/${check.finding.service}`),
].filter((key, i, all) => all.indexOf(key) === i);

function entryOf(key: string): KnowledgeEntry | null {
  const [family, service] = key.split('/') as [FindingFamily, string];
  return knowledgeFor(family, service);
}

describe('knowledge completeness', () => {
  it('covers the whole contract table and every registered check', () => {
    expect(required.length).toBeGreaterThanOrEqual(20);
    const missing = required.filter((key) => !entryOf(key));
    expect(missing).toEqual([]);
  });

  it.each(required)('%s has title, explanation, fix, who acts, verify and standards in every language', (key) => {
    const entry = entryOf(key)!;
    for (const lang of LANGUAGES) {
      expect(entry.title[lang].trim().length, `${key} title ${lang}`).toBeGreaterThan(5);
      expect(entry.explanation[lang].trim().length, `${key} explanation ${lang}`).toBeGreaterThan(40);
      expect(entry.verify[lang].trim().length, `${key} verify ${lang}`).toBeGreaterThan(20);
      expect(entry.fix[lang].length, `${key} fix ${lang}`).toBeGreaterThanOrEqual(2);
      for (const step of entry.fix[lang]) expect(step.trim().length).toBeGreaterThan(10);
    }
    expect(entry.fix.en.length).toBe(entry.fix.ja.length);
    expect(entry.responsible.length).toBeGreaterThan(0);
    for (const party of entry.responsible) expect(RESPONSIBLE_PARTIES).toContain(party);
    expect(entry.standards.etsiEn303645.length).toBeGreaterThan(0);
    for (const provision of entry.standards.etsiEn303645) expect(provision).toMatch(/^5\.\d{1,2}-\d{1,2}$/);
    expect(entry.standards.jcStar1.length).toBeGreaterThan(0);
    for (const requirement of entry.standards.jcStar1) expect(requirement).toMatch(JAPANESE);
    expect(entry.standards.nistir8425.length).toBeGreaterThan(0);
    for (const capability of entry.standards.nistir8425) expect(NISTIR_8425).toContain(capability);
  });

  it.each(required)('%s: the Japanese text is Japanese and the English text is not', (key) => {
    const entry = entryOf(key)!;
    for (const text of [entry.title.ja, entry.explanation.ja, entry.verify.ja, ...entry.fix.ja]) expect(text).toMatch(JAPANESE);
    for (const text of [entry.title.en, entry.explanation.en, entry.verify.en, ...entry.fix.en]) expect(text).not.toMatch(JAPANESE);
  });

  it('has no entry twice, and every entry is a known family', () => {
    const keys = KNOWLEDGE.map((k) => `${k.family}/${k.service}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of KNOWLEDGE) expect(FINDING_FAMILIES).toContain(entry.family);
  });

  it('falls back to the generic TLS entry for a TLS service without its own, and to nothing otherwise', () => {
    expect(knowledgeFor('tls-weakness', 'imaps')?.service).toBe('tls');
    expect(knowledgeFor('default-credentials', 'imaps')).toBeNull();
  });
});

describe('who acts and what to ask', () => {
  it.each(FINDING_FAMILIES.map((f) => [f]))('%s says what every party does and what to ask, in both languages', (family) => {
    const guidance = guidanceFor(family);
    expect(guidance).not.toBeNull();
    for (const party of RESPONSIBLE_PARTIES) {
      expect(guidance!.roles[party].en.trim()).not.toBe('');
      expect(guidance!.roles[party].ja).toMatch(JAPANESE);
    }
    expect(guidance!.whenToAsk.ja).toMatch(JAPANESE);
    for (const list of [guidance!.askManufacturer, guidance!.askProvider]) {
      expect(list.en.length).toBeGreaterThan(0);
      expect(list.en.length).toBe(list.ja.length);
      for (const question of list.ja) expect(question).toMatch(JAPANESE);
      for (const question of list.en) expect(question).not.toMatch(JAPANESE);
    }
  });

  it('every party an entry names has guidance for that family', () => {
    for (const entry of KNOWLEDGE) {
      const guidance = guidanceFor(entry.family)!;
      for (const party of entry.responsible) expect(guidance.roles[party], `${entry.family}/${party}`).toBeDefined();
    }
  });
});
