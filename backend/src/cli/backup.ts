// `mamori backup create --out FILE [--data-dir DIR] [--passphrase-file F]` and
// `mamori backup restore FILE [--data-dir DIR] [--passphrase-file F]`.
// A backup holds every secret of the box, so it is always encrypted with a passphrase: read from
// --passphrase-file (first line) or MAMORI_BACKUP_PASSPHRASE, never from the command line (which
// other users see in ps). Restore is for a stopped appliance (a running one takes POST
// /api/restore); it also reads a plain archive of an older Mamori. The data it replaces is kept
// in DIR/backups/. Exit status 0 done, 1 failed or refused archive, 2 bad arguments.
import type { KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, createBackup, MAX_ARCHIVE_BYTES, openBackup, restoreBackup } from '../storage/backup.js';
import { encryptBackup, isEncryptedBackup, passphraseProblem } from '../storage/backup-crypto.js';
import { UsageError } from './args.js';

async function readPassphrase(file: string | undefined): Promise<string | null> {
  if (file) {
    const text = await readFile(file, 'utf8').catch(() => { throw new UsageError(`cannot read the passphrase file ${file}`); });
    return text.split(/\r?\n/)[0] ?? '';
  }
  return process.env['MAMORI_BACKUP_PASSPHRASE'] || null;
}

/** `catalogueKey`: the key a carried software catalogue must be signed with (tests; the project's by default). */
export async function runBackupCommand(argv: string[], out: (line: string) => void, options: { catalogueKey?: string | KeyObject } = {}): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'create' && sub !== 'restore') throw new UsageError(sub ? `unknown backup command "${sub}"` : 'backup needs a command: create or restore');
  let parsed;
  try {
    parsed = parseArgs({
      args: rest, strict: true, allowPositionals: sub === 'restore',
      options: { 'data-dir': { type: 'string' }, out: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dataDir = resolve(parsed.values['data-dir'] ?? process.env['MAMORI_DATA_DIR'] ?? './data');
  const passphrase = await readPassphrase(parsed.values['passphrase-file']);
  if (sub === 'create') {
    const out_ = parsed.values.out;
    if (!out_) throw new UsageError('backup create needs --out FILE');
    if (passphrase === null) throw new UsageError('backup create needs a passphrase: --passphrase-file FILE or MAMORI_BACKUP_PASSPHRASE');
    const weak = passphraseProblem(passphrase);
    if (weak) throw new UsageError(weak);
    const archive = await encryptBackup(await createBackup(dataDir, new Date(), options), passphrase);
    await writeFile(out_, archive, { mode: 0o600 });
    out(`encrypted backup of ${dataDir} written to ${out_} (${archive.length} bytes)`);
    return 0;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1 || parsed.values.out) throw new UsageError('usage: mamori backup restore FILE [--data-dir DIR] [--passphrase-file F]');
  try {
    const data = await readFile(file);
    if (data.length > MAX_ARCHIVE_BYTES) throw new BackupError('archive too large');
    if (isEncryptedBackup(data) && passphrase === null) throw new UsageError('this backup is encrypted: give --passphrase-file FILE or MAMORI_BACKUP_PASSPHRASE');
    const restored = await restoreBackup(dataDir, await openBackup(data, passphrase, { allowPlain: true }), new Date(), options);
    out(`restored ${file} into ${dataDir}${restored.previous ? `; the data it replaced is in ${restored.previous}` : ''}`);
    for (const { file: left, reason } of restored.notRestored) out(`not restored: ${left} (${reason}); the one in place stays`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    out(`mamori: backup refused: ${(error as Error).message}`);
    return 1;
  }
}
