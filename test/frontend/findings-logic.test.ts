// The risk matrix counts, the Findings screen's filter and grouping, and a device's timeline.
import { describe, expect, it } from 'vitest';
import type { FindingRisk } from '../../frontend/src/api/contract';
import { cellLevel, filterFindings, groupBySeverity, riskMatrix, statusCounts } from '../../frontend/src/stores/findings';
import { deviceTimeline } from '../../frontend/src/stores/timeline';
import { device, finding } from './fixtures';

const risk = (likelihood: number, impact: number): FindingRisk => ({
  likelihood, impact, score: likelihood * impact, level: cellLevel(likelihood, impact), reasons: [], factors: [],
});

const all = [
  finding({ key: 'telnet', severity: 'critical', risk: risk(5, 4), ip: '10.77.0.11', port: 23 }),
  finding({ key: 'rtsp', severity: 'critical', risk: risk(5, 5), ip: '10.77.0.11', port: 554 }),
  finding({ key: 'ftp', severity: 'high', risk: risk(3, 4), ip: '10.77.0.20', port: 21, deviceId: 'nas' }),
  finding({ key: 'ftp2', severity: 'high', risk: risk(3, 4), ip: '10.77.0.3', port: 21, deviceId: 'nas2' }),
  finding({ key: 'tls', severity: 'medium', risk: risk(2, 3), status: 'accepted' }),
  finding({ key: 'snmp', severity: 'low', status: 'false-positive' }),
  finding({ key: 'old', severity: 'info' }), // no risk: stored by an older version
  finding({ key: 'gone', severity: 'high', risk: risk(3, 4), status: 'resolved' }),
  finding({ key: 'done', severity: 'critical', risk: risk(5, 4), status: 'fixed' }),
];

describe('riskMatrix', () => {
  it('counts open findings by likelihood × impact; the rest are left out or counted as unrated', () => {
    const m = riskMatrix(all);
    expect(m.counts[4]![3]).toBe(1); // likelihood 5, impact 4: telnet (the fixed one is not open)
    expect(m.counts[4]![4]).toBe(1);
    expect(m.counts[2]![3]).toBe(2);
    expect(m.counts[1]![2]).toBe(0); // accepted
    expect(m.counts.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(m.unrated).toBe(1);
    expect(m.total).toBe(5);
  });

  it('has the same thresholds as knowledge/risk.ts', () => {
    expect([cellLevel(5, 4), cellLevel(4, 4), cellLevel(3, 4), cellLevel(2, 3), cellLevel(1, 5)])
      .toEqual(['critical', 'high', 'high', 'medium', 'low']);
  });
});

describe('filterFindings and groupBySeverity', () => {
  const keys = (groups: ReturnType<typeof groupBySeverity>) => groups.map((g) => [g.severity, g.findings.map((f) => f.key)]);

  it('shows open ones by default, grouped critical → info, highest risk first, then IP', () => {
    expect(keys(groupBySeverity(filterFindings(all, { status: 'open' })))).toEqual([
      ['critical', ['rtsp', 'telnet']],
      ['high', ['ftp2', 'ftp']],
      ['info', ['old']],
    ]);
  });

  it('filters by each status, and all', () => {
    const only = (status: Parameters<typeof filterFindings>[1]['status']) => filterFindings(all, { status }).map((f) => f.key);
    expect(only('accepted')).toEqual(['tls']);
    expect(only('false-positive')).toEqual(['snmp']);
    expect(only('fixed')).toEqual(['done']);
    expect(only('resolved')).toEqual(['gone']);
    expect(only('all')).toHaveLength(all.length);
  });

  it('filters by one matrix cell and by device', () => {
    expect(filterFindings(all, { status: 'open', likelihood: 3, impact: 4 }).map((f) => f.key)).toEqual(['ftp', 'ftp2']);
    expect(filterFindings(all, { status: 'all', likelihood: 5, impact: 4 }).map((f) => f.key)).toEqual(['telnet', 'done']);
    expect(filterFindings(all, { status: 'open', device: 'nas' }).map((f) => f.key)).toEqual(['ftp']);
  });

  it('counts per status', () => {
    expect(statusCounts(all)).toEqual({ open: 5, accepted: 1, 'false-positive': 1, fixed: 1, resolved: 1, all: 9 });
  });
});

describe('deviceTimeline', () => {
  it('merges sightings, the correction and every finding status change, newest first', () => {
    const cam = device({
      id: 'cam', firstSeen: '2026-11-20T00:00:00.000Z', lastSeen: '2026-11-24T00:00:00.000Z',
      correction: { name: 'Garden', type: null, guessedType: 'camera', at: '2026-11-21T00:00:00.000Z', known: true },
    });
    const telnet = finding({
      key: 't', deviceId: 'cam', firstSeen: '2026-11-20T00:00:00.000Z',
      history: [
        { status: 'open', at: '2026-11-20T00:00:00.000Z', by: 'system' },
        { status: 'accepted', at: '2026-11-22T00:00:00.000Z', by: 'owner', reason: 'r', until: '2027-01-01T00:00:00.000Z', person: 'Aiko' },
      ],
    });
    const legacy = finding({ key: 'l', deviceId: 'cam', firstSeen: '2026-11-23T00:00:00.000Z' }); // no history stored
    const other = finding({ key: 'o', deviceId: 'someone-else' });
    const timeline = deviceTimeline(cam, [telnet, legacy, other]);
    expect(timeline.map((e) => [e.kind, e.at.slice(0, 10), e.kind === 'finding' ? e.change.status : null])).toEqual([
      ['last-seen', '2026-11-24', null],
      ['finding', '2026-11-23', 'open'],
      ['finding', '2026-11-22', 'accepted'],
      ['correction', '2026-11-21', null],
      ['first-seen', '2026-11-20', null],
      ['finding', '2026-11-20', 'open'],
    ]);
  });
});
