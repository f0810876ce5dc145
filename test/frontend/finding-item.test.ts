// A finding on the dashboard: explanation, risk with its reasoning, fix checklist (brand steps
// when known), who acts and what to ask, how to verify, standards — in both languages.
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { knowledgeBase } from '../../backend/src/knowledge/public-view';
import { createApiClient } from '../../frontend/src/api/client';
import FindingItem from '../../frontend/src/components/FindingItem.vue';
import HouseholdSummary from '../../frontend/src/components/finding/HouseholdSummary.vue';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, finding } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const kb = knowledgeBase();
const synologyFtp = finding({
  key: 'nas-ftp',
  family: 'cleartext-service',
  service: 'ftp',
  port: 21,
  severity: 'medium',
  title: 'FTP file sharing sends passwords and files unencrypted',
  fix: ['server english step'],
  responsible: ['user', 'manufacturer'],
  risk: {
    likelihood: 2, impact: 4, score: 8, level: 'medium', reasons: ['r1', 'r2', 'r3', 'r4', 'r5'],
    factors: ['likelihood.cleartext-service', 'exposure.lan', 'evidence.confirmed', 'impact.cleartext-service', 'device.nas'],
  },
  vendorFix: {
    vendor: 'synology', name: 'Synology', menuPath: 'Control Panel > File Services > FTP', steps: ['x'],
    supportUrl: 'https://www.synology.com/en-global/support',
  },
});

async function mountItem(f = synologyFtp) {
  const fake = fakeClient({ getKnowledge: vi.fn(async () => kb) });
  const mounted = await mountWithStore({ components: { FindingItem }, template: '<ul><FindingItem :finding="f" /></ul>', data: () => ({ f }) }, { fake });
  await flush();
  return { ...mounted, fake };
}

describe('FindingItem with the knowledge base', () => {
  it('loads the knowledge base once after sign-in', async () => {
    const { fake } = await mountItem();
    expect(fake.client.getKnowledge).toHaveBeenCalledTimes(1);
  });

  it('shows the brand\'s menu path and steps as a checklist, the generic steps underneath', async () => {
    const { wrapper } = await mountItem();
    expect(wrapper.get('[data-testid="vendor-steps-title"]').text()).toBe('Steps for Synology');
    expect(wrapper.get('[data-testid="menu-path"]').text()).toBe('Where: Control Panel > File Services > FTP');
    const steps = wrapper.findAll('[data-testid="vendor-steps"] li');
    expect(steps.length).toBe(3);
    expect(steps[1]!.text()).toContain('Enable FTP service (No encryption)');
    expect(wrapper.findAll('[data-testid="generic-steps"] li').length).toBe(4);
    const box = steps[0]!.get('input[type="checkbox"]');
    await box.setValue(true);
    expect(steps[0]!.classes()).toContain('done');
    expect(wrapper.get('a[href="https://www.synology.com/en-global/support"]').attributes('rel')).toContain('noopener');
  });

  it('shows the explanation, the risk with its reasons, who acts, what to ask, how to verify and the standards', async () => {
    const { wrapper } = await mountItem();
    expect(wrapper.get('[data-testid="explanation"]').text()).toMatch(/clear text/);
    expect(wrapper.get('[data-testid="risk"]').text()).toContain('Medium — likelihood 2/5 × impact 4/5 = 8/25');
    const reasons = wrapper.findAll('[data-testid="risk-reasons"] li').map((li) => li.text());
    expect(reasons).toHaveLength(5);
    expect(reasons[4]).toMatch(/NAS/);
    expect(wrapper.get('.who').text()).toContain('You and The manufacturer');
    expect(wrapper.get('[data-party="manufacturer"]').text()).toMatch(/manufacturer/i);
    expect(wrapper.findAll('[data-testid="ask-manufacturer"] li').length).toBeGreaterThan(0);
    expect(wrapper.findAll('[data-testid="ask-provider"] li').length).toBeGreaterThan(0);
    expect(wrapper.get('[data-testid="verify"]').text()).toMatch(/port 21/);
    expect(wrapper.get('[data-testid="standard-etsi"]').text()).toContain('5.5-1');
    expect(wrapper.get('[data-testid="standard-nistir"]').text()).toContain('Data Protection');
  });

  it('switches everything to Japanese, including the brand steps and the risk reasons', async () => {
    const { wrapper } = await mountItem();
    setLocale('ja');
    await flush();
    expect(wrapper.get('[data-testid="finding-title"]').text()).toBe('FTP のファイル共有がパスワードとファイルを暗号化せずに送っています');
    expect(wrapper.get('[data-testid="menu-path"]').text()).toBe('設定の場所：コントロールパネル > ファイルサービス > FTP');
    expect(wrapper.get('[data-testid="vendor-steps"]').text()).toMatch(/FTPS/);
    expect(wrapper.get('[data-testid="risk"]').text()).toContain('中 — 起こりやすさ 2/5 × 影響の大きさ 4/5 = 8/25');
    expect(wrapper.get('[data-testid="risk-reasons"]').text()).toMatch(/NAS にはファイル/);
    expect(wrapper.get('.who').text()).toContain('あなた');
    expect(wrapper.get('[data-testid="verify"]').text()).toMatch(/再テスト/);
    expect(wrapper.get('[data-testid="standard-jcstar"]').text()).toContain('通信の保護');
  });

  it('shows the generic steps as the checklist when the brand is not known', async () => {
    const { wrapper } = await mountItem(finding({ family: 'default-credentials', service: 'telnet' }));
    expect(wrapper.find('[data-testid="vendor-steps"]').exists()).toBe(false);
    const steps = wrapper.findAll('[data-testid="generic-steps"] li');
    expect(steps.length).toBe(5);
    expect(steps[1]!.text()).toMatch(/administrator password/);
  });

  it('without the store or the knowledge base, shows the finding\'s own English fields', () => {
    const wrapper = mount({ components: { FindingItem }, template: '<ul><FindingItem :finding="f" /></ul>', data: () => ({ f: synologyFtp }) });
    expect(wrapper.get('[data-testid="finding-title"]').text()).toBe(synologyFtp.title);
    expect(wrapper.get('[data-testid="vendor-steps"]').text()).toBe('x');
    expect(wrapper.findAll('[data-testid="risk-reasons"] li').map((li) => li.text())).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(wrapper.find('[data-testid="standards"]').exists()).toBe(false);
  });
});

describe('HouseholdSummary', () => {
  const devices = [device({ id: 'cam', ip: '10.77.0.11', type: 'camera' }), device({ id: 'plug', ip: '10.77.0.30', type: 'plug' })];
  const telnetOnCamera = finding({
    key: 'cam-telnet', deviceId: 'cam', ip: '10.77.0.11',
    risk: { likelihood: 5, impact: 5, score: 25, level: 'critical', reasons: ['Mirai'], factors: ['likelihood.default-credentials.telnet'] },
  });
  const tlsOnPlug = finding({
    key: 'plug-tls', deviceId: 'plug', ip: '10.77.0.30', family: 'tls-weakness', service: 'https', severity: 'medium',
    risk: { likelihood: 2, impact: 2, score: 4, level: 'low', reasons: [], factors: [] },
  });

  it('counts the problems to fix today and says why, in both languages', async () => {
    const fake = fakeClient({ getKnowledge: vi.fn(async () => kb) });
    const { wrapper } = await mountWithStore(HouseholdSummary, { props: { findings: [telnetOnCamera, tlsOnPlug], devices }, fake });
    await flush();
    expect(wrapper.get('[data-testid="plan-headline"]').text()).toBe('1 problem to fix today');
    const today = wrapper.get('[data-testid="plan-today"]').text();
    expect(today).toContain('Acme Cameras camera: change its password'); // one line per device (device-plan.ts)
    expect(today).toContain('Critical');
    expect(today).toMatch(/Mirai/);
    expect(wrapper.get('[data-testid="plan-rest"]').text()).toBe('Then 0 to fix this week and 1 when convenient.');
    setLocale('ja');
    await flush();
    expect(wrapper.get('[data-testid="plan-headline"]').text()).toBe('今日直すべき問題が 1 件あります');
    expect(wrapper.get('[data-testid="plan-today"]').text()).toContain('Acme Cameras のカメラ：パスワードを変更する');
  });

  it('says nothing is urgent when no critical or high risk is open', async () => {
    const { wrapper } = await mountWithStore(HouseholdSummary, { props: { findings: [tlsOnPlug], devices } });
    expect(wrapper.get('[data-testid="plan-headline"]').text()).toMatch(/Nothing urgent/);
    // The plan still says what to do, when convenient.
    expect(wrapper.get('[data-testid="plan-today"]').text()).toContain('update its encryption (TLS) settings');
  });

  it('counts two problems in the plural', async () => {
    const second = { ...telnetOnCamera, key: 'cam-rtsp' };
    const { wrapper } = await mountWithStore(HouseholdSummary, { props: { findings: [telnetOnCamera, second], devices } });
    expect(wrapper.get('[data-testid="plan-headline"]').text()).toBe('2 problems to fix today');
  });
});

describe('client.getKnowledge', () => {
  it('GETs /api/knowledge with the session cookie and returns the body', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ entries: [] }), { status: 200 }));
    const client = createApiClient({ fetch });
    await expect(client.getKnowledge!()).resolves.toEqual({ entries: [] });
    expect(fetch).toHaveBeenCalledWith('/api/knowledge', expect.objectContaining({ credentials: 'same-origin' }));
  });

  it('throws an ApiError with the status when signed out', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: 'sign in first' }), { status: 401 }));
    await expect(createApiClient({ fetch }).getKnowledge!()).rejects.toMatchObject({ status: 401 });
  });
});
