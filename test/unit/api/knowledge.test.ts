// GET /api/knowledge: the knowledge base for the dashboard, only for a signed-in owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../backend/src/api/contract.js';
import { KNOWLEDGE } from '../../../backend/src/knowledge/index.js';
import { VENDOR_GUIDES } from '../../../backend/src/knowledge/vendors/index.js';
import { removeDir, setUpOwner, startTestAppliance, type TestAppliance } from '../../helpers/appliance.js';

let test: TestAppliance;
let session: string;

beforeAll(async () => {
  test = await startTestAppliance();
  session = await setUpOwner(test);
});

afterAll(async () => {
  await test?.stop();
  if (test) await removeDir(test.dataDir);
});

describe('GET /api/knowledge', () => {
  it('refuses a client without a session, or with a forged one', async () => {
    const anonymous = await test.request({ path: '/api/knowledge' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('explanation');
    const forged = await test.request({ path: '/api/knowledge', session: 'A'.repeat(43) });
    expect(forged.status).toBe(401);
  });

  it('returns every entry, vendor guide and risk sentence in both languages to the owner', async () => {
    const response = await test.request({ path: '/api/knowledge', session });
    expect(response.status).toBe(200);
    const body = response.json as KnowledgeBase;
    expect(body.entries).toHaveLength(KNOWLEDGE.length);
    const telnet = body.entries.find((e) => e.family === 'default-credentials' && e.service === 'telnet');
    expect(telnet?.title.ja).toMatch(/[\u3040-\u30ff]/);
    expect(body.vendors.map((v) => v.id).sort()).toEqual(VENDOR_GUIDES.map((v) => v.id).sort());
    // RegExps do not survive JSON: the pattern travels as its source.
    expect(body.vendors.find((v) => v.id === 'synology')?.ieeeVendor).toBe(VENDOR_GUIDES.find((v) => v.id === 'synology')!.ieeeVendor.source);
    expect(body.guidance.map((g) => g.family).sort()).toEqual(['anonymous-access', 'cleartext-service', 'default-credentials', 'internet-exposure', 'known-vulnerability', 'outdated-protocol', 'outdated-software', 'tls-weakness']);
    expect(body.riskReasons['exposure.internet']?.ja).toMatch(/インターネット/);
  });
});
