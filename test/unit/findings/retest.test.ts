// Re-test of one finding with the real default-credentials-http check against a loopback web login
// whose password changes: raised while the factory password works, not raised once it is changed.
// Refusals: no consent to login checks, device out of scope; a closed port is "unreachable".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDevice, StoredFinding } from '../../../backend/src/api/contract.js';
import { checks } from '../../../backend/src/checks/index.js';
import { createLogger } from '../../../backend/src/core/logger.js';
import type { CredentialAttempt } from '../../../backend/src/core/types.js';
import { retestFinding, type RetestDeps } from '../../../backend/src/pipeline/retest.js';
import { loopbackDevice, tcpService, testTuning } from '../../helpers/context.js';
import { startBasicServer, type LoginOptions, type LoginServer } from '../../helpers/web-logins.js';

const login: LoginOptions = { user: 'admin', password: '12345' };
let server: LoginServer;
beforeAll(async () => { server = await startBasicServer(login); });
afterAll(async () => { await server?.close(); });

function subject(port: number): { finding: StoredFinding; device: StoredDevice } {
  const device: StoredDevice = { ...loopbackDevice([], 'a4:14:37:00:00:20'), id: 'mac-a41437000020', firstSeen: 'x', lastSeen: 'x', vendor: 'Hikvision' };
  device.services = [tcpService(port, 'http')];
  const finding: StoredFinding = {
    key: 'k', family: 'default-credentials', service: 'http', ip: '127.0.0.1', mac: device.mac, port, transport: 'tcp', severity: 'critical',
    confidence: 'confirmed', title: 't', evidence: 'e', responsible: ['user'], fix: [], checkId: 'default-credentials-http',
    deviceId: device.id, status: 'open', firstSeen: 'x', lastSeen: 'x',
  };
  return { finding, device };
}

function deps(attempts: CredentialAttempt[], overrides: Partial<RetestDeps> = {}): RetestDeps {
  return {
    checks, tuning: testTuning(), log: createLogger({ level: 'silent' }), loginChecks: true,
    inScope: (ip) => ip === '127.0.0.1', loginChecksExcluded: [], recordAttempt: (a) => attempts.push(a), ...overrides,
  };
}

describe('retestFinding', () => {
  it('still raised with the factory password, not raised after it was changed; every try recorded', async () => {
    const { finding, device } = subject(server.port);
    const attempts: CredentialAttempt[] = [];
    const before = await retestFinding(finding, device, deps(attempts));
    expect(before).toMatchObject({ outcome: 'still-raised' });
    expect((before as { evidence: string }).evidence).toContain('login accepted for a***n / 1***5');
    expect((before as { evidence: string }).evidence).not.toContain('12345');
    expect(attempts.some((a) => a.outcome === 'accepted')).toBe(true);

    login.password = 'Long-unique-Pa55';
    const triesBefore = server.tries.length;
    const after = await retestFinding(finding, device, deps(attempts));
    expect(after).toMatchObject({ outcome: 'not-raised' });
    expect(server.tries.length).toBeGreaterThan(triesBefore); // it really tried again
    expect(server.tries.slice(triesBefore).every((t) => t === 'fail')).toBe(true);
  });

  it('refuses without consent to login checks, for an excluded device and out of scope; a closed port is unreachable', async () => {
    const { finding, device } = subject(server.port);
    const attempts: CredentialAttempt[] = [];
    const triesBefore = server.tries.length;
    expect(await retestFinding(finding, device, deps(attempts, { loginChecks: false }))).toMatchObject({ status: 409 });
    expect(await retestFinding(finding, device, deps(attempts, { loginChecksExcluded: [device.id] }))).toMatchObject({ status: 409 });
    expect(await retestFinding(finding, device, deps(attempts, { inScope: () => false }))).toMatchObject({ status: 409 });
    expect(await retestFinding({ ...finding, checkId: 'no-such-check' }, device, deps(attempts))).toMatchObject({ status: 409 });
    expect(server.tries.length).toBe(triesBefore);
    expect(attempts).toEqual([]);

    const closed = await startBasicServer(login);
    const port = closed.port;
    await closed.close();
    const gone = subject(port);
    expect(await retestFinding(gone.finding, gone.device, deps(attempts))).toMatchObject({ outcome: 'unreachable' });
  });
});
