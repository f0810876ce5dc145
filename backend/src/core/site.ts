// Which site (installation) a result belongs to. Installers look after many homes that mostly use
// the same 192.168.1.0/24, so every output that leaves the box (contract JSON, alerts, metrics,
// MQTT topics, report, evidence pack) says which site it is about. The id is a short slug, safe
// as an MQTT topic level and a Prometheus label value; the name is what people read.
import { createHash } from 'node:crypto';

export interface SiteIdentity {
  /** Lower-case letters, digits, "-" and "_", 1–48 characters, starting and ending with a letter or digit. */
  id: string;
  /** The owner's or installer's name for the site ("Ueno shop"), or null. */
  name: string | null;
}

export const SITE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,46}[a-z0-9])?$/;
export const DEFAULT_SITE_ID = 'home';

/** A site id from a name: a slug of its Latin letters and digits, else (e.g. a Japanese name) one from its hash. */
export function siteIdFromName(name: string): string {
  const slug = name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  if (SITE_ID_PATTERN.test(slug)) return slug;
  return `site-${createHash('sha256').update(name.normalize('NFC'), 'utf8').digest('hex').slice(0, 8)}`;
}

/** "id" or "name (id)": how logs and titles show a site. */
export function siteLabel(site: SiteIdentity): string {
  return site.name ?? site.id;
}
