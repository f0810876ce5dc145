// Every catalogue row against real-world strings devices send: a vulnerable version, a fixed one,
// and a distribution build or a string without a usable version, which must stay silent.
import { describe, expect, it } from 'vitest';
import type { Device, Service } from '../../../backend/src/core/types.js';
import { softwareInventory } from '../../../backend/src/identify/software.js';
import {
  BUILT_IN_CATALOGUE, catalogueAgeDays, matchingEntries, severityOf, validateCatalogue,
} from '../../../backend/src/knowledge/software-catalogue.js';
import { compareVersions, inRange } from '../../../backend/src/knowledge/version.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';

type Said = `ssh:${string}` | `ftp:${string}` | `http:${string}` | `rtsp:${string}` | `upnp:${string}`;

/** A device that said one thing: an SSH or FTP greeting, or an HTTP/RTSP/UPnP Server header. */
function deviceSaying(said: Said): Device {
  const [kind, ...rest] = said.split(':');
  const text = rest.join(':');
  const device = emptyDevice('10.0.0.9', null);
  const base: Service = { port: 80, transport: 'tcp', service: kind!, encrypted: false, banner: null, product: null };
  if (kind === 'ssh') device.services = [{ ...base, port: 22, banner: text }];
  else if (kind === 'ftp') device.services = [{ ...base, port: 21, banner: text }];
  else if (kind === 'http') device.services = [{ ...base, http: { status: 200, server: text, title: null, authScheme: null, realm: null } }];
  else if (kind === 'rtsp') device.services = [{ ...base, port: 554, product: text }];
  else device.upnp = [{ location: 'http://10.0.0.9:5000/rootDesc.xml', deviceType: null, manufacturer: null, modelName: null, friendlyName: null, server: text }];
  return device;
}

function rowsFor(said: Said): string[] {
  return softwareInventory(deviceSaying(said)).flatMap((item) => matchingEntries(item).map((e) => e.id));
}

/** Per row: strings that must raise it, strings of fixed versions, and strings that must stay silent. */
const CASES: Record<string, { vulnerable: Said[]; fixed: Said[]; silent: Said[] }> = {
  'openssh-cve-2024-6387': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_8.5p1', 'ssh:SSH-2.0-OpenSSH_9.3p1', 'ssh:SSH-2.0-OpenSSH_9.7p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_9.8p1', 'ssh:SSH-2.0-OpenSSH_8.4p1', 'ssh:SSH-2.0-OpenSSH_10.0p2'],
    // Debian and Ubuntu back-port the fix; OpenBSD's own sshd (no "p") was never affected.
    silent: ['ssh:SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3', 'ssh:SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10', 'ssh:SSH-2.0-OpenSSH_9.6', 'ssh:SSH-2.0-OpenSSH_9.3p1 Raspbian-1'],
  },
  'dropbear-cve-2016-7406': {
    vulnerable: ['ssh:SSH-2.0-dropbear_2014.63', 'ssh:SSH-2.0-dropbear_2016.73', 'ssh:SSH-2.0-dropbear_0.52'],
    fixed: ['ssh:SSH-2.0-dropbear_2016.74', 'ssh:SSH-2.0-dropbear_2019.78', 'ssh:SSH-2.0-dropbear_2022.83'],
    silent: ['ssh:SSH-2.0-dropbear'],
  },
  'vsftpd-cve-2011-2523': {
    vulnerable: ['ftp:220 (vsFTPd 2.3.4)'],
    fixed: ['ftp:220 (vsFTPd 3.0.3)', 'ftp:220 (vsFTPd 2.3.5)', 'ftp:220 (vsFTPd 2.3.2)'],
    silent: ['ftp:220 Welcome to the NAS FTP service.'],
  },
  'proftpd-cve-2015-3306': {
    vulnerable: ['ftp:220 ProFTPD 1.3.5 Server (ProFTPD Default Installation) [192.168.1.20]'],
    fixed: ['ftp:220 ProFTPD 1.3.5a Server (ProFTPD Default Installation) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.6 Server (ProFTPD) [192.168.1.20]'],
    silent: ['ftp:220 ProFTPD 1.3.5 Server (Debian) [::ffff:192.168.1.20]', 'ftp:220 ProFTPD Server (ProFTPD) [192.168.1.20]'],
  },
  'proftpd-cve-2010-4221': {
    vulnerable: ['ftp:220 ProFTPD 1.3.3a Server (ProFTPD Default Installation) [10.0.0.5]', 'ftp:220 ProFTPD 1.3.2rc3 Server (ProFTPD) [10.0.0.5]', 'ftp:220 ProFTPD 1.3.3b Server (ProFTPD) [10.0.0.5]'],
    fixed: ['ftp:220 ProFTPD 1.3.3c Server (ProFTPD) [10.0.0.5]', 'ftp:220 ProFTPD 1.3.2rc2 Server (ProFTPD) [10.0.0.5]', 'ftp:220 ProFTPD 1.3.1 Server (ProFTPD) [10.0.0.5]'],
    silent: ['ftp:220 ProFTPD 1.3.3a Server (Debian) [::ffff:10.0.0.5]'],
  },
  'rompager-cve-2014-9222': {
    vulnerable: ['http:RomPager/4.07 UPnP/1.0', 'http:Allegro-Software-RomPager/4.34', 'upnp:RomPager/4.07 UPnP/1.0'],
    fixed: ['http:RomPager/4.51 UPnP/1.0', 'http:Allegro-Software-RomPager/5.40'],
    silent: ['http:RomPager'],
  },
  'goahead-cve-2017-17562': {
    vulnerable: ['http:GoAhead-Webs/2.5.0 PeerSec-MatrixSSL/3.1.3-OPEN', 'http:GoAhead-http/3.6.4'],
    fixed: ['http:GoAhead-http/3.6.5', 'http:GoAhead-http/4.1.0'],
    silent: ['http:GoAhead-Webs', 'http:GoAhead-http'],
  },
  'mini_httpd-cve-2018-18778': {
    vulnerable: ['http:mini_httpd/1.19 19dec2003', 'http:mini_httpd/1.29 23May2018'],
    fixed: ['http:mini_httpd/1.30 26Oct2018'],
    silent: ['http:mini_httpd'],
  },
  'uc-httpd-cve-2017-7577': {
    vulnerable: ['http:uc-httpd 1.0.0', 'http:uc-httpd/1.0.0'],
    fixed: ['http:uc-httpd 1.0.1'],
    silent: ['http:uc-httpd'],
  },
  'uc-httpd-cve-2018-10088': {
    vulnerable: ['http:uc-httpd 1.0.0'],
    fixed: ['http:uc-httpd 1.1.0'],
    silent: ['http:uc-httpd'],
  },
  'apache-cve-2021-41773': {
    vulnerable: ['http:Apache/2.4.49 (Unix)', 'http:Apache/2.4.49'],
    fixed: ['http:Apache/2.4.50 (Unix)', 'http:Apache/2.4.48 (Unix)', 'http:Apache/2.4.62 (Unix)'],
    silent: ['http:Apache/2.4.49 (Ubuntu)', 'http:Apache-Coyote/1.1'],
  },
  'apache-cve-2021-42013': {
    vulnerable: ['http:Apache/2.4.50 (Unix) OpenSSL/1.1.1k', 'http:Apache/2.4.49 (Unix)'],
    fixed: ['http:Apache/2.4.51 (Unix)', 'http:Apache/2.4.48 (Unix)'],
    silent: ['http:Apache/2.4.50 (Debian)', 'http:Apache'],
  },
  'openssh-cve-2018-15473': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_7.4p1', 'ssh:SSH-2.0-OpenSSH_7.7p1', 'ssh:SSH-2.0-OpenSSH_6.6.1p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_7.8p1', 'ssh:SSH-2.0-OpenSSH_8.0p1'],
    // CentOS 7 prints "OpenSSH_7.4" (Red Hat back-ports); Debian stretch its own build.
    silent: ['ssh:SSH-2.0-OpenSSH_7.4', 'ssh:SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u7', 'ssh:SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.7'],
  },
  'proftpd-cve-2019-12815': {
    vulnerable: ['ftp:220 ProFTPD 1.3.5b Server (ProFTPD Default Installation) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.5 Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.4a Server (ProFTPD) [192.168.1.20]'],
    fixed: ['ftp:220 ProFTPD 1.3.5c Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.6 Server (ProFTPD) [192.168.1.20]'],
    silent: ['ftp:220 ProFTPD 1.3.5b Server (Debian) [::ffff:192.168.1.20]'],
  },
  'vsftpd-cve-2011-0762': {
    vulnerable: ['ftp:220 (vsFTPd 2.3.2)', 'ftp:220 (vsFTPd 2.0.5)'],
    fixed: ['ftp:220 (vsFTPd 2.3.3)', 'ftp:220 (vsFTPd 3.0.3)'],
    silent: ['ftp:220 Welcome to the NAS FTP service.'],
  },
  'goahead-cve-2014-9707': {
    vulnerable: ['http:GoAhead-http/3.4.1', 'http:GoAhead-http/3.0.0'],
    fixed: ['http:GoAhead-http/3.4.2', 'http:GoAhead-Webs/2.5.0 PeerSec-MatrixSSL/3.1.3-OPEN'],
    silent: ['http:GoAhead-http'],
  },
  'mini_httpd-cve-2017-17663': {
    vulnerable: ['http:mini_httpd/1.19 19dec2003', 'http:mini_httpd/1.27 07Feb2017'],
    fixed: ['http:mini_httpd/1.28 08Feb2018', 'http:mini_httpd/1.30 26Oct2018'],
    silent: ['http:mini_httpd'],
  },
  'thttpd-cve-2017-17663': {
    vulnerable: ['http:thttpd/2.25b 29dec2003', 'http:thttpd/2.27 19Oct2015'],
    fixed: ['http:thttpd/2.28 08Feb2018', 'http:thttpd/2.29 23May2018'],
    silent: ['http:thttpd'],
  },
  'libupnp-cve-2012-5958': {
    vulnerable: ['upnp:Linux/2.6.12, UPnP/1.0, Portable SDK for UPnP devices/1.6.6', 'http:Linux/2.6 UPnP/1.0 Portable SDK for UPnP devices/1.3.1', 'upnp:Linux, UPnP/1.0, Intel SDK for UPnP devices/1.2'],
    fixed: ['upnp:Linux/3.10 UPnP/1.0 Portable SDK for UPnP devices/1.6.18', 'upnp:Linux/4.9 UPnP/1.0 Portable SDK for UPnP devices/1.14.12'],
    silent: ['upnp:Linux/3.2.0-4-amd64, UPnP/1.0, Portable SDK for UPnP devices/1.6.6 (Debian)'],
  },
  'miniupnpd-cve-2013-0229': {
    vulnerable: ['upnp:Linux/2.6.36 UPnP/1.0 MiniUPnPd/1.0', 'upnp:Linux 2.6.22 UPnP/1.0 MiniUPnPd/1.3'],
    fixed: ['upnp:Linux/3.14 UPnP/1.1 MiniUPnPd/1.9', 'upnp:OpenWRT/21.02 UPnP/1.1 MiniUPnPd/2.2.1'],
    silent: ['upnp:Debian/12 UPnP/1.1 MiniUPnPd/1.3'],
  },
  'apache-2.2-end-of-life': {
    vulnerable: ['http:Apache/2.2.34 (Unix)', 'http:Apache/2.2.15', 'http:Apache/1.3.42 (Unix)'],
    fixed: ['http:Apache/2.4.62 (Unix)', 'http:Apache/2.4.49 (Unix)'],
    silent: ['http:Apache/2.2.15 (CentOS)', 'http:Apache/2.2.22 (Debian)'],
  },
  'lighttpd-cve-2014-2323': {
    vulnerable: ['http:lighttpd/1.4.28', 'http:lighttpd/1.4.34'],
    fixed: ['http:lighttpd/1.4.35', 'http:lighttpd/1.4.69'],
    silent: ['http:lighttpd'],
  },
  'lighttpd-cve-2018-19052': {
    vulnerable: ['http:lighttpd/1.4.35', 'http:lighttpd/1.4.49'],
    fixed: ['http:lighttpd/1.4.50', 'http:lighttpd/1.4.69'],
    silent: ['http:lighttpd'],
  },
  'lighttpd-cve-2022-22707': {
    vulnerable: ['http:lighttpd/1.4.46', 'http:lighttpd/1.4.59', 'http:lighttpd/1.4.63'],
    fixed: ['http:lighttpd/1.4.64', 'http:lighttpd/1.4.45', 'http:lighttpd/1.4.69'],
    silent: ['http:lighttpd'],
  },
  'boa-end-of-life': {
    vulnerable: ['http:Boa/0.94.14rc21', 'http:Boa/0.94.13', 'rtsp:Boa/0.94.14rc21'],
    // Boa has no fixed release: the "fixed" side is a maintained server on the same kind of device.
    fixed: ['http:lighttpd/1.4.59', 'http:BoaConstrictor/1.0'],
    silent: ['http:Boa/0.94.14rc21 (Debian)'],
  },
};

describe('software catalogue: every row has a test case, and each case matches', () => {
  it('is valid, dated, cites a public source per row and has a case per row', () => {
    expect(() => validateCatalogue(BUILT_IN_CATALOGUE)).not.toThrow();
    expect(BUILT_IN_CATALOGUE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(CASES).sort()).toEqual(BUILT_IN_CATALOGUE.entries.map((e) => e.id).sort());
  });

  describe.each(Object.entries(CASES))('%s', (id, cases) => {
    it.each(cases.vulnerable)('raises on %s', (said) => expect(rowsFor(said)).toContain(id));
    it.each(cases.fixed)('stays silent on the fixed %s', (said) => expect(rowsFor(said)).not.toContain(id));
    it.each(cases.silent)('stays silent on %s (back-port or no usable version)', (said) => expect(rowsFor(said)).not.toContain(id));
  });

  it('rejects a catalogue without sources, with a malformed CVE id, or without a date', () => {
    const row = BUILT_IN_CATALOGUE.entries[0]!;
    const base = { ...BUILT_IN_CATALOGUE, entries: [row] };
    expect(() => validateCatalogue({ ...base, entries: [{ ...row, sources: [] }] })).toThrow(/source/);
    expect(() => validateCatalogue({ ...base, entries: [{ ...row, cves: ['CVE-24-1'] }] })).toThrow(/CVE/);
    expect(() => validateCatalogue({ ...base, date: 'yesterday' })).toThrow(/date/);
    expect(() => validateCatalogue({ ...base, entries: [{ ...row, affected: [{ fixed: 'not a version!' }] }] })).toThrow(/version/);
  });
});

describe('severity from the CVSS score, one level up when on CISA KEV', () => {
  const byId = (id: string) => BUILT_IN_CATALOGUE.entries.find((e) => e.id === id)!;
  it.each([
    ['dropbear-cve-2016-7406', 'critical'], ['openssh-cve-2024-6387', 'high'], ['mini_httpd-cve-2018-18778', 'medium'],
    // 7.5 is high; on KEV it becomes critical. 8.1 on KEV: critical.
    ['apache-cve-2021-41773', 'critical'], ['goahead-cve-2017-17562', 'critical'], ['boa-end-of-life', 'medium'],
    // No CVSS number at hand: the published rating.
    ['libupnp-cve-2012-5958', 'high'], ['vsftpd-cve-2011-0762', 'medium'], ['openssh-cve-2018-15473', 'medium'],
  ])('%s → %s', (id, severity) => expect(severityOf(byId(id))).toBe(severity));
});

describe('version comparison', () => {
  it.each([
    ['8.5p1', '9.8p1', -1], ['9.8p1', '9.8p1', 0], ['1.3.5', '1.3.5a', -1], ['1.3.5a', '1.3.5b', -1],
    ['1.3.2rc3', '1.3.2', -1], ['1.3.2rc3', '1.3.2rc2', 1], ['0.94.14rc21', '0.94.13', 1], ['2016.74', '2016.73', 1],
    ['10.0p2', '9.9p1', 1], ['1.30', '1.29', 1], ['2.4.9', '2.4.10', -1],
  ] as const)('%s vs %s = %d', (a, b, want) => expect(compareVersions(a, b)).toBe(want));

  it('does not read what is not a version, and nothing unreadable is in a range', () => {
    expect(compareVersions('latest', '1.0')).toBeNull();
    expect(inRange('weird', { fixed: '2.0' })).toBe(false);
    expect(inRange('1.0', {})).toBe(false);
  });
});

describe('catalogue age', () => {
  it('counts whole days since its date', () => {
    expect(catalogueAgeDays({ ...BUILT_IN_CATALOGUE, date: '2026-01-01' }, new Date('2026-04-01T12:00:00Z'))).toBe(90);
  });
});
