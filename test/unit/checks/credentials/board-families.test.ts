// Pair selection from the evidence on the device record, for white-label devices whose MAC names
// only a module maker: banners, vendor ports, web server names and realms, UPnP and mDNS names.
import { describe, expect, it } from 'vitest';
import { BOARD_FAMILIES, matchBoardFamilies } from '../../../../backend/src/checks/credentials/board-families.js';
import { CREDENTIAL_SERVICES } from '../../../../backend/src/checks/index.js';
import { pairsFor } from '../../../../backend/src/checks/credentials/select.js';
import type { Device, HttpInfo, Service } from '../../../../backend/src/core/types.js';
import { loopbackDevice, tcpService } from '../../../helpers/context.js';

/** 9 pair tries fit in the 10 (one is kept for the random-password control). */
const BUDGET = 9;

// A Wi-Fi module maker, as the IEEE registry names the MAC of many white-label cameras.
const MODULE_MAKER = 'Shenzhen Bilian Electronic Co.，Ltd';

function device(services: Service[], vendor: string | null = MODULE_MAKER): Device {
  const d = loopbackDevice([]);
  d.vendor = vendor;
  d.services = services;
  return d;
}
const svc = (port: number, service: string, extra: Partial<Service> = {}): Service => ({ ...tcpService(port, service), ...extra });
const http = (port: number, info: Partial<HttpInfo>): Service => svc(port, 'http', { http: { status: 200, server: null, title: null, authScheme: null, realm: null, ...info } });
const telnet = (banner: string): Service => svc(23, 'telnet', { banner });
const first = (pairs: Array<{ user: string; password: string }>, n = BUDGET): string[] => pairs.slice(0, n).map((p) => `${p.user}/${p.password}`);

describe('board-families.json', () => {
  it('every family cites its signals, every pair its source; every pattern compiles', () => {
    expect(BOARD_FAMILIES.length).toBeGreaterThanOrEqual(4);
    for (const f of BOARD_FAMILIES) {
      expect(f.source.length, f.id).toBeGreaterThan(20);
      for (const p of f.pairs) expect(p.source, `${f.id} ${p.user}`).toMatch(/https?:\/\/|manual|documentation/i);
      for (const s of f.signals) for (const pattern of [s.banner, s.http, s.identity]) if (pattern) expect(() => new RegExp(pattern, 'i')).not.toThrow();
      for (const service of CREDENTIAL_SERVICES) expect(f.pairs.filter((p) => p.services.includes(service)).length, `${f.id} ${service}`).toBeLessThanOrEqual(BUDGET);
    }
  });
});

describe('white-label pair selection from the evidence', () => {
  it('"(none) login:" (busybox on a bare board, real HiSilicon/XiongMai telnet prompt) picks the board pairs on a module maker\'s MAC', () => {
    const d = device([telnet('\r\n(none) login: ')]);
    expect(matchBoardFamilies(d).map((m) => m.family.id)).toEqual(['hisilicon-ipc']);
    const pairs = first(pairsFor('telnet', d, ['\r\n(none) login: ']));
    expect(pairs.slice(0, 3)).toEqual(['root/xc3511', 'root/xmhdipc', 'root/hi3518']);
    expect(pairs).toEqual(expect.arrayContaining(['root/klv123', 'root/jvbzd', 'root/juantech']));
    expect(pairsFor('telnet', d)[1]!.source).toMatch(/board family hisilicon-ipc: '\(none\) login:'/);
  });

  it('the same prompt from the service being checked (a hint) counts even before the record has it', () => {
    expect(first(pairsFor('telnet', device([]), ['(none) login: ']), 2)).toEqual(['root/xc3511', 'root/xmhdipc']);
  });

  it('XiongMai: DVRIP port 34567 and uc-httpd pick XMEye pairs (web admin with an empty password first)', () => {
    const d = device([svc(34567, 'unknown'), http(80, { server: 'uc-httpd 1.0.0', title: 'NETSurveillance WEB' }), svc(23, 'telnet', { banner: 'LocalHost login: ' })]);
    expect(matchBoardFamilies(d)[0]).toMatchObject({ family: { id: 'xiongmai' }, score: 9 });
    expect(first(pairsFor('http', d), 1)).toEqual(['admin/']);
    expect(first(pairsFor('telnet', d), 3)).toEqual(['root/xc3511', 'root/xmhdipc', 'root/klv123']);
  });

  it('Dahua OEM: port 37777 and the "WEB SERVICE" page pick admin/admin, 888888, 666666', () => {
    const d = device([svc(37777, 'unknown'), http(80, { title: 'WEB SERVICE' }), svc(554, 'rtsp')]);
    expect(first(pairsFor('http', d), 3)).toEqual(['admin/admin', '888888/888888', '666666/666666']);
    expect(first(pairsFor('rtsp', d), 3)).toEqual(['admin/admin', '888888/888888', '666666/666666']);
  });

  it('Hikvision OEM: the DNVRS-Webs server and a DS- realm pick admin/12345 with no Hikvision MAC', () => {
    const d = device([http(80, { status: 401, server: 'DNVRS-Webs', realm: 'DS-2CD2032-I', authScheme: 'Digest' }), svc(8000, 'unknown')]);
    expect(first(pairsFor('http', d), 1)).toEqual(['admin/12345']);
    expect(first(pairsFor('telnet', d), 2)).toEqual(['admin/12345', 'root/12345']);
  });

  it('the checked service\'s realm (a hint) counts as HTTP evidence', () => {
    expect(first(pairsFor('http', device([]), ['DNVRS-Webs', 'DS-7204HGHI-F1']), 1)).toEqual(['admin/12345']);
  });

  it('UPnP and mDNS names count as identity (a reseller box whose description names the board maker)', () => {
    const d = device([svc(23, 'telnet')]);
    d.upnp = [{ location: 'http://127.0.0.1/d.xml', deviceType: 'urn:schemas-upnp-org:device:Basic:1', manufacturer: 'XiongMai', modelName: 'IPC', friendlyName: 'Garden Cam' }];
    expect(first(pairsFor('telnet', d), 1)).toEqual(['root/xc3511']);
    const m = device([]);
    m.mdns = [{ type: '_http._tcp', name: 'HI3518E camera', port: 80, txt: {} }];
    expect(matchBoardFamilies(m).map((x) => x.family.id)).toContain('hisilicon-ipc');
  });

  it('orders by evidence strength: Dahua (port + page, 8) before the bare-board prompt (3)', () => {
    const d = device([telnet('(none) login: '), svc(37777, 'unknown'), http(80, { title: 'WEB SERVICE' })]);
    expect(matchBoardFamilies(d).map((m) => [m.family.id, m.score])).toEqual([['dahua', 8], ['hisilicon-ipc', 3]]);
    // Dahua's seven telnet pairs, then the bare board's first ones, within the budget.
    expect(first(pairsFor('telnet', d))).toEqual([
      'admin/admin', '888888/888888', '666666/666666', 'root/vizxv', 'root/7ujMko0admin', 'root/7ujMko0vizxv', 'root/888888',
      'root/xc3511', 'root/xmhdipc',
    ]);
  });

  it('a maker named on the MAC still comes first over a single weak signal', () => {
    const d = device([telnet('(none) login: ')], 'Hangzhou Hikvision Digital Technology Co.,Ltd.');
    expect(first(pairsFor('telnet', d), 2)).toEqual(['root/12345', 'root/hiklinux']);
  });

  it('weak signals alone pick nothing: an RTSP server, or port 8000, or a Debian telnet prompt', () => {
    expect(matchBoardFamilies(device([svc(554, 'rtsp')]))).toEqual([]);
    expect(matchBoardFamilies(device([svc(8000, 'http')]))).toEqual([]);
    expect(matchBoardFamilies(device([telnet('Debian GNU/Linux 12\r\nraspberrypi login: ')]))).toEqual([]);
    // Without evidence the order is the common list's, as before.
    expect(first(pairsFor('telnet', device([])), 2)).toEqual(['root/xc3511', 'root/vizxv']);
  });
});
