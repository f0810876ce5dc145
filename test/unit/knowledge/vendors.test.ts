// Vendor-specific steps: at least 15 brands, both languages, each step list following a menu path or
// pointing to the vendor's support site; each brand recognised from its real IEEE registry names
// (oui-data/oui-table.txt, looked up through OuiTable) and from no other brand's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUI_TABLE_PATH, OuiTable } from '../../../backend/src/identify/oui-table.js';
import { LANGUAGES } from '../../../backend/src/knowledge/types.js';
import { VENDOR_GUIDES, vendorFixFor, vendorGuideFor } from '../../../backend/src/knowledge/vendors/index.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The real registry spellings of each brand (checked against the table below). */
const IEEE_NAMES: Record<string, string[]> = {
  buffalo: ['BUFFALO.INC'],
  'nec-aterm': ['NEC Platforms, Ltd.', 'NEC Platforms, Ltd', 'NEC Corporation'],
  'io-data': ['I-O DATA, INC.'],
  elecom: ['ELECOM CO.,LTD.', 'ELECOM CO., LTD', 'ELECOM CO.,LTD', 'ELECOM CO., LTD. (LANEED DIV.)', 'ELECOM Co.,LTD Laneed Division'],
  'tp-link': ['TP-LINK TECHNOLOGIES CO.,LTD.', 'TP-Link Systems Inc', 'TP-Link Systems Inc.'],
  asus: ['ASUSTek COMPUTER INC.', 'Asus Network Technologies, Inc.'],
  netgear: ['NETGEAR'],
  hikvision: ['Hangzhou Hikvision Digital Technology Co.,Ltd.', 'Prama Hikvision India Private Limited'],
  dahua: ['Zhejiang Dahua Technology Co., Ltd.', 'ZHEJIANG DAHUA TECHNOLOGYCO.,LTD', 'ZHEJIANG DAHUA ZHILIAN CO.,LTD'],
  panasonic: ['Panasonic Corporation', 'Panasonic Connect Co., Ltd.', 'Panasonic Entertainment & Communication Co., Ltd.'],
  synology: ['Synology Incorporated'],
  qnap: ['QNAP Systems, Inc.'],
  google: ['Google, Inc.', 'Nest Labs Inc.'],
  amazon: ['Amazon Technologies Inc.', 'Amazon.com, LLC', 'Blink by Amazon'],
  'philips-hue': ['Philips Lighting BV', 'Signify B.V.'],
  xiaomi: ['Beijing Xiaomi Electronics Co., Ltd.', 'Beijing Xiaomi Electronics Co.,Ltd', 'Beijing Xiaomi Mobile Software Co., Ltd', 'Xiaomi Communications Co Ltd', 'XIAOMI Electronics,CO.,LTD'],
  'espressif-plugs': ['Espressif Inc.', 'Espressif Systems (Singapore) Pte. Ltd', 'Shelly Europe LTD'],
};

/** Registry names that look alike but belong to someone else: no guide may claim them. */
const LOOKALIKES = [
  'Asustor Inc.', 'Shanghai Dahua Scale Factory', 'NEC Personal Computers, Ltd.', 'Philips Medical Systems - Cardiac and Monitoring Systems (CM',
  'Digitron da Amazonia S/A', 'Amazon Robotics MTAC Matrix NPI', 'Xiaomi EV Technology Co., Ltd.', 'ACCELECOM LTD.', 'TeraDiode / Panasonic',
];

/** Vendor names of the table (the "vendors N" section) and, per name, one MA-L prefix registered to it. */
function readRegistry(): { names: string[]; prefixOf: Map<string, string> } {
  const lines = readFileSync(DEFAULT_OUI_TABLE_PATH, 'utf8').split('\n');
  const count = Number(lines[1]!.split(' ')[1]);
  const names = lines.slice(2, 2 + count);
  const maL = Number(lines[2 + count]!.split(' ')[1]);
  const prefixOf = new Map<string, string>();
  for (const line of lines.slice(3 + count, 3 + count + maL)) {
    const [hex, index] = line.split(' ') as [string, string];
    const name = names[Number(index)]!;
    if (!prefixOf.has(name)) prefixOf.set(name, hex);
  }
  return { names, prefixOf };
}

const registry = readRegistry();
const table = OuiTable.load();

describe('vendor guides', () => {
  it('cover at least 15 brands, each id once, including every brand the issue names', () => {
    const ids = VENDOR_GUIDES.map((g) => g.id);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(Object.keys(IEEE_NAMES).sort());
  });

  it.each(VENDOR_GUIDES.map((g) => [g.id, g] as const))('%s: steps in both languages, each naming a menu path or the support site', (_id, guide) => {
    expect(guide.fixes.length).toBeGreaterThan(0);
    expect(guide.supportUrl.en).toMatch(/^https:\/\//);
    expect(guide.supportUrl.ja).toMatch(/^https:\/\//);
    expect(guide.name.ja.trim()).not.toBe('');
    for (const fix of guide.fixes) {
      expect(fix.steps.en.length).toBeGreaterThan(0);
      expect(fix.steps.en.length).toBe(fix.steps.ja.length);
      for (const step of fix.steps.ja) expect(step).toMatch(JAPANESE);
      if (fix.source === 'menu-path') {
        for (const lang of LANGUAGES) expect(fix.menuPath[lang]).toMatch(/\S\s?>\s?\S/);
        // The steps follow the path they announce: its last menu item appears in them.
        const last = fix.menuPath.en.split(' (')[0]!.split(' · ')[0]!.split(' > ').pop()!;
        expect(fix.steps.en.join(' '), `${guide.id} ${fix.family}`).toContain(last);
      } else {
        expect(fix.steps.en.join(' ')).toContain(guide.supportUrl.en);
        expect(fix.steps.ja.join(' ')).toContain(guide.supportUrl.ja);
      }
    }
  });

  it('at least 10 brands name a real menu path, not only the support site', () => {
    const withPath = VENDOR_GUIDES.filter((g) => g.fixes.some((f) => f.source === 'menu-path'));
    expect(withPath.length).toBeGreaterThanOrEqual(10);
  });

  it.each(Object.entries(IEEE_NAMES))('%s is recognised from its real IEEE names, found through OuiTable', (id, names) => {
    for (const name of names) {
      const prefix = registry.prefixOf.get(name);
      expect(prefix, `no MA-L block registered to "${name}"`).toBeDefined();
      const mac = `${prefix!.slice(0, 2)}:${prefix!.slice(2, 4)}:${prefix!.slice(4, 6)}:12:34:56`;
      const match = table.lookup(mac);
      expect(match?.vendor).toBe(name);
      expect(vendorGuideFor({ vendor: match!.vendor })?.id, name).toBe(id);
    }
  });

  it('no brand pattern claims another brand\'s names, and each claims only its own names in the whole registry', () => {
    for (const name of registry.names) {
      const claimed = VENDOR_GUIDES.filter((g) => g.ieeeVendor.test(name)).map((g) => g.id);
      expect(claimed.length, `${name} claimed by ${claimed.join(', ')}`).toBeLessThanOrEqual(1);
      if (claimed.length === 1 && claimed[0] !== 'panasonic') {
        // Every name outside Panasonic's many divisions is listed above, so a new claim is visible.
        expect(IEEE_NAMES[claimed[0]!], `${claimed[0]} claims "${name}"`).toContain(name);
      }
    }
    for (const name of LOOKALIKES) {
      expect(registry.names, name).toContain(name);
      expect(vendorGuideFor({ vendor: name }), name).toBeNull();
    }
  });

  it('recognises a randomized-MAC device by the brand in its UPnP manufacturer', () => {
    expect(vendorGuideFor({ vendor: null, upnp: [{ manufacturer: 'Synology' }] })?.id).toBe('synology');
    expect(vendorGuideFor({ vendor: null, upnp: [{ manufacturer: 'Acme' }] })).toBeNull();
  });

  it('picks the steps for the service over the family-wide ones', () => {
    const synology = VENDOR_GUIDES.find((g) => g.id === 'synology')!;
    expect(vendorFixFor(synology, 'cleartext-service', 'ftp')?.services).toContain('ftp');
    expect(vendorFixFor(synology, 'cleartext-service', 'http')?.services).toContain('http');
    const qnap = VENDOR_GUIDES.find((g) => g.id === 'qnap')!;
    expect(vendorFixFor(qnap, 'tls-weakness', 'https')?.source).toBe('support-site');
    const google = VENDOR_GUIDES.find((g) => g.id === 'google')!;
    expect(vendorFixFor(google, 'default-credentials', 'telnet')?.source).toBe('support-site');
  });
});
