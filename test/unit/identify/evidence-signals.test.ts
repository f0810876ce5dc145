// Identification from all the evidence (issue #14 item 6): SNMP sysDescr / sysObjectID / engine,
// port signatures, RTSP with ONVIF or an embedded web server, certificate names. Each rule is
// tried on a real-world string (sources in the comments), through the device-type identifier.
import { describe, expect, it } from 'vitest';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { createDeviceTypeIdentifier } from '../../../backend/src/identify/device-type.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { testContext } from '../../helpers/context.js';

const identifier = createDeviceTypeIdentifier();
const identify = (device: Device) => identifier.identify(device, testContext());

function device(services: Service[], fields: Partial<Device> = {}): Device {
  return { ...emptyDevice('10.0.0.9', '02:00:00:00:00:09'), ...fields, services };
}
const tcp = (port: number, service = 'unknown', extra: Partial<Service> = {}): Service => ({ port, transport: 'tcp', service, encrypted: false, banner: null, product: null, ...extra });
const snmp = (sysDescr: string | null, sysObjectID: string | null = null, banner: string | null = null): Service => ({
  port: 161, transport: 'udp', service: 'snmp', encrypted: false, banner, product: null,
  ...(sysDescr !== null || sysObjectID !== null ? { snmp: { version: 'v2c' as const, sysDescr, sysObjectID, sysName: null } } : {}),
});
const http = (port: number, server: string): Service => tcp(port, 'http', { http: { status: 200, server, title: null, realm: null } as NonNullable<Service['http']> });

describe('SNMP as identification evidence', () => {
  it('a JetDirect sysDescr makes an HP printer a printer, although HP also makes computers (issue #14 string)', () => {
    const printer = device([snmp('HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900,CIDATE 05/20/2020')], { vendor: 'HP Inc.' });
    const patch = identify(printer)!;
    expect(patch.type).toBe('printer');
    expect(patch.evidence).toContainEqual({
      source: 'device-type',
      // Shown up to 80 characters.
      detail: 'SNMP says "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900,CIDATE 05…" (HP JetDirect print server) → printer',
      detailJa: 'SNMP の応答「HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900,CIDATE 05…」（HP JetDirect プリントサーバー） → プリンター',
    });
  });

  it.each([
    // fusioninventory-agent test data (a real Brother HL-5250DN print server).
    ['Brother print server', 'Brother NC-6400h, Firmware Ver.1.01  (05.08.31),MID 84UZ92', null, 'printer'],
    // Epson's built-in print servers (GLPI agent and OpenVAS plugin comments quote it).
    ['Epson print server', 'EPSON Built-in 11b/g/n Print Server', null, 'printer'],
    // MikroTik: sysDescr is "RouterOS <board>" (LibreNMS and many inventory tools match it).
    ['MikroTik router', 'RouterOS RB4011', null, 'router'],
    // The lab NAS's own snmpd.conf line, as DSM writes it.
    ['Synology NAS', 'Linux diskstation 4.4.302+ #69057 SMP x86_64 GNU/Linux synology_geminilake_920+', null, 'nas'],
    ['Hikvision camera', 'Hikvision SNMP Agent', null, 'camera'],
    // sysObjectID only: Brother's enterprise subtree 1.3.6.1.4.1.2435 (BROTHER-MIB, net-peripheral 2435.2.3.9).
    ['Brother by sysObjectID', null, '1.3.6.1.4.1.2435.2.3.9.1', 'printer'],
    ['MikroTik by sysObjectID', null, '1.3.6.1.4.1.14988.1', 'router'],
    ['Hikvision by sysObjectID', null, '1.3.6.1.4.1.39165.1.1', 'camera'],
  ] as const)('%s', (_what, sysDescr, sysObjectID, type) => {
    expect(identify(device([snmp(sysDescr, sysObjectID)]))?.type).toBe(type);
  });

  it('the SNMPv3 engine id names the maker without any community (Synology, enterprise 6574)', () => {
    const patch = identify(device([snmp(null, null, 'SNMPv3 engine 800019ae03001132aabbcc (enterprise 6574)')]))!;
    expect(patch.type).toBe('nas');
    expect(patch.evidence!.map((e) => e.detail)).toContain('SNMP enterprise number 6574 (Synology or QNAP) → NAS');
  });

  it('a generic Linux agent (net-snmp, enterprise 8072) says nothing about the type', () => {
    const patch = identify(device([snmp('Linux gw 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64', '1.3.6.1.4.1.8072.3.2.10')]));
    expect(patch?.type).toBeUndefined();
  });
});

describe('port signatures', () => {
  it.each([
    ['raw printing + IPP', [9100, 631], 'printer', 'open ports 9100 + 631 (raw printing and IPP) → printer'],
    ['raw printing + LPD', [9100, 515], 'printer', 'open ports 9100 + 515 (raw printing and LPD) → printer'],
    ['Xiongmai DVR control port', [80, 34567], 'camera', 'open ports 34567 (Xiongmai DVR/camera control port) → camera'],
    ['Dahua DVR control port', [80, 37777], 'camera', 'open ports 37777 (Dahua DVR/camera control port) → camera'],
    ['RTSP + ONVIF', [554, 8899], 'camera', 'open ports 554 + 8899 (RTSP and the ONVIF port of white-label cameras) → camera'],
    ['MikroTik Winbox', [8291], 'router', 'open ports 8291 (MikroTik Winbox management port) → router'],
    ['Synology DSM', [5000, 5001], 'nas', 'open ports 5000 + 5001 (Synology DSM web ports (HTTP and HTTPS)) → NAS'],
    ['Home Assistant', [8123], 'hub', 'open ports 8123 (Home Assistant web port) → hub'],
  ] as const)('%s', (_what, ports, type, reason) => {
    const patch = identify(device(ports.map((p) => tcp(p))))!;
    expect(patch.type).toBe(type);
    expect(patch.evidence!.map((e) => e.detail)).toContain(reason);
  });

  it('one port of a pair is not the signature (9100 alone stays a weak hint)', () => {
    const patch = identify(device([tcp(9100, 'jetdirect')]))!;
    expect(patch.type).toBeUndefined();
  });
});

describe('white-label cameras: RTSP with the web servers their firmware ships', () => {
  it('uc-httpd (Xiongmai firmware) alone says camera', () => {
    expect(identify(device([http(80, 'uc-httpd 1.0.0')]))?.type).toBe('camera');
  });

  it('RTSP next to Boa (generic embedded server) is camera; Boa alone is not', () => {
    const both = identify(device([http(80, 'Boa/0.94.14rc21'), tcp(554, 'rtsp')]))!;
    expect(both.type).toBe('camera');
    expect(both.evidence!.map((e) => e.detail)).toContain(
      'open port 554/tcp speaks rtsp and web server "Boa/0.94.14rc21" on port 80 (video streaming next to an embedded web server) → camera');
    expect(identify(device([http(80, 'Boa/0.94.14rc21')]))?.type).toBeUndefined();
  });
});

describe('services that say what kind of device it is', () => {
  it('the Xiongmai web UI title "NETSurveillance WEB" (its boards\' firmware) says camera, on any port', () => {
    const page = tcp(81, 'http', { http: { status: 200, server: null, title: 'NETSurveillance WEB', realm: null } as NonNullable<Service['http']> });
    expect(identify(device([page]))?.type).toBe('camera');
  });

  it('an Android debug bridge open on the network says Android TV box', () => {
    expect(identify(device([tcp(5555, 'adb')]))?.type).toBe('media-player');
  });

  it.each([['BUFFALO.INC'], ['Western Digital Technologies, Inc.']])('SMB on a storage maker\'s device (IEEE "%s") says NAS; SMB alone does not', (vendor) => {
    expect(identify(device([tcp(445, 'smb')], { vendor }))?.type).toBe('nas');
    expect(identify(device([tcp(445, 'smb')]))?.type).toBeUndefined();
  });

  it('a LinkStation or My Cloud host name says NAS', () => {
    expect(identify(device([], { hostnames: ['linkstation.local'] }))?.type).toBe('nas');
    expect(identify(device([], { hostnames: ['mycloud'] }))?.type).toBe('nas');
  });
});

describe('certificate names', () => {
  it('a DNS name in the certificate counts as a name (Synology\'s default certificate)', () => {
    const https = tcp(5001, 'https', {
      encrypted: true,
      tls: {
        protocol: 'TLSv1.3', cipher: null,
        certificate: { subject: 'C=TW, O=Synology Inc., CN=synology', issuer: 'CN=Synology Inc. CA', selfSigned: false, validFrom: '', validTo: '', altNames: ['DNS:synology'], fingerprint256: '' },
      },
    });
    const patch = identify(device([https]))!;
    expect(patch.type).toBe('nas');
    expect(patch.evidence!.map((e) => e.detail)).toContain('name "synology" → NAS');
  });
});
