// The site identity the appliance stamps on what it sends out (core/site.ts), from the settings.
import type { SiteIdentity } from '../core/site.js';
import type { Settings } from './settings.js';

export function siteOf(settings: Pick<Settings, 'site' | 'report'>): SiteIdentity {
  return { id: settings.site.id, name: settings.site.name ?? settings.report.siteName };
}
