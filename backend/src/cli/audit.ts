// `mamori audit verify [--data-dir DIR]`: checks the audit trail's hash chain and names the first
// broken link. Exit status 0 intact, 1 broken or unreadable, 2 bad arguments.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAuditLog } from '../storage/audit.js';
import { UsageError } from './args.js';

export function auditFile(dataDir: string | undefined): string {
  return join(resolve(dataDir ?? process.env['MAMORI_DATA_DIR'] ?? './data'), 'audit.jsonl');
}

export async function runAuditCommand(argv: string[], out: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify') throw new UsageError(sub ? `unknown audit command "${sub}"` : 'audit needs a command: verify');
  let values;
  try {
    ({ values } = parseArgs({ args: rest, strict: true, options: { 'data-dir': { type: 'string' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const file = auditFile(values['data-dir']);
  let verdict;
  try {
    verdict = await verifyAuditLog(file);
  } catch (error) {
    out(`mamori: cannot read the audit trail ${file}: ${(error as Error).message}`);
    return 1;
  }
  if (verdict.ok) {
    out(`audit trail intact: ${verdict.entries} entries, last hash ${verdict.lastHash.slice(0, 16)}… (${file})`);
    return 0;
  }
  const { seq, line, reason } = verdict.brokenAt;
  out(`audit trail BROKEN at line ${line}${seq !== null ? ` (entry ${seq})` : ''}: ${reason}. `
    + `The ${verdict.entries} entries before it are intact. (${file})`);
  return 1;
}
