// The knowledge base as the dashboard receives it (GET /api/knowledge): every entry, who acts and
// what to ask, the vendor steps and the risk sentences, in every language. Built once: it is static.
import { GUIDANCE } from './guidance.js';
import { KNOWLEDGE } from './index.js';
import { RISK_REASONS } from './risk-data.js';
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
  return cached;
}
