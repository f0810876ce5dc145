// What an evidence pack is: its fixed file names, its size caps, the manifest (zod, so a reader
// refuses anything else) and the signature file. Shared by the writer (pack.ts) and the reader
// (verify.ts), so the two cannot drift apart.
import { SITE_ID_PATTERN } from '../core/site.js';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const PACK_FORMAT = 'mamori.evidence-pack/1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const AUDIT_EXCERPT = 'audit/audit-excerpt.jsonl';
export const LANGUAGES = ['en', 'ja'] as const;
export type PackLanguage = (typeof LANGUAGES)[number];

const MB = 1024 * 1024;
/** Caps for reading a pack someone hands us: a crafted archive stops at these. */
export const PACK_LIMITS = { maxArchiveBytes: 256 * MB, maxExpandedBytes: 512 * MB, maxEntryBytes: 128 * MB, maxEntries: 2000 };

export class EvidenceError extends Error {}

/**
 * The only names a pack may hold: a top-level file (report, CSV, manifest), scans/<id>.json and the
 * audit excerpt. No absolute path, no "..", no directory, nothing a careless extractor could misplace.
 */
export function isAllowedPath(path: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,63}$/.test(path) || /^scans\/[A-Za-z0-9-]{1,64}\.json$/.test(path) || path === AUDIT_EXCERPT;
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ManifestSchema = z.strictObject({
  format: z.literal(PACK_FORMAT),
  generatedAt: z.iso.datetime(),
  period: z.strictObject({ from: day, to: day, timeZone: z.literal('UTC') }),
  language: z.enum(LANGUAGES),
  appliance: z.strictObject({ name: z.literal('Mamori'), version: z.string().max(64) }),
  /** The site (installation) the pack is about (core/site.ts); absent in packs made before sites were named. */
  site: z.strictObject({ id: z.string().regex(SITE_ID_PATTERN), name: z.string().max(200).nullable() }).optional(),
  files: z.array(z.strictObject({ path: z.string().refine(isAllowedPath, 'path not allowed'), size: z.number().int().min(0), sha256: hex(64) }))
    .max(PACK_LIMITS.maxEntries)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, 'a path is listed twice')
    .refine((files) => files.every((f) => f.path !== MANIFEST && f.path !== SIGNATURE), 'the manifest cannot list itself'),
  audit: z.strictObject({
    path: z.literal(AUDIT_EXCERPT),
    entries: z.number().int().min(0),
    firstSeq: z.number().int().min(1).nullable(),
    lastSeq: z.number().int().min(1).nullable(),
    /** The hash the first entry of the excerpt links to (the entry before the period). */
    previousHash: hex(64),
    /** The hash of the excerpt's last entry (previousHash when it is empty). */
    lastHash: hex(64),
    /** The whole trail's last entry when the pack was made: compare with the appliance's trail later. */
    head: z.strictObject({ seq: z.number().int().min(0), hash: hex(64) }),
  }),
  signature: z.strictObject({ algorithm: z.literal('Ed25519'), publicKey: hex(88), fingerprint: z.string().regex(/^([0-9a-f]{4}-){7}[0-9a-f]{4}$/), file: z.literal(SIGNATURE) }),
});
export type EvidenceManifest = z.infer<typeof ManifestSchema>;

/**
 * manifest.sig is text with one spelling for every value (lower-case hex), and the signature
 * covers the lines before it: a changed byte anywhere in it breaks either the format or the
 * signature, and a changed byte in manifest.json breaks the hash it records. So a failure can
 * name the file that changed.
 */
const SIG_HEADER = 'Mamori evidence pack signature v1\nalgorithm: Ed25519\n';
const SIG_PATTERN = /^Mamori evidence pack signature v1\nalgorithm: Ed25519\npublic-key: ([0-9a-f]{88})\nmanifest-sha256: ([0-9a-f]{64})\nsignature: ([0-9a-f]{128})\n$/;

export function signedPart(publicKey: string, manifestSha256: string): Buffer {
  return Buffer.from(`${SIG_HEADER}public-key: ${publicKey}\nmanifest-sha256: ${manifestSha256}\n`, 'utf8');
}

export function signatureFile(publicKey: string, manifestSha256: string, signature: string): Buffer {
  return Buffer.concat([signedPart(publicKey, manifestSha256), Buffer.from(`signature: ${signature}\n`, 'utf8')]);
}

export function parseSignatureFile(bytes: Buffer): { publicKey: string; manifestSha256: string; signature: string } | null {
  const match = SIG_PATTERN.exec(bytes.toString('latin1'));
  return match ? { publicKey: match[1]!, manifestSha256: match[2]!, signature: match[3]! } : null;
}

export interface Period { from: string; to: string; start: Date; until: Date }
export const MAX_PERIOD_DAYS = 400;

/** from/to are calendar days in UTC, both included. Throws EvidenceError for anything else. */
export function parsePeriod(from: unknown, to: unknown): Period {
  const dayStart = (name: string, value: unknown): Date => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new EvidenceError(`${name} must be a date YYYY-MM-DD`);
    const date = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new EvidenceError(`${name} is not a real date: ${value}`);
    return date;
  };
  const start = dayStart('from', from);
  const last = dayStart('to', to);
  if (start > last) throw new EvidenceError('from is after to');
  const days = Math.round((last.getTime() - start.getTime()) / 86_400_000) + 1;
  if (days > MAX_PERIOD_DAYS) throw new EvidenceError(`the period is ${days} days; at most ${MAX_PERIOD_DAYS}`);
  return { from: from as string, to: to as string, start, until: new Date(last.getTime() + 86_400_000) };
}
