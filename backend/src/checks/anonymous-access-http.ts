import { defineCheck, type CheckResult } from '../core/plugins.js';
import type { Device, Service, Severity } from '../core/types.js';
import { htmlTitle, httpRequest, type HttpResponse } from '../protocols/http.js';
import catalogue from './data/anonymous-http-endpoints.json' with { type: 'json' };

export interface ControlEndpoint {
  id: string;
  product: string;
  path: string;
  hints: string[];
  allOf?: string[];
  anyOf?: string[];
  label?: string;
  bodyPattern?: string;
  titlePattern?: string;
  noPasswordField?: boolean;
  severity: string;
  confidence: string;
  control: string;
}

const ENDPOINTS = catalogue.endpoints as ControlEndpoint[];
const MAX_REQUESTS = 10;
// Bounded attribute run: `[^>]*` re-read the rest of the page from every "<input" (quadratic, issue #21).
const PASSWORD_FIELD = /<input\b[^>]{0,512}?\btype\s*=\s*["']?password/i;

/** Endpoints whose hints match what we know of the device first, then the rest (data order). */
export function endpointsFor(device: Readonly<Device>, service: Readonly<Service>, rows: readonly ControlEndpoint[] = ENDPOINTS): ControlEndpoint[] {
  const known = [
    device.vendor, device.model, service.product, service.http?.server, service.http?.title,
    ...device.upnp.flatMap((u) => [u.manufacturer, u.modelName, u.friendlyName]),
  ].filter(Boolean).join(' ').toLowerCase();
  const hinted = rows.filter((r) => r.hints.some((h) => known.includes(h)));
  return [...hinted, ...rows.filter((r) => !hinted.includes(r))].slice(0, MAX_REQUESTS);
}

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The endpoint's markers are all in the answer: a control API, not just any page that says 200. */
export function matchesEndpoint(endpoint: ControlEndpoint, response: HttpResponse): boolean {
  if (response.status !== 200) return false;
  if (endpoint.allOf || endpoint.anyOf) {
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      return false;
    }
    if (json === null || typeof json !== 'object') return false;
    if (!(endpoint.allOf ?? []).every((p) => at(json, p) !== undefined)) return false;
    if (endpoint.anyOf && !endpoint.anyOf.some((p) => at(json, p) !== undefined)) return false;
  }
  if (endpoint.titlePattern && !new RegExp(endpoint.titlePattern, 'i').test(htmlTitle(response.body) ?? '')) return false;
  if (endpoint.bodyPattern && !new RegExp(endpoint.bodyPattern, 'im').test(response.body)) return false;
  if (endpoint.noPasswordField && PASSWORD_FIELD.test(response.body)) return false;
  return true;
}

function labelOf(endpoint: ControlEndpoint, response: HttpResponse): string {
  if (!endpoint.label) return '';
  try {
    const value = at(JSON.parse(response.body), endpoint.label);
    return typeof value === 'string' && value ? ` (device "${value.slice(0, 60)}")` : '';
  } catch {
    return '';
  }
}

/**
 * An admin or control API with no authentication at all: one GET per known endpoint (data file),
 * reported only when the answer carries that product's markers. A plain public page, a 401 or a
 * redirect to a login page is never reported. Stops at the first confirmed match, at the first
 * request that fails (a tarpit costs one timeout, not ten), or when the time budget is spent.
 */
export const anonymousAccessHttp = defineCheck({
  id: 'anonymous-access-http',
  finding: { family: 'anonymous-access', service: 'http' },
  severity: 'high',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: MAX_REQUESTS,
  // IPP is HTTP underneath (a printer's web pages answer on 631 too).
  on: { tcp: ['http', 'https', 'ipp'] },
  async run({ device, service }, ctx) {
    const timeoutMs = ctx.tuning.exchangeTimeoutMs;
    const budgetEnds = Date.now() + 2 * timeoutMs;
    const tls = service.service === 'https';
    let likely: CheckResult | null = null;
    for (const endpoint of endpointsFor(device, service)) {
      const left = Math.min(timeoutMs, budgetEnds - Date.now());
      if (ctx.signal.aborted || left < 50) break;
      let response: HttpResponse;
      try {
        response = await httpRequest({ host: device.ip, port: service.port, tls, path: endpoint.path, timeoutMs: left, maxBytes: 64 * 1024, signal: ctx.signal });
      } catch {
        break;
      }
      if (!matchesEndpoint(endpoint, response)) continue;
      const result: CheckResult = {
        confidence: endpoint.confidence === 'likely' ? 'likely' : 'confirmed',
        severity: endpoint.severity as Severity,
        evidence: `GET ${endpoint.path} answered 200 with the ${endpoint.product}${labelOf(endpoint, response)} without any credential: anyone on the network can ${endpoint.control}`,
      };
      if (result.confidence === 'confirmed') return [result];
      likely ??= result;
    }
    return likely ? [likely] : [];
  },
});
