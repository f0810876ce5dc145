// Labels of the values the settings schema enumerates. The schema describes fields but not the
// values of its enums, so they are named here (literal keys, so the i18n test sees them).
import { localeName, t } from '../../i18n';

export function enumLabel(value: string): string {
  switch (value) {
    case 'local': return t('settings.enum.local');
    case 'utc': return t('settings.enum.utc');
    case 'en': return localeName('en');
    case 'ja': return localeName('ja');
    case 'starttls': return t('settings.enum.starttls');
    case 'tls': return t('settings.enum.tls');
    case 'none': return t('settings.enum.none');
    case 'interval': return t('settings.enum.interval');
    case 'cron': return t('settings.enum.cron');
    default: return value;
  }
}

/** Groups of fields the schema leaves without a description: named by their key. */
export function groupLabel(key: string): string {
  switch (key) {
    case 'events': return t('settings.group.events');
    case 'email': return t('settings.group.email');
    case 'quietHours': return t('settings.group.quietHours');
    case 'heartbeat': return t('settings.group.heartbeat');
    default: return key;
  }
}
