// "What to do" as a plan by device: the pure grouping (device-plan.ts) and the overview's list.
import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount } from '@vue/test-utils';
import type { FindingRisk } from '../../frontend/src/api/contract';
import HouseholdSummary from '../../frontend/src/components/finding/HouseholdSummary.vue';
import { actionFor, devicePlan } from '../../frontend/src/components/finding/device-plan';
import { setLocale } from '../../frontend/src/i18n';
import { device, finding, service } from './fixtures';
import { flush, mountWithStore } from './helpers';

enableAutoUnmount(afterEach);
afterEach(() => setLocale('en'));

const risk = (score: number, level: FindingRisk['level']): FindingRisk => ({ likelihood: 5, impact: Math.ceil(score / 5), score, level, reasons: [], factors: [] });
const camera = device({
  id: 'cam', ip: '10.77.0.11', vendor: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', type: 'camera',
  correction: { name: 'Front-door camera', type: null, guessedType: 'camera', at: '2026-11-24T01:00:00.000Z' },
  services: [service({ port: 23 })],
});
const nas = device({ id: 'nas', ip: '10.77.0.13', vendor: 'Synology Incorporated', type: 'nas', hostnames: ['diskstation.local'] });
const hub = device({ id: 'hub', ip: '10.77.0.12', vendor: 'XIAOMI Electronics,CO.,LTD', type: 'hub' });
const plug = device({ id: 'plug', ip: '10.77.0.16', vendor: 'Espressif Inc.', type: 'plug' });
const onCamera = [
  finding({ key: 'c1', deviceId: 'cam', family: 'default-credentials', service: 'telnet', risk: risk(20, 'critical') }),
  finding({ key: 'c2', deviceId: 'cam', family: 'default-credentials', service: 'http', port: 80, risk: risk(20, 'critical') }),
  finding({ key: 'c3', deviceId: 'cam', family: 'default-credentials', service: 'rtsp', port: 554, risk: risk(16, 'high') }),
  finding({ key: 'c4', deviceId: 'cam', family: 'cleartext-service', service: 'telnet', severity: 'high', risk: risk(15, 'high') }),
  finding({ key: 'c5', deviceId: 'cam', family: 'cleartext-service', service: 'telnet', port: 2323, severity: 'high', risk: risk(15, 'high') }),
];
const others = [
  finding({ key: 'n1', deviceId: 'nas', ip: '10.77.0.13', family: 'cleartext-service', service: 'ftp', port: 21, risk: risk(8, 'medium') }),
  finding({ key: 'h1', deviceId: 'hub', ip: '10.77.0.12', family: 'anonymous-access', service: 'mqtt', port: 1883, risk: risk(16, 'high') }),
  finding({ key: 'p1', deviceId: 'plug', ip: '10.77.0.16', family: 'anonymous-access', service: 'http', port: 80, risk: risk(4, 'low') }),
  finding({ key: 'x1', deviceId: 'cam', status: 'fixed', family: 'tls-weakness', service: 'https', risk: risk(25, 'critical') }),
];
const all = [...others, ...onCamera];

describe('devicePlan', () => {
  it('groups by device, merges the actions, most dangerous device first, at most three devices', () => {
    const plan = devicePlan(all, [camera, nas, hub, plug], 'en');
    expect(plan.map((p) => p.deviceId)).toEqual(['cam', 'hub', 'nas']);
    expect(plan[0]!.findings).toHaveLength(5); // the fixed one is not counted
    expect(plan[0]!.actions).toEqual(['change its password', 'switch off Telnet']);
    expect(plan[0]!.worst).toBe('critical');
    expect(plan[1]!.actions).toEqual(['require a login for MQTT']);
  });
  it('words the actions in Japanese', () => {
    expect(devicePlan(all, [camera], 'ja')[0]!.actions).toEqual(['パスワードを変更する', 'Telnet をオフにする']);
  });
  it('has a line for families it does not know yet (generic) and for HTTP in clear', () => {
    expect(actionFor({ family: 'cleartext-service', service: 'http' }, 'en')).toBe('use HTTPS for its web page');
    expect(actionFor({ family: 'known-vulnerability', service: 'ssh' }, 'ja')).toBe('ソフトウェアを更新する');
    expect(actionFor({ family: 'brand-new' as never, service: 'vnc' }, 'en')).toBe('follow the fix steps for VNC');
  });
});

describe('What to do on the overview', () => {
  it.each([
    ['en', 'Front-door camera: change its password and switch off Telnet', 'fixes 5 problems'],
    ['ja', 'Front-door camera：パスワードを変更する、Telnet をオフにする', 'これで問題が 5 件解決します'],
  ] as const)('%s: one line per device, linking to its fix steps', async (lang, line, fixes) => {
    setLocale(lang);
    const { wrapper } = await mountWithStore(HouseholdSummary, { props: { findings: all, devices: [camera, nas, hub, plug] } });
    await flush();
    const items = wrapper.findAll('[data-testid="plan-device"]');
    expect(items).toHaveLength(3);
    expect(items[0]!.get('[data-testid="plan-link"]').text()).toBe(line);
    expect(items[0]!.text()).toContain(fixes);
    expect(items[0]!.get('a').attributes('href')).toBe('#/findings?device=cam');
    expect(items[0]!.get('.sev').attributes('data-severity')).toBe('critical');
    expect(wrapper.get('[data-testid="plan-more"]').text()).toMatch(/1/);
    // One line per device: the camera is not repeated five times.
    expect(wrapper.text().split('Front-door camera').length - 1).toBe(1);
  });
});
