// assessRisk: likelihood × impact with its reasoning. Each test changes one factor and holds the
// others, so it fails if that factor were ignored.
import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES } from '../../../backend/src/core/types.js';
import { assessRisk, riskLevel, type RiskFinding } from '../../../backend/src/knowledge/risk.js';
import { RISK_REASONS } from '../../../backend/src/knowledge/risk-data.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const telnetLogin: RiskFinding = { family: 'default-credentials', service: 'telnet', confidence: 'confirmed' };
const cleartextHttp: RiskFinding = { family: 'cleartext-service', service: 'http', confidence: 'confirmed' };

describe('assessRisk', () => {
  it('factory telnet password on a camera, LAN only, confirmed: the worst case (Mirai-class)', () => {
    const risk = assessRisk(telnetLogin, { type: 'camera' });
    expect(risk).toMatchObject({ likelihood: 5, impact: 5, score: 25, level: 'critical' });
    expect(risk.factors).toEqual([
      'likelihood.default-credentials.telnet', 'exposure.lan', 'evidence.confirmed', 'impact.default-credentials', 'device.camera',
    ]);
    expect(risk.reasons.en[0]).toMatch(/Mirai/);
  });

  it('device class: a camera indoors outweighs a plug, a plug outweighs a light', () => {
    const camera = assessRisk(cleartextHttp, { type: 'camera' });
    const plug = assessRisk(cleartextHttp, { type: 'plug' });
    const light = assessRisk({ ...telnetLogin }, { type: 'light' });
    expect(camera.impact).toBeGreaterThan(plug.impact);
    expect(camera.score).toBeGreaterThan(plug.score);
    expect(assessRisk(telnetLogin, { type: 'plug' }).impact).toBeGreaterThan(light.impact);
    expect(camera.likelihood).toBe(plug.likelihood);
    expect(camera.reasons.en).toContain(RISK_REASONS['device.camera']!.en);
    expect(plug.reasons.ja).toContain(RISK_REASONS['device.plug']!.ja);
  });

  it('internet exposure raises the likelihood and says so', () => {
    const lan = assessRisk(cleartextHttp, { type: 'camera' });
    const internet = assessRisk(cleartextHttp, { type: 'camera' }, { exposedToInternet: true });
    expect(internet.likelihood).toBeGreaterThan(lan.likelihood);
    expect(internet.impact).toBe(lan.impact);
    expect(internet.level).not.toBe(lan.level);
    expect(internet.factors).toContain('exposure.internet');
    expect(lan.factors).toContain('exposure.lan');
    // Unknown exposure is LAN only: the default, not a guess of the worst.
    expect(assessRisk(cleartextHttp, { type: 'camera' }, { exposedToInternet: false })).toEqual(lan);
  });

  it('exposure raises a way in (a login) more than eavesdropping', () => {
    const ftpLogin = { family: 'default-credentials', service: 'ftp', confidence: 'confirmed' } as const;
    const lanLogin = assessRisk(ftpLogin, { type: 'nas' });
    const netLogin = assessRisk(ftpLogin, { type: 'nas' }, { exposedToInternet: true });
    const lanTls = assessRisk({ family: 'tls-weakness', service: 'https', confidence: 'confirmed' }, { type: 'nas' });
    const netTls = assessRisk({ family: 'tls-weakness', service: 'https', confidence: 'confirmed' }, { type: 'nas' }, { exposedToInternet: true });
    expect(netLogin.likelihood - lanLogin.likelihood).toBeGreaterThan(netTls.likelihood - lanTls.likelihood);
  });

  it('evidence grade: "likely" weighs less than "confirmed"', () => {
    const confirmed = assessRisk(cleartextHttp, { type: 'router' });
    const likely = assessRisk({ ...cleartextHttp, confidence: 'likely' }, { type: 'router' });
    expect(likely.likelihood).toBe(confirmed.likelihood - 1);
    expect(likely.score).toBeLessThan(confirmed.score);
    expect(likely.factors).toContain('evidence.likely');
  });

  it('family and service set the base: telnet factory logins are likelier than FTP ones, logins likelier than TLS', () => {
    const telnet = assessRisk(telnetLogin, { type: 'router' });
    const ftp = assessRisk({ ...telnetLogin, service: 'ftp' }, { type: 'router' });
    const tls = assessRisk({ family: 'tls-weakness', service: 'https', confidence: 'confirmed' }, { type: 'router' });
    expect(telnet.likelihood).toBeGreaterThan(ftp.likelihood);
    expect(ftp.likelihood).toBeGreaterThan(tls.likelihood);
    expect(telnet.impact).toBeGreaterThan(tls.impact);
    expect(ftp.factors[0]).toBe('likelihood.default-credentials');
    expect(tls.level).toBe('medium');
  });

  it('stays within 1–5 and 1–25 whatever the inputs', () => {
    for (const type of DEVICE_TYPES) {
      for (const exposedToInternet of [false, true]) {
        for (const confidence of ['confirmed', 'likely'] as const) {
          const risk = assessRisk({ ...telnetLogin, confidence }, { type }, { exposedToInternet });
          expect(risk.likelihood).toBeGreaterThanOrEqual(1);
          expect(risk.likelihood).toBeLessThanOrEqual(5);
          expect(risk.impact).toBeGreaterThanOrEqual(1);
          expect(risk.impact).toBeLessThanOrEqual(5);
          expect(risk.score).toBe(risk.likelihood * risk.impact);
        }
      }
    }
  });

  it('explains itself in both languages, one sentence per factor', () => {
    for (const type of DEVICE_TYPES) {
      const risk = assessRisk({ family: 'anonymous-access', service: 'rtsp', confidence: 'likely' }, { type }, { exposedToInternet: true });
      expect(risk.reasons.en).toHaveLength(risk.factors.length);
      expect(risk.reasons.ja).toHaveLength(risk.factors.length);
      for (const sentence of risk.reasons.ja) expect(sentence).toMatch(JAPANESE);
      for (const sentence of risk.reasons.en) expect(sentence).not.toMatch(JAPANESE);
    }
  });

  it('maps scores to levels at fixed thresholds', () => {
    expect([25, 20, 19, 12, 11, 6, 5, 1].map(riskLevel)).toEqual(
      ['critical', 'critical', 'high', 'high', 'medium', 'medium', 'low', 'low'],
    );
  });
});
