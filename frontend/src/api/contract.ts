// The dashboard's one door to the shared contract (backend/src/api/contract.ts).
// Types are imported type-only. The few runtime values (constants) come from files that have no
// runtime imports of their own, so nothing from the Node side is bundled.
import type { ScanStage, ScanStatus } from '../../../backend/src/core/types';

export type * from '../../../backend/src/api/contract';
export type { ScanStatus } from '../../../backend/src/core/types';
export { MIN_PASSWORD_LENGTH } from '../../../backend/src/api/contract';
export {
  DEVICE_TYPES, SEVERITIES, FINDING_FAMILIES, RESPONSIBLE_PARTIES,
} from '../../../backend/src/core/types';
export { DEVICE_SCAN_STATES } from '../../../backend/src/core/records';

/** Every value of a string union, checked both ways at compile time. */
function allOf<U extends string>() {
  return <const A extends readonly U[]>(values: A & ([U] extends [A[number]] ? unknown : never)) => values;
}

// The contract defines these as unions only; the lists let the i18n test check every label exists.
export const SCAN_STAGES = allOf<ScanStage>()(['discovery', 'identification', 'probing', 'checks', 'done']);
export const SCAN_STATUSES = allOf<ScanStatus | 'running'>()(['running', 'completed', 'cancelled', 'failed']);
