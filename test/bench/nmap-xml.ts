// Just enough of nmap's XML output (-oX) for the bench: hosts, ports, services, script outputs.
// nmap writes flat, regular XML; attribute values are the only escaped text we need.

export interface NmapPort {
  protocol: 'tcp' | 'udp';
  port: number;
  state: string;
  service: string | null;
  tunnel: string | null;
  product: string | null;
  scripts: Record<string, string>;
}

export interface NmapHost { ip: string; mac: string | null; up: boolean; ports: NmapPort[] }
export interface NmapRun { hosts: NmapHost[]; prescripts: Record<string, string> }

function unescape(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : null;
}

function scripts(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/<script\s[^>]*>/g)) {
    const id = attr(m[0], 'id');
    if (id) out[id] = attr(m[0], 'output') ?? '';
  }
  return out;
}

export function parseNmapXml(xml: string): NmapRun {
  const hosts: NmapHost[] = [];
  for (const h of xml.matchAll(/<host[\s>][\s\S]*?<\/host>/g)) {
    const block = h[0];
    const addresses = [...block.matchAll(/<address\s[^>]*>/g)].map((a) => a[0]);
    const ip = addresses.map((a) => (attr(a, 'addrtype') === 'ipv4' ? attr(a, 'addr') : null)).find(Boolean);
    if (!ip) continue;
    const mac = addresses.map((a) => (attr(a, 'addrtype') === 'mac' ? attr(a, 'addr') : null)).find(Boolean) ?? null;
    const status = /<status\s[^>]*>/.exec(block)?.[0] ?? '';
    const ports: NmapPort[] = [];
    for (const p of block.matchAll(/<port\s[^>]*>[\s\S]*?<\/port>/g)) {
      const open = /<port\s[^>]*>/.exec(p[0])![0];
      const state = /<state\s[^>]*>/.exec(p[0])?.[0] ?? '';
      const service = /<service\s[^>]*>/.exec(p[0])?.[0] ?? '';
      ports.push({
        protocol: attr(open, 'protocol') === 'udp' ? 'udp' : 'tcp',
        port: Number(attr(open, 'portid')),
        state: attr(state, 'state') ?? 'unknown',
        service: attr(service, 'name'),
        tunnel: attr(service, 'tunnel'),
        product: attr(service, 'product'),
        scripts: scripts(p[0]),
      });
    }
    hosts.push({ ip, mac: mac?.toLowerCase() ?? null, up: attr(status, 'state') === 'up', ports });
  }
  const pre = /<prescript>[\s\S]*?<\/prescript>/.exec(xml)?.[0] ?? '';
  return { hosts, prescripts: scripts(pre) };
}
