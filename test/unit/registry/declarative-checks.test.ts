// Checks declare their services (`on:`, like NSE's shortport) and credential checks come from one
// factory: what defineCheck builds from the declaration, and what the registry derives from it.
import { describe, expect, it } from 'vitest';
import { assertListedServices } from '../../../backend/src/checks/credentials/listed.js';
import { checks, CREDENTIAL_SERVICES } from '../../../backend/src/checks/index.js';
import { defineCheck, matchesService, type ServiceMatch } from '../../../backend/src/core/plugins.js';
import type { Service } from '../../../backend/src/core/types.js';
import { loopbackDevice } from '../../helpers/context.js';

const service = (transport: 'tcp' | 'udp', name: string, port: number, encrypted = false): Service =>
  ({ port, transport, service: name, encrypted, banner: null, product: null });

describe('on: a declared service match', () => {
  it('matches the transport\'s names, its ports, and refuses TLS when unencrypted', () => {
    const on: ServiceMatch = { tcp: ['ftp'], udpPorts: [161], unencrypted: true };
    expect(matchesService(on, service('tcp', 'ftp', 2121))).toBe(true);
    expect(matchesService(on, service('tcp', 'ftp', 990, true))).toBe(false);
    expect(matchesService(on, service('udp', 'ftp', 21))).toBe(false);
    expect(matchesService(on, service('udp', 'unknown', 161))).toBe(true);
    expect(matchesService(on, service('tcp', 'unknown', 161))).toBe(false);
  });

  it('defineCheck builds appliesTo from on:, and a given appliesTo narrows it', () => {
    const base = { id: 'test-declared', finding: { family: 'cleartext-service', service: 'ftp' }, severity: 'info', tags: ['exposure'], intrusive: false, maxAttempts: 1, run: async () => [] } as const;
    const device = loopbackDevice();
    const plain = defineCheck({ ...base, on: { tcp: ['ftp'] } });
    expect(plain.appliesTo({ device, service: service('tcp', 'ftp', 21) })).toBe(true);
    expect(plain.appliesTo({ device, service: service('tcp', 'telnet', 23) })).toBe(false);
    const narrowed = defineCheck({ ...base, on: { tcp: ['ftp'] }, appliesTo: ({ service: s }) => s.port === 21 });
    expect(narrowed.appliesTo({ device, service: service('tcp', 'ftp', 21) })).toBe(true);
    expect(narrowed.appliesTo({ device, service: service('tcp', 'ftp', 2121) })).toBe(false);
  });
});

describe('credential checks from defineCredentialCheck', () => {
  it('every credential check is intrusive, bounded and declares its services', () => {
    for (const check of checks.filter((c) => c.tags.includes('credentials'))) {
      expect(check.intrusive, check.id).toBe(true);
      expect(check.maxAttempts, check.id).toBeLessThanOrEqual(10);
      expect(check.on, check.id).toBeDefined();
    }
  });

  it('derives CREDENTIAL_SERVICES from the registry, and a data row naming another service fails', () => {
    expect([...CREDENTIAL_SERVICES].sort()).toEqual(['ftp', 'http', 'mqtt', 'rtsp', 'snmp', 'ssh', 'telnet']);
    expect(() => assertListedServices(CREDENTIAL_SERVICES)).not.toThrow();
    expect(() => assertListedServices(CREDENTIAL_SERVICES.filter((s) => s !== 'telnet'))).toThrow(/no credential check tries service "telnet"/);
  });
});
