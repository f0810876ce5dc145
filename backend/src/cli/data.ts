// `mamori data update FILE` installs a newer software catalogue, only when the project signed it;
// `mamori data status` says which catalogue is in use, its date and age.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { CatalogueBundleError, PROJECT_CATALOGUE_KEY } from '../knowledge/catalogue-bundle.js';
import { CATALOGUE_STALE_DAYS, catalogueAgeDays } from '../knowledge/software-catalogue.js';
import { applyInstalledCatalogue, CATALOGUE_FILE, catalogueStatus, installCatalogue } from '../storage/catalogue-store.js';
import { UsageError } from './args.js';

export interface DataCommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Tests inject their own key pair's public key; the appliance uses the project's. */
  publicKey?: string | KeyObject;
  now?: Date;
}

export async function runDataCommand(argv: string[], io: DataCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  const [sub, file, ...extra] = positionals;
  const dataDir = resolve(values['data-dir'] ?? process.env['MAMORI_DATA_DIR'] ?? './data');
  const publicKey = io.publicKey ?? PROJECT_CATALOGUE_KEY;
  applyInstalledCatalogue(join(dataDir, CATALOGUE_FILE), publicKey);
  if (sub === 'status' && !file) {
    const status = catalogueStatus();
    const age = catalogueAgeDays(status, io.now);
    io.out(`software catalogue: version ${status.version}, dated ${status.date} (${age} days old), ${status.entries} rows, ${status.source}`);
    if (age > CATALOGUE_STALE_DAYS) io.out(`the catalogue is older than ${CATALOGUE_STALE_DAYS} days: install a newer one with "mamori data update FILE"`);
    return 0;
  }
  if (sub !== 'update' || !file || extra.length > 0) throw new UsageError('data needs a command: update FILE | status');
  let text: string;
  try { text = await readFile(file, 'utf8'); } catch (error) {
    io.err(`mamori: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const catalogue = await installCatalogue(dataDir, text, publicKey);
    io.out(`software catalogue version ${catalogue.version}, dated ${catalogue.date}, ${catalogue.entries.length} rows: installed in ${dataDir}`);
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogueBundleError)) throw error;
    io.err(`mamori: refused: ${error.message}`);
    return 1;
  }
}
