// default-credentials-snmp, default-credentials-snmp-write and cleartext-service-snmp share one
// (memoised) community search. Each try sends the community once as v2c and once as v1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleartextServiceSnmp } from '../../../backend/src/checks/cleartext-service-snmp.js';
import { defaultCredentialsSnmp } from '../../../backend/src/checks/default-credentials-snmp.js';
import { defaultCredentialsSnmpWrite } from '../../../backend/src/checks/default-credentials-snmp-write.js';
import { checks } from '../../../backend/src/checks/index.js';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import { startSnmpd, type Snmpd } from '../../helpers/snmpd.js';

let publicAgent: Snmpd;
let privateAgent: Snmpd;
let secureAgent: Snmpd;

beforeAll(async () => {
  [publicAgent, privateAgent, secureAgent] = await Promise.all([startSnmpd('public'), startSnmpd('private', { readWrite: true }), startSnmpd('Long-unique-C0mm')]);
});
afterAll(async () => { await Promise.all([publicAgent?.stop(), privateAgent?.stop(), secureAgent?.stop()]); });

function target(port: number): { device: Device; service: Service } {
  const device = loopbackDevice([], '00:11:32:00:00:13');
  const service: Service = { port, transport: 'udp', service: 'snmp', encrypted: false, banner: null, product: null };
  device.services = [service];
  return { device, service };
}

describe('default-credentials-snmp and cleartext-service-snmp against real snmpd on loopback', () => {
  it('are registered in that order, intrusive (a community is a password), for udp snmp only', () => {
    expect(checks.indexOf(defaultCredentialsSnmp)).toBeGreaterThanOrEqual(0);
    expect(checks.indexOf(cleartextServiceSnmp)).toBeGreaterThan(checks.indexOf(defaultCredentialsSnmp));
    expect(checks.indexOf(defaultCredentialsSnmpWrite)).toBeGreaterThan(checks.indexOf(defaultCredentialsSnmp));
    for (const check of [defaultCredentialsSnmp, defaultCredentialsSnmpWrite, cleartextServiceSnmp]) {
      expect(check).toMatchObject({ intrusive: true });
      expect(check.tags).toContain('credentials');
      expect(check.appliesTo(target(161))).toBe(true);
      const t = target(161);
      expect(check.appliesTo({ ...t, service: { ...t.service, transport: 'tcp' } })).toBe(false);
    }
  });

  it('"public": both findings, confirmed, no read-write finding; the agent saw one wrong community (the control, v2c + v1)', async () => {
    const ctx = testContext();
    const before = await publicAgent.badCommunities();
    const t = target(publicAgent.port);
    const defaults = await defaultCredentialsSnmp.run(t, ctx);
    expect(defaults).toEqual([{ confidence: 'confirmed', evidence: 'SNMP v2c read accepted with community p****c; a random community was refused (sysName "test-agent")' }]);
    const cleartext = await cleartextServiceSnmp.run(t, ctx);
    expect(cleartext).toHaveLength(1);
    expect(cleartext[0]).toMatchObject({ confidence: 'confirmed' });
    expect(cleartext[0]!.evidence).toContain('community p****c');
    // The second check reused the first one's search: no extra request.
    expect(await defaultCredentialsSnmpWrite.run(t, ctx)).toEqual([]); // "public" is read-only by default
    expect(ctx.attempts).toHaveLength(2);
    expect(await publicAgent.badCommunities()).toBe(before + 2);
  });

  it('"private" (rwcommunity) is found after "public" was refused, named masked, and reported read-write (likely, never written)', async () => {
    const ctx = testContext();
    const t = target(privateAgent.port);
    const results = await defaultCredentialsSnmp.run(t, ctx);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ confidence: 'confirmed' });
    expect(results[0]!.evidence).toMatch(/^SNMP v2c read accepted with community p\*\*\*\*\*e; a random community was refused \(sysName "test-agent"\); this is the factory read-write community/);
    const write = await defaultCredentialsSnmpWrite.run(t, ctx);
    expect(write).toEqual([{ confidence: 'likely', evidence: expect.stringMatching(/^the agent answered SNMP v2c with community p\*\*\*\*\*e, the factory read-write community .*never writes/) }]);
    expect(ctx.attempts.map((a) => a.outcome)).toEqual(['rejected', 'accepted', 'rejected']);
    expect(JSON.stringify([results, write])).not.toMatch(/private/);
  });

  it('an agent with its own community: nothing, and the agent counted every try', async () => {
    const ctx = testContext();
    const before = await secureAgent.badCommunities();
    const t = target(secureAgent.port);
    expect(await defaultCredentialsSnmp.run(t, ctx)).toEqual([]);
    expect(await cleartextServiceSnmp.run(t, ctx)).toEqual([]);
    expect(ctx.attempts.length).toBeGreaterThan(0);
    expect(ctx.attempts.length).toBeLessThanOrEqual(defaultCredentialsSnmp.maxAttempts);
    expect(ctx.attempts.every((a) => a.outcome === 'rejected')).toBe(true); // the agent answers v3, so silence = refused
    expect(await secureAgent.badCommunities()).toBe(before + 2 * ctx.attempts.length);
  });
});
