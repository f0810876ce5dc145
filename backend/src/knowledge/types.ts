// What a person needs to act on a finding, per family × service, in English and Japanese.
import type { FindingFamily, ResponsibleParty, Severity } from '../core/types.js';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Localized<T> = Record<Language, T>;

export interface Standards {
  /** ETSI EN 303 645 provisions, e.g. "5.5-1". */
  etsiEn303645: string[];
  /** JC-STAR ★1 requirement topics. */
  jcStar1: string[];
  /** NISTIR 8425 device cybersecurity capabilities. */
  nistir8425: string[];
}

export interface KnowledgeEntry {
  family: FindingFamily;
  service: string;
  severity: Severity;
  title: Localized<string>;
  /** Plain language for a household: why it matters and what an attacker could do. */
  explanation: Localized<string>;
  responsible: ResponsibleParty[];
  fix: Localized<string[]>;
  /** How to check the fix worked. */
  verify: Localized<string>;
  standards: Standards;
}
