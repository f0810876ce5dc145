// Why Mamori believes what it says about a device, in the reader's language: the source of each
// reason named, and the IEEE registry's English sentences (oui-vendor) rewritten from messages.
import type { StoredDevice } from '../../api/contract';

type Evidence = StoredDevice['evidence'][number];
import { locale, t } from '../../i18n';

export function evidenceSource(source: string): string {
  switch (source) {
    case 'oui-vendor': return t('evidence.source.registry');
    case 'device-type': return t('evidence.source.rules');
    case 'owner': return t('evidence.source.owner');
    case 'ipp-maker': return t('evidence.source.printer');
    default: return source;
  }
}

/** The reason as a sentence in the current language; unknown shapes are shown as given. */
export function evidenceText(evidence: Evidence): string {
  if (locale.value === 'ja' && evidence.detailJa) return evidence.detailJa;
  if (evidence.source !== 'oui-vendor') return evidence.detail;
  const { detail } = evidence;
  if (detail.startsWith('locally administered')) return t('evidence.registry.randomized');
  const block = /^(IEEE \S+ \S+) (.*)$/.exec(detail);
  if (!block) return detail;
  const [, id, rest] = block as unknown as [string, string, string];
  if (rest.startsWith('is registered as private')) return t('evidence.registry.private', { block: id });
  if (rest.startsWith('is split by the IEEE')) return t('evidence.registry.split', { block: id });
  const vendor = /^→ (.+)$/.exec(rest)?.[1];
  return vendor ? t('evidence.registry.vendor', { block: id, vendor }) : detail;
}
