// Device type and model from all the evidence, by the rules in fingerprints/ (data). Each matching
// rule is one reason, shown to the user ("advertises _ipp._tcp (IPP printing) → printer"); the
// weights of the reasons for one type combine as independent evidence (1 − Π(1 − w)), and the
// strongest type wins if it reaches THRESHOLD. Too little evidence: the type is left as it is
// ("unknown" unless another identifier knows better), the weak reasons are still shown.
import { defineIdentifier, type Identifier, type IdentityPatch } from '../core/plugins.js';
import type { Device, DeviceType, Evidence } from '../core/types.js';
import { RULES, type Rule } from './fingerprints/index.js';
import { TYPE_LABELS } from './fingerprints/labels.js';
import { matchSignal, type Match } from './signals.js';

const SOURCE = 'device-type';
/** A type needs at least this much combined evidence (one 50-weight reason) to be named. */
export const THRESHOLD = 0.5;

interface Hit { rule: Rule; match: Match }

export function createDeviceTypeIdentifier(rules: readonly Rule[] = RULES): Identifier {
  return defineIdentifier({
    id: SOURCE,
    description: 'Device type and model from vendor, mDNS, UPnP, open services, web pages and names, with reasons',
    identify(device): IdentityPatch | null {
      const hits: Hit[] = rules.flatMap((rule) => matchSignal(rule.when, device, rule.model).map((match) => ({ rule, match })));
      if (hits.length === 0) return null;
      const scores = new Map<DeviceType, number>();
      for (const type of new Set(hits.map((h) => h.rule.type))) {
        // One reason per rule counts once, however many services repeat it.
        const weights = [...new Set(hits.filter((h) => h.rule.type === type).map((h) => h.rule))].map((r) => r.weight / 100);
        scores.set(type, 1 - weights.reduce((rest, w) => rest * (1 - w), 1));
      }
      const [best, score] = [...scores.entries()].sort((a, b) => b[1] - a[1])[0]!;
      const evidence = hits.map(toEvidence);
      if (score < THRESHOLD) return { evidence };
      return { type: best, typeConfidence: Math.round(score * 100) / 100, model: modelOf(hits.filter((h) => h.rule.type === best), device), evidence };
    },
  });
}

function toEvidence({ rule, match }: Hit): Evidence {
  const label = TYPE_LABELS[rule.type];
  const en = rule.note ? `${match.en} (${rule.note.en})` : match.en;
  const ja = rule.note ? `${match.ja}（${rule.note.ja}）` : match.ja;
  return { source: SOURCE, detail: `${en} → ${label.en}`, detailJa: `${ja} → ${label.ja}` };
}

/** The model from the strongest reason for the winning type that carries one. */
function modelOf(hits: readonly Hit[], device: Readonly<Device>): string | null {
  for (const { match } of [...hits].sort((a, b) => b.rule.weight - a.rule.weight)) {
    if (match.model) return match.model;
  }
  return device.model;
}
