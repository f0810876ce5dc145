// Check result + knowledge → a Finding with a stable key (a rescan updates it, never duplicates it).
import { createHash } from 'node:crypto';
import type { Check, CheckResult, CheckTarget } from '../core/plugins.js';
import type { Device, Finding, FindingFamily, FindingRisk, FindingVendorFix } from '../core/types.js';
import { knowledgeFor } from '../knowledge/index.js';
import { assessRisk, type RiskContext, type RiskFinding } from '../knowledge/risk.js';
import { fitSteps } from '../knowledge/fit.js';
import { vendorFixFor, vendorGuideFor } from '../knowledge/vendors/index.js';

/** Same device + check + port → same key, across scans and IP changes (the MAC identifies the device). */
export function findingKey(deviceIdentity: string, checkId: string, transport: string, port: number): string {
  return createHash('sha256').update(`${deviceIdentity}|${checkId}|${transport}/${port}`).digest('hex').slice(0, 20);
}

export function buildFinding(check: Check, target: CheckTarget, result: CheckResult, riskContext: RiskContext = {}): Finding {
  const { device, service } = target;
  const knowledge = knowledgeFor(check.finding.family, check.finding.service);
  if (!knowledge) throw new Error(`no knowledge entry for ${check.finding.family}/${check.finding.service} (check ${check.id})`);
  return {
    key: findingKey(device.mac ?? device.ip, check.id, service.transport, service.port),
    family: check.finding.family,
    service: check.finding.service,
    ip: device.ip,
    mac: device.mac,
    port: service.port,
    transport: service.transport,
    severity: result.severity ?? knowledge.severity,
    confidence: result.confidence,
    title: knowledge.title.en,
    evidence: result.evidence,
    responsible: [...knowledge.responsible],
    fix: [...knowledge.fix.en],
    checkId: check.id,
    risk: findingRisk(check, device, result, riskContext),
    ...withVendorFix(device, check.finding.family, check.finding.service, service.port),
  };
}

function findingRisk(check: Check, device: Device, result: CheckResult, context: RiskContext): FindingRisk {
  return riskOf({ family: check.finding.family, service: check.finding.service, confidence: result.confidence }, device, context);
}

function riskOf(finding: RiskFinding, device: Device, context: RiskContext): FindingRisk {
  const { likelihood, impact, score, level, factors, reasons } = assessRisk(finding, device, context);
  return { likelihood, impact, score, level, reasons: reasons.en, factors };
}

const portOf = (f: Pick<Finding, 'ip' | 'transport' | 'port'>): string => `${f.ip}|${f.transport}/${f.port}`;

/**
 * A port the router forwards from the internet (an internet-exposure finding of the same scan, on
 * the device and port it forwards to) makes every other weakness on that port likelier to be
 * abused: their risk is assessed again as internet-exposed. Returns the findings that changed.
 */
export function withInternetExposure(findings: readonly Finding[], devices: readonly Device[]): Finding[] {
  const exposed = new Set(findings.filter((f) => f.family === 'internet-exposure').map(portOf));
  const changed: Finding[] = [];
  for (const finding of findings) {
    if (finding.family === 'internet-exposure' || !exposed.has(portOf(finding)) || finding.risk?.factors.includes('exposure.internet')) continue;
    const device = devices.find((d) => d.ip === finding.ip);
    if (device) changed.push({ ...finding, risk: riskOf(finding, device, { exposedToInternet: true }) });
  }
  return changed;
}

/** The brand's own steps (English) when the device's brand is known; nothing otherwise. */
function withVendorFix(device: Device, family: FindingFamily, service: string, port: number): { vendorFix?: FindingVendorFix } {
  const guide = vendorGuideFor(device);
  const fix = guide ? vendorFixFor(guide, family, service) : null;
  if (!guide || !fix) return {};
  return {
    vendorFix: {
      vendor: guide.id,
      name: guide.name.en,
      menuPath: fix.source === 'menu-path' ? fix.menuPath.en : null,
      // Only the steps about this service, filled in (knowledge/fit.ts).
      steps: fitSteps(fix.steps.en, {
        family, service, port, deviceType: device.type, model: device.model ?? null, externalPort: null,
      }, 'en'),
      supportUrl: guide.supportUrl.en,
    },
  };
}
