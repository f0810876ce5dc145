// The knowledge base as the dashboard receives it (GET /api/knowledge): every entry, who acts and
// what to ask, the vendor steps and the risk sentences, in every language. Built once: it is static.
import { GUIDANCE } from './guidance.js';
import { KNOWLEDGE } from './index.js';
import { RISK_REASONS } from './risk-data.js';
import { activeCatalogue, CATALOGUE_STALE_DAYS } from './software-catalogue.js';
import type { KnowledgeBase } from './types.js';
import { VENDOR_GUIDES } from './vendors/index.js';

let cached: KnowledgeBase | null = null;

export function knowledgeBase(): KnowledgeBase {
  cached ??= structuredClone({
    entries: [...KNOWLEDGE],
    guidance: [...GUIDANCE],
    vendors: VENDOR_GUIDES.map(({ ieeeVendor, ...rest }) => ({ ...rest, ieeeVendor: ieeeVendor.source })),
    riskReasons: RISK_REASONS,
  });
  // Not cached: `mamori data update` may install a newer catalogue while the appliance runs.
  const catalogue = activeCatalogue();
  return { ...cached, softwareCatalogue: { version: catalogue.version, date: catalogue.date, entries: catalogue.entries.length, staleAfterDays: CATALOGUE_STALE_DAYS } };
}
