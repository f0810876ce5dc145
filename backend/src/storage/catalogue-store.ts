// The installed software catalogue: a signed bundle in the data directory, verified again every
// time it is read. A newer catalogue replaces the built-in one; an older or unsigned one never does.
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { CatalogueBundleError, openCatalogueBundle, PROJECT_CATALOGUE_KEY } from '../knowledge/catalogue-bundle.js';
import { activeCatalogue, BUILT_IN_CATALOGUE, useCatalogue, type SoftwareCatalogue } from '../knowledge/software-catalogue.js';

export const CATALOGUE_FILE = 'software-catalogue.signed.json';
/** Set once a verified catalogue is in use, so that scan workers (threads) use the same one. */
export const CATALOGUE_ENV = 'MAMORI_SOFTWARE_CATALOGUE_FILE';

export interface CatalogueStatus {
  version: number;
  date: string;
  entries: number;
  source: 'built-in' | 'installed';
}

export function catalogueStatus(catalogue: SoftwareCatalogue = activeCatalogue()): CatalogueStatus {
  return { version: catalogue.version, date: catalogue.date, entries: catalogue.entries.length, source: catalogue === BUILT_IN_CATALOGUE ? 'built-in' : 'installed' };
}

function isNewer(candidate: SoftwareCatalogue, than: SoftwareCatalogue): boolean {
  return candidate.version > than.version;
}

/** Verifies `text` and installs it in `dataDir`; throws CatalogueBundleError when refused. */
export async function installCatalogue(dataDir: string, text: string, publicKey: string | KeyObject = PROJECT_CATALOGUE_KEY): Promise<SoftwareCatalogue> {
  const catalogue = openCatalogueBundle(text, publicKey);
  const current = activeCatalogue();
  if (!isNewer(catalogue, current)) {
    throw new CatalogueBundleError(`catalogue version ${catalogue.version} (${catalogue.date}) is not newer than the one in use (version ${current.version}, ${current.date})`);
  }
  const file = join(dataDir, CATALOGUE_FILE);
  await writeFile(`${file}.tmp`, text, { mode: 0o644 });
  await rename(`${file}.tmp`, file);
  useCatalogue(catalogue);
  process.env[CATALOGUE_ENV] = file;
  return catalogue;
}

/**
 * Uses the catalogue installed at `file` when it verifies and is newer than the built-in one.
 * Returns why it was not used, or null when it is in use (no file: null reason "none installed").
 */
export function applyInstalledCatalogue(file: string, publicKey: string | KeyObject = PROJECT_CATALOGUE_KEY): string | null {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { return 'none installed'; }
  try {
    const catalogue = openCatalogueBundle(text, publicKey);
    if (!isNewer(catalogue, BUILT_IN_CATALOGUE)) return `installed catalogue version ${catalogue.version} is not newer than the built-in one`;
    useCatalogue(catalogue);
    process.env[CATALOGUE_ENV] = file;
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Whether a catalogue carried by a backup (`text`, already verified by the restore) should replace
 * what `dataDir` holds: only when it would be used — newer than the built-in one and than a
 * verified installed one. A restore never lowers what the box knows. The reason it is left out, or null.
 */
export function restoredCatalogueSkipReason(dataDir: string, text: string, publicKey: string | KeyObject = PROJECT_CATALOGUE_KEY): string | null {
  const restored = openCatalogueBundle(text, publicKey);
  if (!isNewer(restored, BUILT_IN_CATALOGUE)) {
    return `its catalogue version ${restored.version} is not newer than the built-in one (version ${BUILT_IN_CATALOGUE.version})`;
  }
  let installed: SoftwareCatalogue;
  try {
    installed = openCatalogueBundle(readFileSync(join(dataDir, CATALOGUE_FILE), 'utf8'), publicKey);
  } catch {
    return null; // none installed, or one that no longer verifies: the restored one takes its place
  }
  return isNewer(restored, installed) ? null : `its catalogue version ${restored.version} is not newer than the installed one (version ${installed.version})`;
}

/** In a scan worker: the catalogue the main thread verified (it verifies again, it trusts nothing). */
export function applyCatalogueFromEnv(): void {
  const file = process.env[CATALOGUE_ENV];
  if (file) applyInstalledCatalogue(file);
}
