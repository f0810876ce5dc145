// POST /api/alerts/test on a loopback appliance: session required, channel validated, the test
// message reaches a real receiver with the saved settings, a failure answers 502 with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';
import { httpReceiver } from './receivers.js';

let test: TestAppliance;
let session: string;
let hook: Awaited<ReturnType<typeof httpReceiver>>;
beforeAll(async () => {
  [test, hook] = await Promise.all([startTestAppliance(), httpReceiver()]);
  session = await setUpOwner(test);
});
afterAll(async () => {
  await Promise.all([test?.stop(), hook?.close()]);
  await removeDir(test.dataDir);
});

const sendTest = (body: unknown, withSession = true) => test.request({ method: 'POST', path: '/api/alerts/test', body, ...(withSession ? { session } : {}) });

describe('POST /api/alerts/test', () => {
  it('needs a session and a known channel', async () => {
    expect((await sendTest({ channel: 'webhook' }, false)).status).toBe(401);
    const bad = await sendTest({ channel: 'pager' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/webhook \| ntfy \| email/);
  });

  it('sends a test message with the saved settings, in the chosen language', async () => {
    expect((await sendTest({ channel: 'webhook' })).status).toBe(502); // nothing configured yet
    const saved = await test.request({ method: 'PUT', path: '/api/settings', session, body: { notifications: { language: 'ja', webhook: { enabled: false, url: `${hook.url}/t` } } } });
    expect(saved.status).toBe(200);
    const res = await sendTest({ channel: 'webhook' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ sent: true, channel: 'webhook' });
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ kind: 'test', language: 'ja', title: 'Mamori：テスト通知' });
    hook.setStatus(503);
    const failed = await sendTest({ channel: 'webhook' });
    expect(failed.status).toBe(502);
    expect((failed.json as { error: string }).error).toBe(`webhook: ${hook.url} answered HTTP 503`);
  });
});
