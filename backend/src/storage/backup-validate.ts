// Every file of a backup is checked against what the appliance itself would accept before anything
// is staged or written: a restore that passes here cannot stop the box from starting, and an
// edited archive cannot plant a password-less account, a malformed second factor, a plain-text
// API token or a catalogue the project did not sign.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { BUNDLE_MAX_BYTES, CatalogueBundleError, openCatalogueBundle, PROJECT_CATALOGUE_KEY } from '../knowledge/catalogue-bundle.js';
import { CATALOGUE_FILE } from './catalogue-store.js';
import { API_TOKENS_FILE, EVIDENCE_KEY_FILE } from './data-files.js';
import { verifyAuditText } from './audit.js';
import { CURRENT_SCHEMA_VERSION } from './migrations.js';
import { describeIssues, SettingsSchema } from './settings.js';

export class BackupValidationError extends Error {}

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(512);
const Base32 = z.string().regex(/^[A-Z2-7]{16,128}$/);
const Iso = z.string().max(40);

/** auth.json: a password must be set (a password-less box would print a new set-up link). */
const AuthFileSchema = z.object({
  password: z.object({
    salt: Base64, hash: Base64,
    N: z.number().int().min(1024).max(2 ** 20), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16),
  }).strict(),
  sessions: z.array(z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: Iso, expiresAt: Iso }).strict()).max(1000),
}).strict();

const TotpFileSchema = z.object({
  secret: Base32.nullable(), pending: Base32.nullable(), lastCounter: z.string().regex(/^\d{1,20}$/).nullable(),
}).strict();

/**
 * api-tokens.json (api/api-tokens.ts): hashes only — `.strict()` refuses any other field, so an
 * archive cannot carry a token in clear. At most 20 live plus 50 kept revoked ones are ever written.
 */
const ApiTokensFileSchema = z.object({
  tokens: z.array(z.object({
    id: z.string().regex(/^[0-9a-f]{1,64}$/), name: z.string().min(1).max(64).regex(/^\P{Cc}*$/u),
    hash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: Iso, lastUsedAt: Iso.nullable(), revokedAt: Iso.nullable(),
  }).strict()).max(200).refine((tokens) => new Set(tokens.map((t) => t.id)).size === tokens.length, 'two tokens share an id'),
}).strict();
/** Byte caps of the files whose schema has no natural bound of its own. */
const MAX_FILE_BYTES: Record<string, number> = { [API_TOKENS_FILE]: 256 * 1024, [CATALOGUE_FILE]: BUNDLE_MAX_BYTES };

export interface ValidateOptions {
  /** The key a carried software catalogue must be signed with: the project's (tests inject their own). */
  catalogueKey?: string | KeyObject;
}

const Identified = (key: 'id' | 'key') => z.object({ [key]: z.string().min(1).max(256) }).loose();
const StateFileSchema = z.object({
  schemaVersion: z.number().int().min(1).max(CURRENT_SCHEMA_VERSION),
  devices: z.array(Identified('id').extend({ ip: z.string().max(64) })),
  findings: z.array(Identified('key')),
  scans: z.array(Identified('id')),
}).loose();

const ScanResultSchema = z.object({
  schema: z.literal('mamori.scan-result/1'),
  scan: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), startedAt: z.string() }).loose(),
}).loose();

function parseJson(name: string, text: string): unknown {
  try { return JSON.parse(text); } catch { throw new BackupValidationError(`${name} is not valid JSON`); }
}

function check<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BackupValidationError(`${name} is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Throws BackupValidationError naming the file and what is wrong with it. */
export function validateBackupFile(name: string, content: Buffer, options: ValidateOptions = {}): void {
  const cap = MAX_FILE_BYTES[name];
  if (cap !== undefined && content.length > cap) throw new BackupValidationError(`${name} is larger than ${cap} bytes`);
  const text = content.toString('utf8');
  if (name === CATALOGUE_FILE) {
    // Exactly the check of `mamori data update`: the project's signature over a valid catalogue.
    try { openCatalogueBundle(text, options.catalogueKey ?? PROJECT_CATALOGUE_KEY); } catch (error) {
      if (error instanceof CatalogueBundleError) throw new BackupValidationError(`the software catalogue in the backup is refused: ${error.message}`);
      throw error;
    }
    return;
  }
  if (name === EVIDENCE_KEY_FILE) {
    let type: string | undefined;
    try { type = createPrivateKey(text).asymmetricKeyType; } catch { type = undefined; }
    if (type !== 'ed25519') throw new BackupValidationError(`${name} is not an Ed25519 private key`);
    return;
  }
  if (name === 'audit.jsonl') {
    const verdict = verifyAuditText(text);
    if (!verdict.ok) throw new BackupValidationError(`audit.jsonl is broken at line ${verdict.brokenAt.line}: ${verdict.brokenAt.reason}`);
    return;
  }
  const value = parseJson(name, text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BackupValidationError(`${name} does not hold a JSON object`);
  switch (name) {
    case 'state.json': {
      const version = (value as { schemaVersion?: unknown }).schemaVersion;
      if (typeof version !== 'number' || version > CURRENT_SCHEMA_VERSION) {
        throw new BackupValidationError(`state.json has schema version ${String(version)}; this Mamori reads up to ${CURRENT_SCHEMA_VERSION}`);
      }
      check(name, StateFileSchema, value);
      return;
    }
    case 'settings.json': check(name, SettingsSchema, value); return;
    case 'auth.json': check(name, AuthFileSchema, value); return;
    case 'totp.json': check(name, TotpFileSchema, value); return;
    case API_TOKENS_FILE: check(name, ApiTokensFileSchema, value); return;
    default: {
      const result = check(name, ScanResultSchema, value);
      if (name !== `scans/${result.scan.id}.json`) throw new BackupValidationError(`${name} holds the result of scan ${result.scan.id}`);
    }
  }
}
