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

/** What one party can do about a finding of a family, in one or two sentences. */
export type RoleGuidance = Record<ResponsibleParty, Localized<string>>;

/**
 * Per finding family: what each party does, and what to ask the manufacturer or the service
 * provider when the user cannot fix it alone (no firmware update, hard-coded password, a router
 * the internet provider manages).
 */
export interface FamilyGuidance {
  family: FindingFamily;
  roles: RoleGuidance;
  /** When the user needs someone else: the situations in which to ask. */
  whenToAsk: Localized<string>;
  askManufacturer: Localized<string[]>;
  askProvider: Localized<string[]>;
}

/**
 * Vendor-specific steps for one family (optionally only some of its services). Either the steps
 * follow a menu path we are sure of (`menuPath`), or they send the user to the vendor's support
 * site (`supportSite`, and the steps contain its address) — never a guessed path.
 */
export type VendorFix = {
  family: FindingFamily;
  /** Services it applies to; every service of the family when absent. */
  services?: string[];
  /** Which product line the steps are for, e.g. "DSM (NAS)" — shown before the steps. */
  product?: Localized<string>;
  steps: Localized<string[]>;
} & (
  | { source: 'menu-path'; menuPath: Localized<string> }
  | { source: 'support-site' }
);

export interface VendorGuide {
  /** Stable id, the file name in vendors/. */
  id: string;
  name: Localized<string>;
  /** Matches the brand's names in the IEEE registry (oui-data/oui-table.txt), and no other brand's. */
  ieeeVendor: RegExp;
  supportUrl: Localized<string>;
  fixes: VendorFix[];
}

/** A vendor guide without its RegExp (JSON has none): the pattern travels as its source. */
export type VendorGuideView = Omit<VendorGuide, 'ieeeVendor'> & { ieeeVendor: string };

/** GET /api/knowledge: the whole knowledge base, every language (knowledge/public-view.ts). */
export interface KnowledgeBase {
  entries: KnowledgeEntry[];
  guidance: FamilyGuidance[];
  vendors: VendorGuideView[];
  /** Sentence per risk factor code (Finding.risk.factors). */
  riskReasons: Record<string, Localized<string>>;
  /** The software catalogue in use (knowledge/software-catalogue.ts): the dashboard shows its date and says when it is old. */
  softwareCatalogue?: SoftwareCatalogueSummary;
}

export interface SoftwareCatalogueSummary {
  version: number;
  /** YYYY-MM-DD: when its facts were last checked. */
  date: string;
  entries: number;
  /** Past this many days the dashboard says the catalogue is old. */
  staleAfterDays: number;
}
