// The device page's software inventory and the software-age findings, in both languages: the
// inventory comes from the backend's own identification of real-world strings, the catalogue
// date from GET /api/knowledge, and past 90 days the page says the catalogue is old.
import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { softwareInventory } from '../../backend/src/identify/software';
import { knowledgeBase } from '../../backend/src/knowledge/public-view';
import FindingItem from '../../frontend/src/components/FindingItem.vue';
import DeviceSoftware from '../../frontend/src/components/devices/DeviceSoftware.vue';
import { setLocale } from '../../frontend/src/i18n';
import { device, fakeClient, finding, service } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const kb = knowledgeBase();
const camera = device({
  services: [
    service({ port: 22, service: 'ssh', banner: 'SSH-2.0-dropbear_2014.63' }),
    service({ port: 80, service: 'http', http: { status: 200, server: 'Boa/0.94.14rc21', title: null, authScheme: null, realm: null } }),
    service({ port: 2222, service: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' }),
  ],
});
const software = softwareInventory(camera);

async function mountSoftware(now?: Date) {
  const fake = fakeClient({ getKnowledge: vi.fn(async () => kb) });
  const mounted = await mountWithStore(DeviceSoftware, { props: { software, ...(now ? { now } : {}) }, fake });
  await flush();
  return mounted.wrapper;
}

describe('DeviceSoftware', () => {
  it('lists each product, version, where it was said and the exact string', async () => {
    const wrapper = await mountSoftware(new Date(`${kb.softwareCatalogue!.date}T12:00:00Z`));
    const rows = wrapper.findAll('[data-testid="software-item"]');
    expect(rows.map((r) => r.findAll('td')[0]!.text())).toEqual(['Dropbear SSH', 'Boa', 'OpenSSH']);
    expect(rows[0]!.text()).toContain('2014.63');
    expect(rows[0]!.text()).toContain('SSH greeting (22/tcp)');
    expect(rows[1]!.text()).toContain('Server: Boa/0.94.14rc21');
    expect(rows[2]!.get('[data-testid="distro-build"]').text()).toBe('Debian build');
    expect(wrapper.get('[data-testid="catalogue-date"]').text()).toContain(kb.softwareCatalogue!.date);
    expect(wrapper.find('[data-testid="catalogue-stale"]').exists()).toBe(false);
  });

  it('names an SNMP agent\'s system description as the place, in both languages', async () => {
    const nas = device({ services: [service({
      port: 161, transport: 'udp', service: 'snmp', banner: null,
      snmp: { version: 'v2c', sysDescr: 'Linux diskstation 4.4.302+ #69057 SMP x86_64 GNU/Linux synology_geminilake_920+', sysObjectID: null, sysName: 'diskstation' },
    })] });
    const fake = fakeClient({ getKnowledge: vi.fn(async () => kb) });
    let wrapper = (await mountWithStore(DeviceSoftware, { props: { software: softwareInventory(nas) }, fake })).wrapper;
    await flush();
    expect(wrapper.get('[data-testid="software-item"]').text()).toContain('SNMP system description (161/udp)');
    expect(wrapper.get('[data-testid="software-item"]').text()).toContain('4.4.302');
    setLocale('ja');
    wrapper = (await mountWithStore(DeviceSoftware, { props: { software: softwareInventory(nas) }, fake })).wrapper;
    await flush();
    expect(wrapper.get('[data-testid="software-item"]').text()).toContain('SNMP が名乗る機器の説明');
  });

  it('in Japanese', async () => {
    setLocale('ja');
    const wrapper = await mountSoftware(new Date(`${kb.softwareCatalogue!.date}T12:00:00Z`));
    expect(wrapper.get('h3').text()).toContain('機器が名乗っているソフトウェア');
    expect(wrapper.findAll('[data-testid="software-item"]')[0]!.text()).toContain('SSH 接続時のあいさつ');
    expect(wrapper.get('[data-testid="distro-build"]').text()).toBe('Debian 版');
  });

  it('says the catalogue is old past 90 days, in both languages', async () => {
    const later = new Date(Date.parse(`${kb.softwareCatalogue!.date}T00:00:00Z`) + 120 * 86_400_000);
    let wrapper = await mountSoftware(later);
    expect(wrapper.get('[data-testid="catalogue-stale"]').text()).toContain('120 days old');
    setLocale('ja');
    wrapper = await mountSoftware(later);
    expect(wrapper.get('[data-testid="catalogue-stale"]').text()).toContain('120 日前');
  });

  it('says so when a device announced nothing', async () => {
    const fake = fakeClient({ getKnowledge: vi.fn(async () => kb) });
    const { wrapper } = await mountWithStore(DeviceSoftware, { props: { software: [] }, fake });
    expect(wrapper.text()).toContain('did not say which software it runs');
  });
});

describe('a known-vulnerability finding on the dashboard', () => {
  const f = finding({
    key: 'cam-ssh', family: 'known-vulnerability', service: 'software', port: 22, severity: 'critical', confidence: 'likely',
    title: 'This device runs a software version with published security flaws', fix: ['x'], responsible: ['user', 'manufacturer'],
    evidence: '"SSH-2.0-dropbear_2014.63" (ssh-banner) → Dropbear SSH 2014.63: CVE-2016-7406, CVSS 9.8 (v3.0): …',
  });

  it.each([['en', 'published security flaws'], ['ja', '弱点が公表されているバージョン']] as const)('shows the knowledge in %s', async (lang, text) => {
    setLocale(lang);
    const fake = fakeClient({ getKnowledge: vi.fn(async () => kb) });
    const { wrapper } = await mountWithStore({ components: { FindingItem }, template: '<ul><FindingItem :finding="f" /></ul>', data: () => ({ f }) }, { fake });
    await flush();
    expect(wrapper.text()).toContain(text);
    expect(wrapper.text()).toContain('CVE-2016-7406');
  });
});
