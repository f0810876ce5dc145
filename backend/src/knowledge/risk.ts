// Risk of a finding = likelihood × impact (each 1–5), with the reasoning as sentences, so a person
// can see why one problem comes before another. Pure: same inputs, same answer.
import type { Confidence, DeviceType, FindingFamily } from '../core/types.js';
import {
  BASE_IMPACT, BASE_LIKELIHOOD, DEVICE_IMPACT, EXPOSED_BY_NATURE, INTERNET_BONUS, RISK_REASONS,
} from './risk-data.js';
import { LANGUAGES, type Localized } from './types.js';

export const RISK_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskFinding {
  family: FindingFamily;
  service: string;
  confidence: Confidence;
}

export interface RiskDevice {
  type: DeviceType;
}

export interface RiskContext {
  /** True when the router forwards this port from the internet (UPnP mapping). Unknown = LAN only. */
  exposedToInternet?: boolean;
}

export interface RiskAssessment {
  likelihood: number;
  impact: number;
  /** likelihood × impact, 1–25. */
  score: number;
  level: RiskLevel;
  /** Codes of the factors that made the result, in order (keys of RISK_REASONS). */
  factors: string[];
  reasons: Localized<string[]>;
}

const clamp = (n: number): number => Math.min(5, Math.max(1, n));

function pick(table: { default: number } & Record<string, number>, service: string): number {
  return table[service] ?? table.default;
}

export function riskLevel(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 12) return 'high';
  if (score >= 6) return 'medium';
  return 'low';
}

export function assessRisk(finding: RiskFinding, device: RiskDevice, context: RiskContext = {}): RiskAssessment {
  const { family, service } = finding;
  const byNature = EXPOSED_BY_NATURE.includes(`${family}/${service}`);
  const exposed = context.exposedToInternet === true || byNature;
  const likelihoodCode = RISK_REASONS[`likelihood.${family}.${service}`]
    ? `likelihood.${family}.${service}` : `likelihood.${family}`;

  let likelihood = pick(BASE_LIKELIHOOD[family], service);
  if (exposed) likelihood += INTERNET_BONUS[family];
  if (finding.confidence === 'likely') likelihood -= 1;
  likelihood = clamp(likelihood);

  // Half what is gained through this service, half what is at stake on this kind of device.
  const impact = clamp(Math.round((pick(BASE_IMPACT[family], service) + DEVICE_IMPACT[device.type]) / 2));
  const score = likelihood * impact;

  const factors = [
    likelihoodCode,
    byNature ? 'exposure.internet.mapping' : exposed ? 'exposure.internet' : 'exposure.lan',
    `evidence.${finding.confidence}`,
    `impact.${family}`,
    `device.${device.type}`,
  ];
  const reasons = Object.fromEntries(
    LANGUAGES.map((lang) => [lang, factors.map((code) => RISK_REASONS[code]![lang])]),
  ) as Localized<string[]>;
  return { likelihood, impact, score, level: riskLevel(score), factors, reasons };
}
