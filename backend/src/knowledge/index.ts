// The knowledge base: one entry per finding family × service. Looked up when a finding is built.
import type { FindingFamily } from '../core/types.js';
import { anonymousAccess } from './anonymous-access.js';
import { cleartextService } from './cleartext-service.js';
import { defaultCredentials } from './default-credentials.js';
import { internetExposure } from './internet-exposure.js';
import { remoteAccess } from './remote-access.js';
import { softwareAge } from './software-age.js';
import { tlsWeakness } from './tls-weakness.js';
import type { KnowledgeEntry } from './types.js';

export const KNOWLEDGE: readonly KnowledgeEntry[] = [
  ...defaultCredentials, ...anonymousAccess, ...cleartextService, ...tlsWeakness, ...internetExposure,
  ...remoteAccess, ...softwareAge,
];

/** A TLS weakness on a service without an entry of its own (imaps, rtsps, …) uses the generic "tls" entry. */
const FALLBACK_SERVICE: Partial<Record<FindingFamily, string>> = { 'tls-weakness': 'tls' };

export function knowledgeFor(family: FindingFamily, service: string): KnowledgeEntry | null {
  const exact = KNOWLEDGE.find((entry) => entry.family === family && entry.service === service);
  if (exact) return exact;
  const fallback = FALLBACK_SERVICE[family];
  return fallback ? (KNOWLEDGE.find((entry) => entry.family === family && entry.service === fallback) ?? null) : null;
}
