// The knowledge base: one entry per finding family × service. Looked up when a finding is built.
import type { FindingFamily } from '../core/types.js';
import { cleartextService } from './cleartext-service.js';
import type { KnowledgeEntry } from './types.js';

export const KNOWLEDGE: readonly KnowledgeEntry[] = [...cleartextService];

export function knowledgeFor(family: FindingFamily, service: string): KnowledgeEntry | null {
  return KNOWLEDGE.find((entry) => entry.family === family && entry.service === service) ?? null;
}
