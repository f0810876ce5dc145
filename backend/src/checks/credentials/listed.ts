// The credential data files name services by the finding service of the check that tries them;
// the registry (checks/index.ts) gives that list, and a row naming any other fails at start-up.
import type { Check } from '../../core/plugins.js';
import { BOARD_FAMILIES } from './board-families.js';
import { CREDENTIALS } from './data.js';

/** The service a credential check's pairs are listed under, or null (not one, or its pairs are its own). */
export function listedServiceOf(check: Check): string | null {
  return 'listedService' in check && typeof check.listedService === 'string' ? check.listedService : null;
}

/** Every data row names a service some check tries; throws on the first that does not. */
export function assertListedServices(services: readonly string[]): void {
  const rows = [
    ...CREDENTIALS.map((row) => ({ where: `default-credentials.json ${row.user}/${row.vendor ?? '*'}`, services: row.services })),
    ...BOARD_FAMILIES.flatMap((f) => f.pairs.map((p) => ({ where: `board-families.json ${f.id} ${p.user}`, services: p.services }))),
  ];
  for (const row of rows) {
    const unknown = row.services.find((s) => !services.includes(s));
    if (unknown !== undefined) throw new Error(`${row.where}: no credential check tries service "${unknown}" (known: ${services.join(', ')})`);
  }
}
