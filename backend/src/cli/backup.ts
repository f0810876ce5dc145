// `mamori backup create --out FILE [--data-dir DIR]` and `mamori backup restore FILE [--data-dir DIR]`.
// Restore is for a stopped appliance (a running one takes POST /api/restore); the data it replaces
// is kept in DIR/backups/. Exit status 0 done, 1 failed or refused archive, 2 bad arguments.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, createBackup, MAX_ARCHIVE_BYTES, restoreBackup } from '../storage/backup.js';
import { UsageError } from './args.js';

export async function runBackupCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'create' && sub !== 'restore') throw new UsageError(sub ? `unknown backup command "${sub}"` : 'backup needs a command: create or restore');
  let parsed;
  try {
    parsed = parseArgs({ args: rest, strict: true, allowPositionals: sub === 'restore', options: { 'data-dir': { type: 'string' }, out: { type: 'string' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dataDir = resolve(parsed.values['data-dir'] ?? process.env['MAMORI_DATA_DIR'] ?? './data');
  if (sub === 'create') {
    const out_ = parsed.values.out;
    if (!out_) throw new UsageError('backup create needs --out FILE');
    const archive = await createBackup(dataDir);
    await writeFile(out_, archive, { mode: 0o600 });
    out(`backup of ${dataDir} written to ${out_} (${archive.length} bytes)`);
    return 0;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1 || parsed.values.out) throw new UsageError('usage: mamori backup restore FILE [--data-dir DIR]');
  try {
    const archive = await readFile(file);
    if (archive.length > MAX_ARCHIVE_BYTES) throw new BackupError('archive too large');
    const previous = await restoreBackup(dataDir, archive);
    out(`restored ${file} into ${dataDir}${previous ? `; the data it replaced is in ${previous}` : ''}`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    out(`mamori: backup refused: ${(error as Error).message}`);
    return 1;
  }
}
