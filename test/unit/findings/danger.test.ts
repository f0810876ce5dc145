// One vocabulary of danger (findings/danger.ts): the risk level wins over the check's severity, in
// the ordering, in alerts and in the report's CSV.
import { describe, expect, it } from 'vitest';
import { changesMessage, findingItem } from '../../../backend/src/alerts/message.js';
import type { StoredFinding } from '../../../backend/src/core/records.js';
import { compareDanger, dangerLevel } from '../../../backend/src/findings/danger.js';

const base: StoredFinding = {
  key: 'default-credentials|10.77.0.11|23', family: 'default-credentials', service: 'telnet', ip: '10.77.0.11', mac: null, port: 23,
  transport: 'tcp', severity: 'high', confidence: 'confirmed', title: 'Telnet accepts the factory password', evidence: 'r**t / 1***5',
  responsible: ['user'], fix: [], checkId: 'default-credentials-telnet', deviceId: 'cam', status: 'open',
  firstSeen: '2026-11-24T01:00:00.000Z', lastSeen: '2026-11-24T01:00:00.000Z',
};
const critical = { ...base, risk: { likelihood: 5, impact: 4, score: 20, level: 'critical' as const, reasons: [], factors: [] } };

describe('dangerLevel', () => {
  it('is the risk level when there is one, else the severity', () => {
    expect(dangerLevel(critical)).toBe('critical');
    expect(dangerLevel(base)).toBe('high');
    expect(dangerLevel({ ...base, severity: 'info' })).toBe('info');
  });
  it('orders by the level, then by likelihood × impact', () => {
    const medium = { ...base, severity: 'critical' as const, risk: { ...critical.risk, score: 8, level: 'medium' as const } };
    const highLow = { ...base, risk: { ...critical.risk, score: 12, level: 'high' as const } };
    const highTop = { ...base, risk: { ...critical.risk, score: 16, level: 'high' as const } };
    expect([medium, highLow, critical, highTop].sort(compareDanger)).toEqual([critical, highTop, highLow, medium]);
  });
});

describe('alerts use the same word', () => {
  it.each([['en', '[Critical]'], ['ja', '[緊急]']] as const)('%s', (lang, word) => {
    const item = findingItem('new-finding', critical, lang);
    expect(item.finding?.severity).toBe('critical');
    const text = changesMessage([item], 'scan-1', lang, new Date('2026-12-07T00:00:00Z')).text;
    expect(text).toContain(word);
    expect(text).not.toMatch(/\[(high|High|高)\]/);
  });
});
