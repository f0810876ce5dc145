// The machine-readable result (the contract JSON, shared/contract/scan-result.md) of every scan the
// appliance finished, one file per scan: <dataDir>/scans/<scanId>.json. The scan history in
// state.json keeps only summaries; the evidence pack needs what each scan actually saw. Files
// leave together with their scan in the history (retention), never on their own.
import { chmod, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanResult } from '../core/types.js';

export const SCAN_RESULTS_DIR = 'scans';
/** A result larger than this is not read back (a /22 of busy devices stays far below). */
export const MAX_SCAN_RESULT_BYTES = 32 * 1024 * 1024;
const ID = /^[A-Za-z0-9-]{1,64}$/;

export interface StoredScanResult {
  id: string;
  startedAt: string;
  /** The file exactly as stored, so its hash is the hash of what the appliance kept. */
  bytes: Buffer;
}

export class ScanResultStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, SCAN_RESULTS_DIR);
  }

  /** Writes one scan's result (0600, directory 0700), through a temporary name so a crash leaves no half file. */
  async write(result: ScanResult): Promise<string> {
    const id = result.scan.id;
    if (!ID.test(id)) throw new Error(`refusing to store a scan result under the id "${id}"`);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    const file = join(this.dir, `${id}.json`);
    const temp = `${file}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(result, null, 2) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    return file;
  }

  /** Ids of every stored result. */
  async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json') && ID.test(n.slice(0, -5))).map((n) => n.slice(0, -5));
  }

  async read(id: string): Promise<StoredScanResult | null> {
    if (!ID.test(id)) return null;
    const file = join(this.dir, `${id}.json`);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.size > MAX_SCAN_RESULT_BYTES) return null;
    const bytes = await readFile(file);
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as Partial<ScanResult>;
      if (parsed.schema !== 'mamori.scan-result/1' || parsed.scan?.id !== id || typeof parsed.scan.startedAt !== 'string') return null;
      return { id, startedAt: parsed.scan.startedAt, bytes };
    } catch {
      return null;
    }
  }

  /** Results of the scans that started in [from, until), oldest first. Unreadable files are left out. */
  async inPeriod(from: Date, until: Date): Promise<StoredScanResult[]> {
    const found: StoredScanResult[] = [];
    for (const id of await this.ids()) {
      const result = await this.read(id);
      if (!result) continue;
      const started = Date.parse(result.startedAt);
      if (started >= from.getTime() && started < until.getTime()) found.push(result);
    }
    return found.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  }

  /** Retention: removes the results of scans no longer in the history. Returns how many went. */
  async prune(isKept: (scanId: string) => boolean): Promise<number> {
    let removed = 0;
    for (const id of await this.ids()) {
      // Asked per file, at that moment: a scan that started meanwhile is in the history and stays.
      if (isKept(id)) continue;
      await rm(join(this.dir, `${id}.json`), { force: true });
      removed += 1;
    }
    return removed;
  }
}
