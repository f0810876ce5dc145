// The credential search's policy, driven by a scripted service: order, budget, spacing, stop rules.
import { describe, expect, it } from 'vitest';
import { randomWrongPassword, runCredentialSearch, type AttemptResult } from '../../../../backend/src/checks/credentials/search.js';
import type { CredentialPair } from '../../../../backend/src/checks/credentials/select.js';
import { loopbackDevice, tcpService, testContext } from '../../../helpers/context.js';

const pairs = (n: number): CredentialPair[] => Array.from({ length: n }, (_, i) => ({ user: 'admin', password: `pw${i}x`, source: 'test' }));
const target = () => { const device = loopbackDevice(); const service = tcpService(23, 'telnet'); device.services = [service]; return { device, service }; };

/** A service whose answer to each password is decided by `answer`; records what it was asked. */
function scripted(answer: (password: string, n: number) => AttemptResult['outcome']) {
  const asked: string[] = [];
  return { asked, tryPair: async (_u: string, password: string): Promise<AttemptResult> => { asked.push(password); return { outcome: answer(password, asked.length) }; } };
}

const search = (service: ReturnType<typeof scripted>, n: number, extra: Partial<Parameters<typeof runCredentialSearch>[0]> = {}) => {
  const ctx = testContext();
  return { ctx, run: runCredentialSearch({ checkId: 'default-credentials-telnet', service: 'telnet', target: target(), ctx, pairs: pairs(n), maxAttempts: 10, spacingMs: 0, tryPair: service.tryPair, ...extra }) };
};

describe('runCredentialSearch', () => {
  it('never exceeds maxAttempts: 9 pairs + the control slot, even with 30 pairs', async () => {
    const service = scripted(() => 'rejected');
    const { run, ctx } = search(service, 30);
    const outcome = await run;
    expect(outcome).toMatchObject({ results: [], stoppedBy: 'exhausted', attempts: 9 });
    expect(service.asked).toEqual(pairs(9).map((p) => p.password));
    expect(ctx.attempts).toHaveLength(9);
  });

  it('stops at the first success and then proves a random password is refused', async () => {
    const service = scripted((pw) => (pw === 'pw2x' ? 'accepted' : 'rejected'));
    const outcome = await search(service, 9).run;
    expect(service.asked.slice(0, 3)).toEqual(['pw0x', 'pw1x', 'pw2x']);
    expect(service.asked).toHaveLength(4);
    expect(service.asked[3]).toMatch(/^mamori-[A-Za-z0-9_-]{12}$/);
    expect(outcome.results).toEqual([{ confidence: 'confirmed', evidence: 'login accepted for a***n / p**x; a random wrong password was refused' }]);
  });

  it('accepts-anything: one critical finding, not one per pair', async () => {
    const service = scripted(() => 'accepted');
    const outcome = await search(service, 9).run;
    expect(service.asked).toHaveLength(2);
    expect(outcome.acceptsAnything).toBe(true);
    expect(outcome.results).toEqual([{ confidence: 'confirmed', severity: 'critical', evidence: 'accepts any password: login accepted for a***n / p**x, and a random wrong password was accepted too' }]);
  });

  it('an unclear control gives "likely", never "confirmed"', async () => {
    const service = scripted((_pw, n) => (n === 1 ? 'accepted' : 'error'));
    expect((await search(service, 9).run).results[0]?.confidence).toBe('likely');
  });

  it('stops at once on throttling, and after two inconclusive answers in a row', async () => {
    const throttled = scripted((_pw, n) => (n === 3 ? 'throttled' : 'rejected'));
    expect((await search(throttled, 9).run).stoppedBy).toBe('throttled');
    expect(throttled.asked).toHaveLength(3);
    const erring = scripted(() => 'error');
    expect((await search(erring, 9).run).stoppedBy).toBe('errors');
    expect(erring.asked).toHaveLength(2);
  });

  it('spaces tries at least spacingMs apart', async () => {
    const times: number[] = [];
    const service = { asked: [], tryPair: async (): Promise<AttemptResult> => { times.push(Date.now()); return { outcome: 'rejected' }; } };
    await search(service as ReturnType<typeof scripted>, 4, { spacingMs: 120 }).run;
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(115);
  });

  it('stops when the scan is cancelled', async () => {
    const controller = new AbortController();
    const ctx = testContext({ signal: controller.signal });
    const service = scripted((_pw, n) => { if (n === 2) controller.abort(); return 'rejected'; });
    const outcome = await runCredentialSearch({ checkId: 'x', service: 'telnet', target: target(), ctx, pairs: pairs(9), maxAttempts: 10, spacingMs: 0, tryPair: service.tryPair });
    expect(outcome.stoppedBy).toBe('aborted');
    expect(service.asked).toHaveLength(2);
  });

  it('random wrong passwords are long and different each time', () => {
    const a = randomWrongPassword();
    expect(a.length).toBeGreaterThanOrEqual(16);
    expect(randomWrongPassword()).not.toBe(a);
  });
});
