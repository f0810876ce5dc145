// Reverse DNS (PTR) through a given list of resolvers, with one try and a hard deadline. Which
// resolvers may be asked is policy (discovery/names.ts), not this client's business.
import { promises as dns } from 'node:dns';

export interface ReverseOptions {
  servers: readonly string[];
  timeoutMs: number;
}

export interface ReverseResolver {
  reverse(ip: string): Promise<string[]>;
  cancel(): void;
}

export function createReverseResolver(options: ReverseOptions): ReverseResolver {
  const resolver = new dns.Resolver({ timeout: options.timeoutMs, tries: 1 });
  resolver.setServers([...options.servers]);
  return {
    async reverse(ip) {
      try {
        const names = await resolver.reverse(ip);
        return names.map((n) => n.replace(/\.$/, '').toLowerCase()).filter((n) => /^[a-z0-9._-]{1,253}$/.test(n)).slice(0, 8);
      } catch {
        return []; // NXDOMAIN, timeout, refused: no name
      }
    },
    cancel: () => resolver.cancel(),
  };
}

/** The resolvers this system is configured with (resolv.conf), as "ip" or "[ip]:port" strings. */
export function systemResolvers(): string[] {
  return dns.getServers();
}
