// A finding as the reader sees it, in their language: the knowledge base (GET /api/knowledge) gives
// the localized text; without it (not loaded yet, or an old appliance) the finding's own English
// fields are shown. Pure functions, unit-tested.
import type {
  FamilyGuidance, FindingFamily, KnowledgeBase, KnowledgeEntry, Language, ResponsibleParty, StoredDevice, StoredFinding, VendorFix,
} from '../../api/contract';
import { externalPortOf, fitSteps, type FitContext } from '../../../../backend/src/knowledge/fit';
import { plainEvidence } from '../../../../backend/src/knowledge/plain-evidence';

export interface LocalizedVendorSteps {
  name: string;
  menuPath: string | null;
  steps: string[];
  supportUrl: string;
}

export interface LocalizedRisk {
  likelihood: number;
  impact: number;
  score: number;
  level: 'critical' | 'high' | 'medium' | 'low';
  reasons: string[];
}

export interface LocalizedStandards {
  etsi: string[];
  jcStar: string[];
  nistir: string[];
}

export interface LocalizedFinding {
  title: string;
  explanation: string | null;
  genericSteps: string[];
  vendor: LocalizedVendorSteps | null;
  roles: { party: ResponsibleParty; role: string | null }[];
  ask: { whenToAsk: string; manufacturer: string[]; provider: string[] } | null;
  risk: LocalizedRisk | null;
  standards: LocalizedStandards | null;
  verify: string | null;
  /** What Mamori saw, in plain words (knowledge/plain-evidence.ts); the exact record stays in finding.evidence. */
  evidencePlain: string;
  /** The device's own settings page (an HTTP(S) service it runs), when it has one. */
  adminUrl: string | null;
}

/** What Mamori knows to fit the steps to this finding on this device (knowledge/fit.ts). */
export function fitContext(finding: StoredFinding, device: StoredDevice | null): FitContext {
  return {
    family: finding.family, service: finding.service, port: finding.port,
    deviceType: device?.correction?.type ?? device?.type ?? 'unknown',
    model: device?.model ?? device?.upnp.find((u) => u.modelName)?.modelName ?? null,
    externalPort: externalPortOf(finding.evidence),
  };
}

/** http(s)://address[:port]/ of the device's web page, HTTPS first. */
export function adminUrlOf(device: StoredDevice | null): string | null {
  if (!device) return null;
  const web = device.services.filter((s) => s.service === 'https' || s.service === 'http')
    .sort((a, b) => (a.service === 'https' ? -1 : 0) - (b.service === 'https' ? -1 : 0));
  const s = web[0];
  if (!s) return null;
  const host = device.ip.includes(':') ? `[${device.ip}]` : device.ip;
  const usual = s.service === 'https' ? 443 : 80;
  return `${s.service}://${host}${s.port === usual ? '' : `:${s.port}`}/`;
}

/** Same rule as the backend (knowledge/index.ts): a TLS service without its own entry uses "tls". */
export function entryFor(kb: KnowledgeBase | null, family: FindingFamily, service: string): KnowledgeEntry | null {
  if (!kb) return null;
  const exact = kb.entries.find((e) => e.family === family && e.service === service);
  if (exact || family !== 'tls-weakness') return exact ?? null;
  return kb.entries.find((e) => e.family === family && e.service === 'tls') ?? null;
}

/** Same rule as the backend (knowledge/vendors/index.ts): steps naming the service win. */
export function vendorFixOf(kb: KnowledgeBase | null, vendorId: string, family: FindingFamily, service: string): VendorFix | null {
  const guide = kb?.vendors.find((v) => v.id === vendorId);
  if (!guide) return null;
  const ofFamily = guide.fixes.filter((f) => f.family === family);
  return ofFamily.find((f) => f.services?.includes(service)) ?? ofFamily.find((f) => !f.services) ?? null;
}

/**
 * JC-STAR entries are written "S1.1-02 日本語 / English" (the identifier only where it is certain):
 * the reader gets the identifier and the part in their language.
 */
export function jcStarLabel(text: string, lang: Language): string {
  const [ja, en] = text.split(' / ');
  if (en === undefined) return text;
  const id = /^S\d+\.\d+-\d+\s/.exec(ja!)?.[0] ?? '';
  return lang === 'ja' ? ja! : `${id}${en}`;
}

function vendorSteps(finding: StoredFinding, kb: KnowledgeBase | null, lang: Language, ctx: FitContext): LocalizedVendorSteps | null {
  const fromServer = finding.vendorFix;
  if (!fromServer) return null;
  const guide = kb?.vendors.find((v) => v.id === fromServer.vendor);
  const fix = vendorFixOf(kb, fromServer.vendor, finding.family, finding.service);
  if (!guide || !fix) return { ...fromServer, steps: fitSteps(fromServer.steps, ctx, 'en') };
  return {
    name: guide.name[lang],
    menuPath: fix.source === 'menu-path' ? fix.menuPath[lang] : null,
    steps: fitSteps(fix.steps[lang], ctx, lang),
    supportUrl: guide.supportUrl[lang],
  };
}

/** What to ask, for when the reader cannot fix it alone (a hard-coded password, a provider's router). */
function askFor(guidance: FamilyGuidance | undefined, lang: Language, ctx: FitContext): LocalizedFinding['ask'] {
  if (!guidance) return null;
  return {
    whenToAsk: guidance.whenToAsk[lang],
    manufacturer: fitSteps(guidance.askManufacturer[lang], ctx, lang),
    provider: fitSteps(guidance.askProvider[lang], ctx, lang),
  };
}

export function localizeFinding(
  finding: StoredFinding, kb: KnowledgeBase | null, lang: Language, device: StoredDevice | null = null,
): LocalizedFinding {
  const ctx = fitContext(finding, device);
  const entry = entryFor(kb, finding.family, finding.service);
  const guidance = kb?.guidance.find((g) => g.family === finding.family);
  const risk = finding.risk
    ? {
      likelihood: finding.risk.likelihood,
      impact: finding.risk.impact,
      score: finding.risk.score,
      level: finding.risk.level,
      reasons: finding.risk.factors.map((code, i) => kb?.riskReasons[code]?.[lang] ?? finding.risk!.reasons[i] ?? code),
    }
    : null;
  return {
    title: entry?.title[lang] ?? finding.title,
    explanation: entry?.explanation[lang] ?? null,
    genericSteps: fitSteps(entry ? entry.fix[lang] : finding.fix, ctx, lang),
    vendor: vendorSteps(finding, kb, lang, ctx),
    roles: finding.responsible.map((party) => ({ party, role: guidance?.roles[party][lang] ?? null })),
    ask: askFor(guidance, lang, ctx),
    risk,
    standards: entry
      ? {
        etsi: entry.standards.etsiEn303645,
        jcStar: entry.standards.jcStar1.map((s) => jcStarLabel(s, lang)),
        nistir: entry.standards.nistir8425,
      }
      : null,
    verify: entry ? fitSteps([entry.verify[lang]], ctx, lang)[0]! : null,
    evidencePlain: plainEvidence(finding, lang),
    adminUrl: adminUrlOf(device),
  };
}
