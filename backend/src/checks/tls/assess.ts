// What is wrong with a TLS service, shared by the tls-weakness-* checks: the certificate (self-
// signed, expired, not yet valid, not issued for this device) and old protocol versions offered
// (TLS 1.0/1.1, probed with one handshake each, pinned to that version). The main handshake is
// the one service-id already did (Service.tls); only if it is missing is it done here.
import type { CheckResult, CheckTarget, PluginContext } from '../../core/plugins.js';
import type { Severity, TlsCertificateInfo } from '../../core/types.js';
import { tlsHandshake } from '../../protocols/tls.js';
import { toTlsInfo } from '../../protocols/tls-info.js';

export interface TlsProblem {
  id: 'self-signed' | 'expired' | 'not-yet-valid' | 'hostname-mismatch' | 'tls1.0' | 'tls1.1';
  detail: string;
  severity: Severity;
}

const LEGACY = [
  { version: 'TLSv1', id: 'tls1.0', name: 'TLS 1.0' },
  { version: 'TLSv1.1', id: 'tls1.1', name: 'TLS 1.1' },
] as const;

const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** The names a certificate is issued for: DNS and IP subjectAltNames, else the subject CN. */
export function certificateNames(cert: TlsCertificateInfo): { dns: string[]; ips: string[] } {
  const dns = cert.altNames.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4).toLowerCase());
  const ips = cert.altNames.filter((n) => n.startsWith('IP Address:')).map((n) => n.slice(11).toLowerCase());
  if (dns.length === 0 && ips.length === 0) {
    const cn = /(?:^|, )CN=([^,]+)/.exec(cert.subject)?.[1]?.trim().toLowerCase();
    if (cn) (/^[\d.]+$|:/.test(cn) ? ips : dns).push(cn);
  }
  return { dns, ips };
}

function dnsMatches(pattern: string, name: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === name;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === pattern.slice(2);
}

/** True when the certificate names the device's IP address or one of its known host names. */
export function certificateFitsDevice(cert: TlsCertificateInfo, ip: string, hostnames: readonly string[]): boolean {
  const { dns, ips } = certificateNames(cert);
  if (ips.includes(ip.toLowerCase())) return true;
  return hostnames.some((h) => dns.some((pattern) => dnsMatches(pattern, h.toLowerCase().replace(/\.$/, ''))));
}

export function certificateProblems(cert: TlsCertificateInfo, ip: string, hostnames: readonly string[], now = new Date()): TlsProblem[] {
  const problems: TlsProblem[] = [];
  const cn = /(?:^|, )CN=([^,]+)/.exec(cert.subject)?.[1] ?? cert.subject;
  if (cert.selfSigned) problems.push({ id: 'self-signed', severity: 'low', detail: `self-signed certificate ("${cn}"): browsers and apps cannot tell it from an impostor's` });
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  if (to.getTime() < now.getTime()) problems.push({ id: 'expired', severity: 'medium', detail: `certificate expired on ${to.toISOString().slice(0, 10)}` });
  if (from.getTime() > now.getTime()) problems.push({ id: 'not-yet-valid', severity: 'low', detail: `certificate is not valid before ${from.toISOString().slice(0, 10)} (wrong clock or wrong certificate)` });
  if (!certificateFitsDevice(cert, ip, hostnames)) {
    const { dns, ips } = certificateNames(cert);
    const issuedFor = [...dns, ...ips].slice(0, 5).join(', ') || 'no name at all';
    const known = [ip, ...hostnames].slice(0, 5).join(', ');
    problems.push({ id: 'hostname-mismatch', severity: 'low', detail: `certificate is issued for ${issuedFor}, not for this device (${known})` });
  }
  return problems;
}

export function worstSeverity(problems: readonly TlsProblem[]): Severity {
  return problems.reduce<Severity>((worst, p) => (SEVERITY_ORDER.indexOf(p.severity) > SEVERITY_ORDER.indexOf(worst) ? p.severity : worst), 'info');
}

/** One result listing every problem of this TLS port, or none when it is clean. */
export async function assessTls({ device, service }: CheckTarget, ctx: PluginContext): Promise<CheckResult[]> {
  const common = { host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal };
  const info = service.tls ?? await tlsHandshake(common).then(toTlsInfo, () => null);
  if (!info) return [];
  const legacy = await Promise.all(LEGACY.map(async (v) => {
    const handshake = await tlsHandshake({ ...common, minVersion: v.version, maxVersion: v.version }).catch(() => null);
    return handshake?.protocol === v.version ? { ...v, cipher: handshake.cipher } : null;
  }));
  const problems: TlsProblem[] = info.certificate ? certificateProblems(info.certificate, device.ip, device.hostnames) : [];
  for (const offered of legacy) {
    if (offered) problems.push({ id: offered.id, severity: 'medium', detail: `offers ${offered.name} (handshake completed with ${offered.cipher ?? 'an old cipher'})` });
  }
  if (problems.length === 0) return [];
  const best = info.protocol ? `; best protocol offered: ${info.protocol}` : '';
  return [{
    confidence: 'confirmed',
    severity: worstSeverity(problems),
    evidence: `port ${service.port}: ${problems.map((p) => p.detail).join('; ')}${best}`,
  }];
}
