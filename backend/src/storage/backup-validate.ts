// Every file of a backup is checked against what the appliance itself would accept before anything
// is staged or written: a restore that passes here cannot stop the box from starting, and an
// edited archive cannot plant a password-less account or a malformed second factor.
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { EVIDENCE_KEY_FILE } from './data-files.js';
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
export function validateBackupFile(name: string, content: Buffer): void {
  const text = content.toString('utf8');
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
    default: {
      const result = check(name, ScanResultSchema, value);
      if (name !== `scans/${result.scan.id}.json`) throw new BackupValidationError(`${name} holds the result of scan ${result.scan.id}`);
    }
  }
}
