// The pure parts of a finding's presentation: localization from the knowledge base (with the
// English fallback), the JC-STAR label split, and the household plan.
import { describe, expect, it } from 'vitest';
import { knowledgeBase } from '../../backend/src/knowledge/public-view';
import { jcStarLabel, localizeFinding } from '../../frontend/src/components/finding/localize';
import { householdPlan, urgencyOf } from '../../frontend/src/components/finding/plan';
import { device, finding } from './fixtures';

const kb = knowledgeBase();
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

const hikvisionRtsp = finding({
  key: 'cam-rtsp',
  family: 'anonymous-access',
  service: 'rtsp',
  port: 554,
  title: 'The camera video stream is open to anyone (no password)',
  fix: ['generic english step'],
  responsible: ['user', 'installer', 'manufacturer'],
  risk: {
    likelihood: 4, impact: 5, score: 20, level: 'critical',
    reasons: ['en 1', 'en 2', 'en 3', 'en 4', 'en 5'],
    factors: ['likelihood.anonymous-access', 'exposure.lan', 'evidence.confirmed', 'impact.anonymous-access', 'device.camera'],
  },
  vendorFix: {
    vendor: 'hikvision', name: 'Hikvision', menuPath: 'Configuration > System > Security > Authentication',
    steps: ['server english step'], supportUrl: 'https://www.hikvision.com/en/support/',
  },
});

describe('localizeFinding', () => {
  it('gives everything in Japanese from the knowledge base', () => {
    const view = localizeFinding(hikvisionRtsp, kb, 'ja');
    expect(view.title).toBe('カメラの映像配信（RTSP）がパスワードなしで誰でも見られます');
    expect(view.explanation).toMatch(JAPANESE);
    expect(view.genericSteps.length).toBeGreaterThan(2);
    for (const step of view.genericSteps) expect(step).toMatch(JAPANESE);
    expect(view.vendor?.name).toBe('Hikvision（ハイクビジョン）');
    expect(view.vendor?.menuPath).toContain('Authentication（認証）');
    for (const step of view.vendor!.steps) expect(step).toMatch(JAPANESE);
    expect(view.risk?.reasons).toHaveLength(5);
    for (const reason of view.risk!.reasons) expect(reason).toMatch(JAPANESE);
    expect(view.roles.map((r) => r.party)).toEqual(['user', 'installer', 'manufacturer']);
    for (const role of view.roles) expect(role.role).toMatch(JAPANESE);
    expect(view.ask?.manufacturer.join('')).toMatch(/メーカー|型番/);
    expect(view.verify).toMatch(JAPANESE);
    expect(view.standards?.jcStar[0]).toBe('S1.1-01 認証に基づくアクセス制御');
  });

  it('gives the English text in English', () => {
    const view = localizeFinding(hikvisionRtsp, kb, 'en');
    expect(view.title).toBe('The camera video stream is open to anyone (no password)');
    expect(view.vendor?.menuPath).toBe('Configuration > System > Security > Authentication');
    expect(view.risk?.reasons[4]).toMatch(/camera/i);
    expect(view.standards?.jcStar[0]).toBe('S1.1-01 access control based on authentication');
    expect(view.standards?.nistir).toContain('Interface Access Control');
  });

  it('falls back to the finding\'s own English fields before the knowledge base has loaded', () => {
    const view = localizeFinding(hikvisionRtsp, null, 'ja');
    expect(view.title).toBe(hikvisionRtsp.title);
    expect(view.explanation).toBeNull();
    expect(view.genericSteps).toEqual(['generic english step']);
    expect(view.vendor?.steps).toEqual(['server english step']);
    expect(view.risk?.reasons).toEqual(['en 1', 'en 2', 'en 3', 'en 4', 'en 5']);
    expect(view.ask).toBeNull();
    expect(view.standards).toBeNull();
  });

  it('uses the generic TLS entry for a TLS service without its own', () => {
    const view = localizeFinding(finding({ family: 'tls-weakness', service: 'imaps', port: 993 }), kb, 'en');
    expect(view.title).toMatch(/encrypted service/i);
  });

  it('splits JC-STAR labels by language and keeps a certain identifier', () => {
    expect(jcStarLabel('S1.1-02 共通でないデフォルトパスワード / no universal default password', 'en')).toBe('S1.1-02 no universal default password');
    expect(jcStarLabel('通信の保護 / protection of communication', 'en')).toBe('protection of communication');
    expect(jcStarLabel('通信の保護 / protection of communication', 'ja')).toBe('通信の保護');
    expect(jcStarLabel('no separator', 'ja')).toBe('no separator');
  });
});

describe('householdPlan', () => {
  const risk = (level: 'critical' | 'high' | 'medium' | 'low', score: number) => ({
    likelihood: 1, impact: 1, score, level, reasons: [], factors: [],
  });
  const devices = [device({ id: 'cam', ip: '10.77.0.11', type: 'camera' }), device({ id: 'plug', ip: '10.77.0.30', type: 'plug' })];

  it('puts critical and high risks first, for today, most urgent first; ignores resolved ones', () => {
    const plan = householdPlan([
      finding({ key: 'a', deviceId: 'plug', risk: risk('high', 12) }),
      finding({ key: 'b', deviceId: 'cam', risk: risk('critical', 25) }),
      finding({ key: 'c', deviceId: 'cam', risk: risk('medium', 8) }),
      finding({ key: 'd', deviceId: 'plug', risk: risk('low', 4) }),
      finding({ key: 'e', deviceId: 'cam', risk: risk('critical', 25), status: 'resolved' }),
    ], devices);
    expect(plan.today.map((i) => i.finding.key)).toEqual(['b', 'a']);
    expect(plan.today[0]!.device?.type).toBe('camera');
    expect(plan.soon.map((i) => i.finding.key)).toEqual(['c']);
    expect(plan.later.map((i) => i.finding.key)).toEqual(['d']);
  });

  it('uses the risk, not the severity, when both are there; the severity when no risk is known', () => {
    expect(urgencyOf(finding({ severity: 'critical', risk: risk('medium', 8) }))).toBe('soon');
    expect(urgencyOf(finding({ severity: 'high' }))).toBe('today');
    expect(urgencyOf(finding({ severity: 'info' }))).toBe('later');
  });
});
