// Labels of a finding's status and of who changed it, shared by the actions, the Findings screen
// and a device's history.
import type { FindingStatus } from '../../api/contract';
import { locale, t } from '../../i18n';

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

export const changedBy = (by: string): string => (by === 'owner' ? t('lifecycle.by.owner') : t('lifecycle.by.system'));

const tag = () => (locale.value === 'ja' ? 'ja-JP' : 'en-GB');
export const formatWhen = (iso: string): string => new Date(iso).toLocaleString(tag());
export const formatDay = (iso: string): string => new Date(iso).toLocaleDateString(tag());
