// `mamori evidence verify FILE [--fingerprint FP]` checks a due-care evidence pack: exit 0 with a
// short summary when every file matches its signed manifest, else exit 1 naming the file.
// `mamori evidence create --from DAY --to DAY --lang en|ja --out FILE [--data-dir DIR]` builds one
// from a data directory (the appliance's own, or a copy). Exit 2: bad arguments.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataDirDocuments } from '../evidence/documents.js';
import { EvidenceError, LANGUAGES, PACK_LIMITS, parsePeriod, type PackLanguage } from '../evidence/format.js';
import { loadOrCreateEvidenceKey } from '../evidence/key.js';
import { buildEvidencePack, packAuditDetails } from '../evidence/pack.js';
import { verifyEvidencePack } from '../evidence/verify.js';
import { AuditLog } from '../storage/audit.js';
import { ScanResultStore } from '../storage/scan-results.js';
import { UsageError } from './args.js';

type Writer = (line: string) => void;

export async function runEvidenceCommand(argv: string[], out: Writer, err: Writer): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'verify') return verify(rest, out, err);
  if (sub === 'create') return create(rest, out, err);
  throw new UsageError(sub ? `unknown evidence command "${sub}"` : 'evidence needs a command: create or verify');
}

function parse(args: string[], options: Record<string, { type: 'string' }>, positionals: boolean) {
  try {
    return parseArgs({ args, strict: true, allowPositionals: positionals, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function verify(args: string[], out: Writer, err: Writer): Promise<number> {
  const { values, positionals } = parse(args, { fingerprint: { type: 'string' } }, true);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('usage: mamori evidence verify FILE [--fingerprint FP]');
  const size = await stat(file).then((s) => (s.isFile() ? s.size : -1), () => null);
  if (size === null || size < 0) { err(`mamori: evidence: cannot read ${file}`); return 1; }
  if (size > PACK_LIMITS.maxArchiveBytes) { err(`mamori: evidence: ${file} is larger than an evidence pack may be`); return 1; }
  const verdict = verifyEvidencePack(await readFile(file), values.fingerprint !== undefined ? { fingerprint: values.fingerprint } : {});
  if (!verdict.ok) {
    err(`mamori: evidence: ${verdict.file ? `${verdict.file}: ` : ''}${verdict.reason}`);
    return 1;
  }
  const { manifest } = verdict;
  out(`evidence pack intact: ${manifest.files.length} files match the signed manifest; audit excerpt of ${manifest.audit.entries} entries, chain intact`);
  out(`period ${manifest.period.from} to ${manifest.period.to} (UTC), made ${manifest.generatedAt} by Mamori ${manifest.appliance.version}`);
  out(verdict.fingerprintChecked
    ? `signed by the expected key ${verdict.fingerprint}`
    : `signed by the key ${verdict.fingerprint} — compare it with the fingerprint noted at handover (--fingerprint)`);
  return 0;
}

async function create(args: string[], out: Writer, err: Writer): Promise<number> {
  const { values } = parse(args, { from: { type: 'string' }, to: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' } }, false);
  const lang = values.lang ?? 'en';
  if (!values.out) throw new UsageError('evidence create needs --out FILE');
  if (!(LANGUAGES as readonly string[]).includes(lang)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}`);
  let period;
  try {
    period = parsePeriod(values.from, values.to);
  } catch (error) {
    if (error instanceof EvidenceError) throw new UsageError(error.message);
    throw error;
  }
  const dataDir = resolve(values['data-dir'] ?? process.env['MAMORI_DATA_DIR'] ?? './data');
  const { VERSION } = await import('../app.js');
  const auditFile = join(dataDir, 'audit.jsonl');
  try {
    const pack = await buildEvidencePack({
      documents: dataDirDocuments(dataDir, VERSION), scanResults: new ScanResultStore(dataDir), auditFile,
      key: () => loadOrCreateEvidenceKey(dataDir), version: VERSION,
    }, period, lang as PackLanguage);
    await writeFile(values.out, pack.archive, { mode: 0o600 });
    await new AuditLog(auditFile).append({ actor: 'cli', action: 'evidence-pack-created', details: packAuditDetails(pack) })
      .catch((error: unknown) => err(`mamori: warning: the audit trail was not written: ${(error as Error).message}`));
    out(`evidence pack of ${period.from} to ${period.to} written to ${values.out} (${pack.archive.length} bytes, ${pack.manifest.files.length} files)`);
    out(`signing key fingerprint ${pack.manifest.signature.fingerprint}`);
    return 0;
  } catch (error) {
    if (!(error instanceof EvidenceError)) throw error;
    err(`mamori: evidence: ${error.message}`);
    return 1;
  }
}
