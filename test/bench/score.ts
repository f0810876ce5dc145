// What each tool found, against test/lab/expected.json (never against Mamori's own output).
import type { Expected, ExpectedWeakness } from './lab.js';
import type { NmapRun } from './nmap-xml.js';

export interface Found { found: number; of: number; extra: number; missed: string[] }

/** Live hosts found; the scanner's own address is neither a find nor an extra. */
export function scoreHosts(ips: Iterable<string>, lab: Expected): Found {
  const want = new Set(lab.devices.map((d) => d.ip));
  const got = new Set([...ips].filter((ip) => ip !== lab.scanner.ip));
  return {
    found: [...got].filter((ip) => want.has(ip)).length,
    of: want.size,
    extra: [...got].filter((ip) => !want.has(ip)).length,
    missed: [...want].filter((ip) => !got.has(ip)),
  };
}

/** Open TCP ports of the port list, as "ip:port". */
export function scorePorts(open: Iterable<string>, lab: Expected): Found {
  const want = new Set(lab.devices.flatMap((d) => d.tcpPorts.map((p) => `${d.ip}:${p}`)));
  const got = new Set(open);
  return {
    found: [...got].filter((k) => want.has(k)).length,
    of: want.size,
    extra: [...got].filter((k) => !want.has(k)).length,
    missed: [...want].filter((k) => !got.has(k)),
  };
}

export interface Weakness { ip: string; family: string; service: string; port: number; transport: string }
export const weaknessKey = (w: Pick<Weakness, 'ip' | 'family' | 'port' | 'transport'>): string =>
  `${w.family} ${w.ip}:${w.port}/${w.transport}`;

export function planted(lab: Expected): Weakness[] {
  return lab.devices.flatMap((d) => d.weaknesses.map((w: ExpectedWeakness) => ({ ip: d.ip, ...w })));
}

export interface FindingScore extends Found {
  byFamily: Record<string, { found: number; of: number }>;
  extras: string[];
}

/** Matches by family, address, port and transport (the service label may be spelled differently). */
export function scoreFindings(reported: Weakness[], lab: Expected): FindingScore {
  const want = planted(lab);
  const got = new Set(reported.map(weaknessKey));
  const wantKeys = new Set(want.map(weaknessKey));
  const byFamily: FindingScore['byFamily'] = {};
  for (const w of want) {
    const f = (byFamily[w.family] ??= { found: 0, of: 0 });
    f.of += 1;
    if (got.has(weaknessKey(w))) f.found += 1;
  }
  const extras = [...got].filter((k) => !wantKeys.has(k));
  return {
    found: want.filter((w) => got.has(weaknessKey(w))).length,
    of: want.length,
    extra: extras.length,
    missed: want.filter((w) => !got.has(weaknessKey(w))).map(weaknessKey),
    byFamily,
    extras,
  };
}

const CLEARTEXT_SERVICES = new Set(['telnet', 'ftp', 'http', 'rtsp', 'snmp', 'mqtt']);

/**
 * nmap judges nothing: it reports services and script output. This maps that output to the
 * finding families, in two honest tiers:
 *  - explicit: a script says so (telnet-brute / http-default-accounts "valid credentials",
 *    ftp-anon "Anonymous FTP login allowed", mqtt-subscribe listing topics, snmp-sysdescr
 *    answering with nmap's default community "public");
 *  - derived: the bench reads it off nmap's facts (a service -sV named as a cleartext protocol
 *    without an SSL tunnel → cleartext-service; ssl-cert with Subject = Issuer → self-signed).
 */
export function nmapWeaknesses(run: NmapRun): { explicit: Weakness[]; derived: Weakness[] } {
  const explicit: Weakness[] = [];
  const derived: Weakness[] = [];
  for (const host of run.hosts) {
    for (const p of host.ports) {
      if (p.state !== 'open') continue;
      const at = { ip: host.ip, port: p.port, transport: p.protocol };
      const s = p.scripts;
      if (/Valid credentials/i.test(s['telnet-brute'] ?? '')) explicit.push({ ...at, family: 'default-credentials', service: 'telnet' });
      if ((s['http-default-accounts'] ?? '').trim()) explicit.push({ ...at, family: 'default-credentials', service: 'http' });
      if (/Anonymous FTP login allowed/i.test(s['ftp-anon'] ?? '')) explicit.push({ ...at, family: 'anonymous-access', service: 'ftp' });
      if (/Topics and their most recent payloads/i.test(s['mqtt-subscribe'] ?? '')) explicit.push({ ...at, family: 'anonymous-access', service: 'mqtt' });
      if ((s['snmp-sysdescr'] ?? '').trim()) explicit.push({ ...at, family: 'default-credentials', service: 'snmp' });
      if (p.service && CLEARTEXT_SERVICES.has(p.service) && p.tunnel !== 'ssl') derived.push({ ...at, family: 'cleartext-service', service: p.service });
      const cert = s['ssl-cert'] ?? '';
      const subject = /Subject: (.*)/.exec(cert)?.[1]?.trim();
      const issuer = /Issuer: (.*)/.exec(cert)?.[1]?.trim();
      if (subject && subject === issuer) derived.push({ ...at, family: 'tls-weakness', service: p.service ?? 'tls' });
    }
  }
  return { explicit, derived };
}
