// Labels of a finding's status and of who changed it, shared by the actions, the Findings screen
// and a device's history.
import type { FindingStatus, FindingStatusChange, StoredFinding } from '../../api/contract';
import { formatDateTime, locale, t } from '../../i18n';
import { DEVICE_FORGOTTEN_REASON } from '../../../../backend/src/storage/finding-lifecycle';

export function findingStatusLabel(status: FindingStatus): string {
  switch (status) {
    case 'open': return t('lifecycle.status.open');
    case 'resolved': return t('lifecycle.status.resolved');
    case 'fixed': return t('lifecycle.status.fixed');
    case 'accepted': return t('lifecycle.status.accepted');
    case 'false-positive': return t('lifecycle.status.falsePositive');
  }
  return status;
}

/** One step of a finding's history: "resolved" because its device was forgotten says so. */
export function stepStatusLabel(step: Pick<FindingStatusChange, 'status' | 'reason'>): string {
  return step.status === 'resolved' && step.reason === DEVICE_FORGOTTEN_REASON ? t('lifecycle.status.deviceForgotten') : findingStatusLabel(step.status);
}

/** A finding's status now, told by the step that brought it there. */
export function currentStatusLabel(finding: Pick<StoredFinding, 'status' | 'history'>): string {
  const last = finding.history?.at(-1);
  return last && last.status === finding.status ? stepStatusLabel(last) : findingStatusLabel(finding.status);
}

export const changedBy = (by: string): string => (by === 'owner' ? t('lifecycle.by.owner') : t('lifecycle.by.system'));

// One date format per language, the same as everywhere else (i18n formatDateTime): "Dec 7, 2026" / "2026/12/07".
export const formatWhen = (iso: string): string => formatDateTime(iso);
export function formatDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(date);
}
