// Fix steps that fit the finding, walked over every weakness the lab is expected to show
// (test/lab/expected.json), in both languages: no placeholder Mamori knows is left unfilled, no
// step speaks of another service, no step names another kind of device, the evidence reads in
// plain words, and a device with a web page gets a link to it.
import { describe, expect, it } from 'vitest';
import type { DeviceType, FindingFamily, Service, StoredDevice } from '../../frontend/src/api/contract';
import { fitContext, localizeFinding } from '../../frontend/src/components/finding/localize';
import { namesAnotherService, unfilledKnown } from '../../backend/src/knowledge/fit';
import { GUIDANCE } from '../../backend/src/knowledge/guidance';
import { knowledgeBase } from '../../backend/src/knowledge/public-view';
import { vendorFixFor, vendorGuideFor } from '../../backend/src/knowledge/vendors/index';
import { device, finding, service } from './fixtures';
import expected from '../lab/expected.json';

interface LabWeakness { family: FindingFamily; service: string; port: number; transport: 'tcp' | 'udp' }
interface LabDevice {
  name: string; ip: string; mac: string; vendor: string | null; type: DeviceType; model: string | null;
  services: Record<string, string>; udpServices: Record<string, string>;
  upnp: { manufacturer: string | null; modelName: string | null } | null; weaknesses: LabWeakness[] | number;
}
const lab = expected as unknown as { devices: LabDevice[] };
const kb = knowledgeBase();
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// The router is named on every device's steps ("do not forward it from the router"); another device's own kind is not.
const TYPE_WORDS: Partial<Record<DeviceType, RegExp>> = { camera: /\bcamera\b|カメラ/i, nas: /\bNAS\b/, printer: /\bprinter\b|プリンター/i };

/** Evidence as the checks write it, enough for the plain-words sentence. */
function evidenceFor(w: LabWeakness): string {
  switch (w.family) {
    case 'default-credentials': return w.service === 'snmp' ? 'the agent answered SNMP v2c with community p****c' : 'login accepted for r**t / 1***5; a random wrong password was refused';
    case 'anonymous-access': return w.service === 'mqtt' ? 'CONNECT without user name or password was accepted (CONNACK 0) on port 1883' : 'anonymous login accepted';
    case 'internet-exposure': return w.service === 'upnp' ? 'the router 10.77.0.1 forwards TCP 198.51.101.1:8080 from the internet to 10.77.0.31:80 (web page)' : 'miniupnpd answers without any login';
    case 'tls-weakness': return 'port 443: self-signed certificate; expired 2019-03-01; TLS 1.0 offered';
    default: return `port ${w.port} speaks ${w.service} without TLS`;
  }
}

function labDevice(d: LabDevice): StoredDevice {
  const services: Service[] = [
    ...Object.entries(d.services).map(([port, name]) => service({ port: Number(port), service: name })),
    ...Object.entries(d.udpServices).map(([port, name]) => service({ port: Number(port), transport: 'udp', service: name })),
  ];
  const upnp = d.upnp ? [{ location: 'http://x/', deviceType: null, manufacturer: d.upnp.manufacturer, modelName: d.upnp.modelName, friendlyName: null }] : [];
  return device({ id: d.name, ip: d.ip, mac: d.mac, vendor: d.vendor, type: d.type, model: d.model, services, upnp });
}

/** A finding as the backend raises it on this device, with its brand's steps (findings/build.ts). */
function labFinding(dev: StoredDevice, w: Pick<LabWeakness, 'family' | 'service' | 'port'> & { transport?: 'tcp' | 'udp' }, evidence = evidenceFor(w as LabWeakness)) {
  const guide = vendorGuideFor(dev);
  const fix = guide ? vendorFixFor(guide, w.family, w.service) : null;
  const vendorFix = guide && fix
    ? { vendor: guide.id, name: guide.name.en, menuPath: fix.source === 'menu-path' ? fix.menuPath.en : null, steps: fix.steps.en, supportUrl: guide.supportUrl.en }
    : undefined;
  return finding({
    key: `${dev.id}|${w.family}|${w.port}`, deviceId: dev.id, ip: dev.ip, family: w.family, service: w.service, port: w.port,
    transport: w.transport ?? 'tcp', evidence, ...(vendorFix ? { vendorFix } : {}),
  });
}

const cases = lab.devices.flatMap((d) => (Array.isArray(d.weaknesses) ? d.weaknesses : []).map((w) => ({ d, w })));

describe('fix steps fit every lab finding', () => {
  it('walks real findings, most with their brand’s steps', () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(cases.filter(({ d, w }) => labFinding(labDevice(d), w).vendorFix).length).toBeGreaterThan(10);
  });

  describe.each(['en', 'ja'] as const)('%s', (lang) => {
    it.each(cases.map(({ d, w }) => [`${d.name} ${w.family}/${w.service}:${w.port}`, d, w] as const))('%s', (_, d, w) => {
      const dev = labDevice(d);
      const f = labFinding(dev, w);
      const view = localizeFinding(f, kb, lang, dev);
      const ctx = fitContext(f, dev);
      const steps = [...view.genericSteps, ...(view.vendor?.steps ?? [])];
      expect(steps.length).toBeGreaterThan(0);
      for (const text of [...steps, ...(view.ask?.manufacturer ?? []), ...(view.ask?.provider ?? []), view.verify ?? '']) {
        expect(unfilledKnown(text, ctx), text).toEqual([]);
      }
      for (const step of view.vendor?.steps ?? []) expect(namesAnotherService(step, w.service), step).toBe(false);
      for (const step of steps) {
        for (const [type, word] of Object.entries(TYPE_WORDS)) {
          if (type !== d.type && (view.vendor?.steps ?? []).includes(step)) expect(step, `${type} on a ${d.type}`).not.toMatch(word);
        }
      }
      expect(view.evidencePlain).not.toMatch(/CONNACK|CNXN|\bUSER\b/);
      if (lang === 'ja') expect(view.evidencePlain).toMatch(JAPANESE);
      const web = Object.values(d.services).some((s) => s === 'http' || s === 'https');
      expect(view.adminUrl !== null).toBe(web);
    });
  });
});

describe('the cases named in the review', () => {
  const cam = labDevice(lab.devices.find((d) => d.name === 'ip-camera')!);
  const hub = labDevice(lab.devices.find((d) => d.name === 'mqtt-hub')!);

  it('a telnet finding’s Hikvision steps do not talk about SSH', () => {
    const f = labFinding(cam, { family: 'default-credentials', service: 'telnet', port: 23 });
    const raw = kb.vendors.find((v) => v.id === 'hikvision')!.fixes.find((x) => x.family === 'default-credentials')!.steps;
    expect(raw.en.some((s) => /SSH/.test(s))).toBe(true); // the brand text has an SSH step…
    for (const lang of ['en', 'ja'] as const) {
      const steps = localizeFinding(f, kb, lang, cam).vendor!.steps;
      expect(steps.length).toBeGreaterThan(1);
      expect(steps.join(' ')).not.toMatch(/SSH/); // …that a Telnet finding does not show
    }
  });

  it('a hub’s MQTT steps do not say "camera"', () => {
    const f = labFinding(hub, { family: 'anonymous-access', service: 'mqtt', port: 1883 });
    expect(localizeFinding(f, kb, 'en', hub).vendor!.steps.join(' ')).not.toMatch(/camera/i);
    expect(localizeFinding(f, kb, 'ja', hub).vendor!.steps.join(' ')).not.toMatch(/カメラ/);
    expect(localizeFinding(f, kb, 'ja', hub).vendor!.steps.join(' ')).toMatch(/ハブ/);
  });

  it('fills [service], [external port] and the model', () => {
    expect(GUIDANCE.some((g) => g.askManufacturer.en.some((q) => q.includes('[service]')))).toBe(true);
    const plug = labDevice(lab.devices.find((d) => d.name === 'smart-plug')!);
    const f = labFinding(plug, { family: 'anonymous-access', service: 'http', port: 80 });
    const en = localizeFinding(f, kb, 'en', plug).ask!.manufacturer.join(' ');
    expect(en).toContain('HTTP (80/tcp)');
    expect(en).toContain('S26R2');
    const ja = localizeFinding(f, kb, 'ja', plug).ask!.manufacturer.join(' ');
    expect(ja).toContain('型番：S26R2');
    const dvr = labDevice(lab.devices.find((d) => d.name === 'dvr')!);
    const exposed = labFinding(dvr, { family: 'internet-exposure', service: 'upnp', port: 80 }, 'the router 10.77.0.1 forwards TCP 198.51.101.1:8080 from the internet to 10.77.0.31:80');
    expect(localizeFinding(exposed, kb, 'en', dvr).ask!.provider.join(' ')).toContain('forwards port 8080');
    expect(localizeFinding(exposed, kb, 'ja', dvr).evidencePlain).toContain('ポート 8080');
  });

  it('says the evidence in plain words and keeps the mask', () => {
    const f = labFinding(cam, { family: 'default-credentials', service: 'telnet', port: 23 }, 'login accepted for r**t / 1***5; a random wrong password was refused');
    expect(localizeFinding(f, kb, 'ja', cam).evidencePlain).toBe('Mamori が Telnet（ポート 23）に、工場出荷時のパスワードでログインできました（伏せ字で表示：r**t / 1***5）。それ以上の操作はしていません。');
    expect(localizeFinding(f, kb, 'en', cam).adminUrl).toBe('http://10.77.0.11/');
  });
});
