import { describe, expect, it } from 'vitest';
import {
  applyEvent, compareIp, emptySnapshot, lastFinishedScan, openCountsBySeverity,
  openFindingsByDevice, sortedDevices, upsert,
} from '../../frontend/src/stores/snapshot';
import type { LiveEvent } from '../../frontend/src/api/client';
import { device, finding, scan, service, snapshot } from './fixtures';

const apply = (events: LiveEvent[], start = snapshot()) => events.reduce(applyEvent, start);

describe('applyEvent', () => {
  it('replaces everything on snapshot', () => {
    const next = snapshot({ devices: [device()] });
    expect(applyEvent(snapshot({ devices: [device({ ip: '10.0.0.1' })] }), { type: 'snapshot', payload: next }))
      .toBe(next);
  });

  it('adds found devices and updates them by id without duplicates', () => {
    const s = apply([
      { type: 'device:found', payload: device({ ip: '10.77.0.11' }) },
      { type: 'device:found', payload: device({ ip: '10.77.0.12' }) },
      { type: 'device:updated', payload: device({ ip: '10.77.0.11', vendor: 'Hikvision' }) },
      { type: 'device:found', payload: device({ ip: '10.77.0.11', vendor: 'Hikvision', type: 'camera' }) },
    ]);
    expect(s.devices.map((d) => d.ip)).toEqual(['10.77.0.11', '10.77.0.12']);
    expect(s.devices[0]?.vendor).toBe('Hikvision');
  });

  it('never modifies the snapshot it was given', () => {
    const before = snapshot({ devices: [device()] });
    const frozen = JSON.stringify(before);
    applyEvent(before, { type: 'device:updated', payload: device({ vendor: 'Other' }) });
    applyEvent(before, { type: 'service:found', payload: { deviceId: 'dev-10.77.0.11', ip: '10.77.0.11', service: service() } });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('adds services to the right device, once per transport/port, sorted by port', () => {
    const d = device({ services: [service({ port: 80, service: 'http' })] });
    const s = apply([
      { type: 'service:found', payload: { deviceId: d.id, ip: d.ip, service: service({ port: 23 }) } },
      { type: 'service:found', payload: { deviceId: d.id, ip: d.ip, service: service({ port: 23, banner: 'BusyBox' }) } },
      { type: 'service:found', payload: { deviceId: d.id, ip: d.ip, service: service({ port: 23, transport: 'udp', service: 'x' }) } },
    ], snapshot({ devices: [d] }));
    const services = s.devices[0]?.services ?? [];
    expect(services.map((x) => `${x.port}/${x.transport}`)).toEqual(['23/tcp', '23/udp', '80/tcp']);
    expect(services[0]?.banner).toBe('BusyBox');
  });

  it('ignores a service for an unknown device', () => {
    const start = snapshot({ devices: [device()] });
    const s = applyEvent(start, { type: 'service:found', payload: { deviceId: 'nope', ip: '10.0.0.9', service: service() } });
    expect(s).toBe(start);
  });

  it('upserts findings by key', () => {
    const s = apply([
      { type: 'finding:raised', payload: finding() },
      { type: 'finding:raised', payload: finding({ ip: '10.77.0.12' }) },
      { type: 'finding:raised', payload: finding({ evidence: 'admin/1234 accepted' }) },
    ]);
    expect(s.findings).toHaveLength(2);
    expect(s.findings.find((f) => f.ip === '10.77.0.11')?.evidence).toBe('admin/1234 accepted');
  });

  it('applies a status change (finding:changed) to the finding with that key', () => {
    const s = apply([
      { type: 'finding:raised', payload: finding() },
      { type: 'finding:changed', payload: { ...finding(), status: 'accepted', acceptedUntil: '2027-01-31T23:59:59.999Z' } },
    ]);
    expect(s.findings).toHaveLength(1);
    expect(s.findings[0]).toMatchObject({ status: 'accepted', acceptedUntil: '2027-01-31T23:59:59.999Z' });
  });

  it('tracks a scan from start through progress to finish', () => {
    const started = scan();
    let s = applyEvent(snapshot(), { type: 'scan:started', payload: started });
    expect(s.running?.id).toBe('scan-1');
    expect(s.progress).toMatchObject({ scanId: 'scan-1', percent: 0, stage: 'discovery' });
    expect(s.scans).toHaveLength(1);

    s = applyEvent(s, { type: 'scan:progress', payload: { scanId: 'scan-1', stage: 'probing', percent: 42, current: '10.77.0.11:23' } });
    expect(s.progress).toEqual({ scanId: 'scan-1', stage: 'probing', percent: 42, current: '10.77.0.11:23' });

    const finished = scan({ status: 'completed', finishedAt: '2026-11-24T01:05:00.000Z' });
    s = applyEvent(s, { type: 'scan:finished', payload: finished });
    expect(s.running).toBeNull();
    expect(s.progress).toBeNull();
    expect(s.scans).toEqual([finished]);
  });

  it('drops progress of a scan that is not the running one', () => {
    const idle = snapshot();
    expect(applyEvent(idle, { type: 'scan:progress', payload: { scanId: 'scan-1', stage: 'checks', percent: 99, current: null } }))
      .toBe(idle);
    const running = applyEvent(idle, { type: 'scan:started', payload: scan({ id: 'scan-2' }) });
    const late = applyEvent(running, { type: 'scan:progress', payload: { scanId: 'scan-1', stage: 'done', percent: 100, current: null } });
    expect(late.progress?.scanId).toBe('scan-2');
  });

  it('keeps the running scan when another scan id finishes', () => {
    const running = applyEvent(snapshot(), { type: 'scan:started', payload: scan({ id: 'scan-2' }) });
    const s = applyEvent(running, { type: 'scan:finished', payload: scan({ id: 'scan-1', status: 'failed' }) });
    expect(s.running?.id).toBe('scan-2');
    expect(s.scans.map((x) => x.id)).toEqual(['scan-2', 'scan-1']);
  });
});

describe('derived views', () => {
  it('upsert appends new keys and replaces existing ones in place', () => {
    const items = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }];
    expect(upsert(items, { k: 'a', v: 3 }, (x) => x.k)).toEqual([{ k: 'a', v: 3 }, { k: 'b', v: 2 }]);
    expect(upsert(items, { k: 'c', v: 4 }, (x) => x.k)).toHaveLength(3);
    expect(items).toHaveLength(2);
  });

  it('sorts IPv4 addresses numerically', () => {
    const ips = ['10.77.0.100', '10.77.0.9', 'fe80::1', '10.77.0.11', '9.1.1.1'];
    expect(ips.sort(compareIp)).toEqual(['9.1.1.1', '10.77.0.9', '10.77.0.11', '10.77.0.100', 'fe80::1']);
    expect(sortedDevices([device({ ip: '10.0.0.20' }), device({ ip: '10.0.0.3' })]).map((d) => d.ip))
      .toEqual(['10.0.0.3', '10.0.0.20']);
  });

  it('groups open findings per device, most severe first, and skips resolved ones', () => {
    const map = openFindingsByDevice([
      finding({ key: 'a', severity: 'medium' }),
      finding({ key: 'b', severity: 'critical' }),
      finding({ key: 'c', severity: 'high', status: 'resolved' }),
      finding({ key: 'd', ip: '10.77.0.12' }),
    ]);
    expect(map.get('dev-10.77.0.11')?.map((f) => f.key)).toEqual(['b', 'a']);
    expect(map.get('dev-10.77.0.12')?.map((f) => f.key)).toEqual(['d']);
  });

  it('counts open findings by severity', () => {
    const counts = openCountsBySeverity([
      finding({ key: 'a', severity: 'critical' }),
      finding({ key: 'b', severity: 'critical' }),
      finding({ key: 'c', severity: 'low' }),
      finding({ key: 'd', severity: 'high', status: 'resolved' }),
    ]);
    expect(counts).toEqual({ critical: 2, high: 0, medium: 0, low: 1, info: 0 });
  });

  it('finds the latest finished scan whatever the order', () => {
    const older = scan({ id: 'old', status: 'completed', startedAt: '2026-11-20T10:00:00Z' });
    const newer = scan({ id: 'new', status: 'cancelled', startedAt: '2026-11-23T10:00:00Z' });
    const running = scan({ id: 'now', status: 'running', startedAt: '2026-11-24T10:00:00Z' });
    expect(lastFinishedScan([newer, running, older])?.id).toBe('new');
    expect(lastFinishedScan([older, newer])?.id).toBe('new');
    expect(lastFinishedScan([running])).toBeNull();
    expect(emptySnapshot().scans).toEqual([]);
  });
});
