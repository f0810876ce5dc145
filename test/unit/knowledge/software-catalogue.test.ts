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
  // Apache HTTP Server: "(Unix)"/"(Win64)" builds are upstream's; distribution tags stay silent.
  'apache-cve-2021-40438': {
    vulnerable: ['http:Apache/2.4.48 (Unix)', 'http:Apache/2.4.41 (Unix)'],
    // 2.2 is reported as end of life, not with the 2.4 line's CVE.
    fixed: ['http:Apache/2.4.49 (Unix)', 'http:Apache/2.4.62 (Unix)', 'http:Apache/2.2.34 (Unix)'],
    silent: ['http:Apache/2.4.41 (Ubuntu)', 'http:Apache/2.4.29 (Ubuntu)'],
  },
  'apache-cve-2019-0211': {
    vulnerable: ['http:Apache/2.4.17 (Unix)', 'http:Apache/2.4.38 (Unix)', 'http:Apache/2.4.25 (Unix) OpenSSL/1.0.2k'],
    fixed: ['http:Apache/2.4.39 (Unix)', 'http:Apache/2.4.16 (Unix)'],
    silent: ['http:Apache/2.4.38 (Debian)', 'http:Apache/2.4.29 (Ubuntu)'],
  },
  'apache-cve-2024-38475': {
    vulnerable: ['http:Apache/2.4.59 (Unix)', 'http:Apache/2.4.57 (Unix) OpenSSL/3.0.11'],
    fixed: ['http:Apache/2.4.60 (Unix)', 'http:Apache/2.4.62 (Unix)', 'http:Apache/2.2.22 (Unix)'],
    silent: ['http:Apache/2.4.59 (Debian)', 'http:Apache/2.4.52 (Ubuntu)'],
  },
  'apache-cve-2017-9798': {
    vulnerable: ['http:Apache/2.2.34 (Unix)', 'http:Apache/2.4.27 (Unix)', 'http:Apache/2.2.22 (Unix) mod_ssl/2.2.22 OpenSSL/1.0.1e'],
    fixed: ['http:Apache/2.4.28 (Unix)', 'http:Apache/2.4.62 (Unix)'],
    silent: ['http:Apache/2.4.25 (Debian)', 'http:Apache/2.2.15 (CentOS)'],
  },
  'apache-cve-2021-44790': {
    // XAMPP on Windows prints its bundled versions like this.
    vulnerable: ['http:Apache/2.4.51 (Unix)', 'http:Apache/2.4.46 (Win64) OpenSSL/1.1.1g PHP/7.4.11'],
    fixed: ['http:Apache/2.4.52 (Unix)', 'http:Apache/2.4.62 (Unix)', 'http:Apache/2.2.34 (Unix)'],
    silent: ['http:Apache/2.4.51 (Debian)'],
  },
  'apache-cve-2023-25690': {
    vulnerable: ['http:Apache/2.4.55 (Unix)', 'http:Apache/2.4.0 (Unix)'],
    fixed: ['http:Apache/2.4.56 (Unix)', 'http:Apache/2.2.34 (Unix)'],
    silent: ['http:Apache/2.4.54 (Debian)'],
  },
  // OpenSSL as Apache's mod_ssl announces it next to its own version.
  'openssl-cve-2014-0160': {
    vulnerable: ['http:Apache/2.2.22 (Unix) mod_ssl/2.2.22 OpenSSL/1.0.1e', 'http:Apache/2.4.7 (Unix) OpenSSL/1.0.1f', 'http:Apache/2.4.9 (Unix) OpenSSL/1.0.1'],
    fixed: ['http:Apache/2.4.10 (Unix) OpenSSL/1.0.1g', 'http:Apache/2.2.22 (Unix) mod_ssl/2.2.22 OpenSSL/0.9.8zh', 'http:Apache/2.4.29 (Unix) OpenSSL/1.0.2n'],
    // Red Hat's "-fips" builds back-ported the fix; Debian's build says so.
    silent: ['http:Apache/2.4.6 (Unix) OpenSSL/1.0.1e-fips', 'http:Apache/2.2.22 (Debian) mod_ssl/2.2.22 OpenSSL/1.0.1e'],
  },
  'openssl-end-of-life': {
    vulnerable: ['http:Apache/2.4.10 (Unix) OpenSSL/1.0.1g', 'http:Apache/2.4.41 (Unix) OpenSSL/1.1.1d'],
    fixed: ['http:Apache/2.4.62 (Unix) OpenSSL/3.0.13', 'http:Apache/2.4.58 (Unix) OpenSSL/3.1.4'],
    silent: ['http:Apache/2.4.6 (CentOS) OpenSSL/1.0.2k-fips', 'http:Apache/2.4.37 (Unix) OpenSSL/1.1.1k-fips'],
  },
  'iis-cve-2017-7269': {
    vulnerable: ['http:Microsoft-IIS/6.0'],
    fixed: ['http:Microsoft-IIS/7.5', 'http:Microsoft-IIS/10.0'],
    silent: ['http:Microsoft-HTTPAPI/2.0'],
  },
  'iis-end-of-life': {
    vulnerable: ['http:Microsoft-IIS/6.0', 'http:Microsoft-IIS/5.0'],
    fixed: ['http:Microsoft-IIS/7.5', 'http:Microsoft-IIS/10.0'],
    silent: ['http:Microsoft-HTTPAPI/2.0'],
  },
  'webmin-cve-2019-15107': {
    vulnerable: ['http:MiniServ/1.890', 'http:MiniServ/1.920', 'http:MiniServ/1.921'],
    fixed: ['http:MiniServ/1.930', 'http:MiniServ/1.881', 'http:MiniServ/2.105'],
    silent: ['http:MiniServ'],
  },
  'nostromo-cve-2019-16278': {
    // The exploit's target check reads exactly this header (exploit-db 47837).
    vulnerable: ['http:nostromo 1.9.6', 'http:nostromo 1.9.3'],
    fixed: ['http:nostromo 1.9.7'],
    silent: ['http:nostromo'],
  },
  // nginx: Ubuntu's builds say "(Ubuntu)"; Debian's carry no tag (see the rows' note).
  'nginx-cve-2013-2028': {
    vulnerable: ['http:nginx/1.4.0', 'http:nginx/1.3.9'],
    fixed: ['http:nginx/1.4.1', 'http:nginx/1.3.8', 'http:nginx/1.5.0'],
    silent: ['http:nginx', 'http:nginx/1.4.0 (Ubuntu)'],
  },
  'nginx-cve-2013-4547': {
    vulnerable: ['http:nginx/1.2.1', 'http:nginx/1.4.3', 'http:nginx/1.5.6'],
    fixed: ['http:nginx/1.4.4', 'http:nginx/1.5.7', 'http:nginx/0.8.40'],
    silent: ['http:nginx', 'http:nginx/1.4.3 (Ubuntu)'],
  },
  'nginx-cve-2016-4450': {
    vulnerable: ['http:nginx/1.10.0', 'http:nginx/1.11.0', 'http:nginx/1.6.2'],
    fixed: ['http:nginx/1.10.1', 'http:nginx/1.11.1', 'http:nginx/1.3.8'],
    silent: ['http:nginx/1.10.0 (Ubuntu)', 'http:nginx/1.4.6 (Ubuntu)'],
  },
  'nginx-cve-2017-7529': {
    vulnerable: ['http:nginx/1.12.0', 'http:nginx/1.13.2', 'http:nginx/1.10.3'],
    fixed: ['http:nginx/1.12.1', 'http:nginx/1.12.2', 'http:nginx/1.13.3'],
    silent: ['http:nginx/1.10.3 (Ubuntu)', 'http:nginx'],
  },
  'nginx-end-of-life': {
    vulnerable: ['http:nginx/1.18.0', 'http:nginx/1.21.6', 'http:nginx/1.4.0'],
    fixed: ['http:nginx/1.22.1', 'http:nginx/1.26.2'],
    silent: ['http:nginx/1.18.0 (Ubuntu)', 'http:nginx'],
  },
  'openssh-cve-2023-48795': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_9.5p1', 'ssh:SSH-2.0-OpenSSH_8.4p1', 'ssh:SSH-2.0-OpenSSH_7.4p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_9.6p1', 'ssh:SSH-2.0-OpenSSH_9.9p1'],
    silent: ['ssh:SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3', 'ssh:SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10', 'ssh:SSH-2.0-OpenSSH_7.4'],
  },
  'openssh-cve-2023-25136': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_9.1p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_9.2p1', 'ssh:SSH-2.0-OpenSSH_9.0p1'],
    silent: ['ssh:SSH-2.0-OpenSSH_9.1p1 Debian-2'],
  },
  'openssh-cve-2016-6515': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_7.2p2', 'ssh:SSH-2.0-OpenSSH_6.6.1p1', 'ssh:SSH-2.0-OpenSSH_5.3p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_7.3p1', 'ssh:SSH-2.0-OpenSSH_7.4p1'],
    silent: ['ssh:SSH-2.0-OpenSSH_7.2p2 Ubuntu-4ubuntu2.10', 'ssh:SSH-2.0-OpenSSH_6.7p1 Debian-5+deb8u8'],
  },
  'openssh-cve-2016-6210': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_7.2p2', 'ssh:SSH-2.0-OpenSSH_6.9p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_7.3p1', 'ssh:SSH-2.0-OpenSSH_8.0p1'],
    // CentOS 6 prints "OpenSSH_5.3" (Red Hat back-ports).
    silent: ['ssh:SSH-2.0-OpenSSH_6.7p1 Debian-5+deb8u8', 'ssh:SSH-2.0-OpenSSH_5.3'],
  },
  'openssh-cve-2015-5600': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_6.9p1', 'ssh:SSH-2.0-OpenSSH_5.3p1', 'ssh:SSH-2.0-OpenSSH_6.6.1p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_7.0p1', 'ssh:SSH-2.0-OpenSSH_7.4p1'],
    silent: ['ssh:SSH-2.0-OpenSSH_6.6.1p1 Ubuntu-2ubuntu2.13', 'ssh:SSH-2.0-OpenSSH_5.3'],
  },
  'openssh-cve-2006-5051': {
    // Servers that still speak SSH-1 answer "SSH-1.99-".
    vulnerable: ['ssh:SSH-2.0-OpenSSH_4.3p2', 'ssh:SSH-1.99-OpenSSH_3.9p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_4.4p1', 'ssh:SSH-2.0-OpenSSH_4.7p1'],
    silent: ['ssh:SSH-2.0-OpenSSH_4.3p2 Debian-9etch3', 'ssh:SSH-2.0-OpenSSH_4.3'],
  },
  'openssh-cve-2010-5107': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_6.1p1', 'ssh:SSH-2.0-OpenSSH_5.9p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_6.2p1', 'ssh:SSH-2.0-OpenSSH_6.2p2'],
    silent: ['ssh:SSH-2.0-OpenSSH_5.9p1 Debian-5ubuntu1.10'],
  },
  'openssh-cve-2016-1907': {
    vulnerable: ['ssh:SSH-2.0-OpenSSH_7.1p1', 'ssh:SSH-2.0-OpenSSH_6.6.1p1'],
    fixed: ['ssh:SSH-2.0-OpenSSH_7.1p2', 'ssh:SSH-2.0-OpenSSH_7.2p2'],
    silent: ['ssh:SSH-2.0-OpenSSH_6.7p1 Debian-5+deb8u3'],
  },
  'dropbear-cve-2017-9078': {
    vulnerable: ['ssh:SSH-2.0-dropbear_2013.58', 'ssh:SSH-2.0-dropbear_2016.74', 'ssh:SSH-2.0-dropbear_2015.67'],
    fixed: ['ssh:SSH-2.0-dropbear_2017.75', 'ssh:SSH-2.0-dropbear_2012.55'],
    silent: ['ssh:SSH-2.0-dropbear'],
  },
  'dropbear-cve-2012-0920': {
    vulnerable: ['ssh:SSH-2.0-dropbear_0.52', 'ssh:SSH-2.0-dropbear_2011.54', 'ssh:SSH-2.0-dropbear_0.53.1'],
    fixed: ['ssh:SSH-2.0-dropbear_2012.55', 'ssh:SSH-2.0-dropbear_0.51'],
    silent: ['ssh:SSH-2.0-dropbear'],
  },
  'dropbear-cve-2019-12953': {
    vulnerable: ['ssh:SSH-2.0-dropbear_2011.54', 'ssh:SSH-2.0-dropbear_2018.76', 'ssh:SSH-2.0-dropbear_2017.75'],
    fixed: ['ssh:SSH-2.0-dropbear_2019.77', 'ssh:SSH-2.0-dropbear_2019.78', 'ssh:SSH-2.0-dropbear_0.52'],
    silent: ['ssh:SSH-2.0-dropbear'],
  },
  'dropbear-cve-2013-4421': {
    vulnerable: ['ssh:SSH-2.0-dropbear_2013.58', 'ssh:SSH-2.0-dropbear_0.46'],
    fixed: ['ssh:SSH-2.0-dropbear_2013.59', 'ssh:SSH-2.0-dropbear_2014.63'],
    silent: ['ssh:SSH-2.0-dropbear'],
  },
  'proftpd-cve-2011-4130': {
    vulnerable: ['ftp:220 ProFTPD 1.3.3c Server (ProFTPD Default Installation) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.2e Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.3f Server (ProFTPD) [192.168.1.20]'],
    fixed: ['ftp:220 ProFTPD 1.3.3g Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.4a Server (ProFTPD) [192.168.1.20]'],
    silent: ['ftp:220 ProFTPD 1.3.3a Server (Debian) [::ffff:192.168.1.20]'],
  },
  'proftpd-cve-2019-18217': {
    vulnerable: ['ftp:220 ProFTPD 1.3.6 Server (ProFTPD Default Installation) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.6a Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.7rc1 Server (ProFTPD) [192.168.1.20]'],
    fixed: ['ftp:220 ProFTPD 1.3.6b Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.7rc2 Server (ProFTPD) [192.168.1.20]', 'ftp:220 ProFTPD 1.3.7a Server (ProFTPD) [192.168.1.20]'],
    silent: ['ftp:220 ProFTPD 1.3.6 Server (Debian) [::ffff:192.168.1.20]'],
  },
  'vsftpd-cve-2015-1419': {
    vulnerable: ['ftp:220 (vsFTPd 3.0.2)', 'ftp:220 (vsFTPd 2.2.2)'],
    fixed: ['ftp:220 (vsFTPd 3.0.3)', 'ftp:220 (vsFTPd 3.0.5)'],
    silent: ['ftp:220 Welcome to the NAS FTP service.'],
  },
  'lighttpd-cve-2015-3200': {
    vulnerable: ['http:lighttpd/1.4.35', 'http:lighttpd/1.4.28'],
    fixed: ['http:lighttpd/1.4.36', 'http:lighttpd/1.4.59'],
    silent: ['http:lighttpd'],
  },
  'lighttpd-cve-2022-37797': {
    vulnerable: ['http:lighttpd/1.4.65', 'http:lighttpd/1.4.59'],
    fixed: ['http:lighttpd/1.4.66', 'http:lighttpd/1.4.69'],
    silent: ['http:lighttpd'],
  },
  'lighttpd-cve-2022-41556': {
    vulnerable: ['http:lighttpd/1.4.66', 'http:lighttpd/1.4.53'],
    fixed: ['http:lighttpd/1.4.67', 'http:lighttpd/1.4.76'],
    silent: ['http:lighttpd'],
  },
  'libupnp-cve-2016-8863': {
    vulnerable: ['upnp:Linux/3.10.0 UPnP/1.0 Portable SDK for UPnP devices/1.6.20', 'upnp:Linux/2.6.36, UPnP/1.0, Portable SDK for UPnP devices/1.6.19'],
    fixed: ['upnp:Linux/4.9 UPnP/1.0 Portable SDK for UPnP devices/1.6.21', 'upnp:Linux/2.6 UPnP/1.0 Portable SDK for UPnP devices/1.4.6'],
    silent: ['upnp:Linux/3.16.0-4-amd64, UPnP/1.0, Portable SDK for UPnP devices/1.6.19 (Debian)'],
  },
  'libupnp-cve-2020-13848': {
    vulnerable: ['upnp:Linux/4.4 UPnP/1.0 Portable SDK for UPnP devices/1.8.4', 'upnp:Linux/5.4 UPnP/1.0 Portable SDK for UPnP devices/1.12.1'],
    fixed: ['upnp:Linux/5.10 UPnP/1.0 Portable SDK for UPnP devices/1.12.2', 'upnp:Linux/6.1 UPnP/1.0 Portable SDK for UPnP devices/1.14.18'],
    silent: ['upnp:Linux/4.19.0-20-amd64, UPnP/1.0, Portable SDK for UPnP devices/1.8.4 (Debian)'],
  },
  // Jetty prints its version with the build date: "Jetty(9.4.31.v20200723)".
  'jetty-cve-2021-28164': {
    vulnerable: ['http:Jetty(9.4.37.v20210219)', 'http:Jetty(9.4.38.v20210224)'],
    fixed: ['http:Jetty(9.4.39.v20210325)', 'http:Jetty(9.4.36.v20210114)'],
    silent: ['http:Jetty(9.4.z-SNAPSHOT)'],
  },
  'jetty-cve-2021-34429': {
    vulnerable: ['http:Jetty(9.4.42.v20210604)', 'http:Jetty(10.0.5)', 'http:Jetty(11.0.1)'],
    fixed: ['http:Jetty(9.4.43.v20210629)', 'http:Jetty(10.0.6)', 'http:Jetty(9.4.36.v20210114)'],
    silent: ['http:Jetty(9.4.z-SNAPSHOT)'],
  },
  'jetty-end-of-life': {
    vulnerable: ['http:Jetty(9.2.14.v20151106)', 'http:Jetty(6.1.26)', 'http:Jetty(9.3.24.v20180605)'],
    fixed: ['http:Jetty(9.4.53.v20231009)', 'http:Jetty(12.0.8)'],
    silent: ['http:Jetty(9.4.z-SNAPSHOT)'],
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
    // On KEV: 7.5 high → critical (Heartbleed), 7.8 high → critical; 9.8 stays critical.
    ['openssl-cve-2014-0160', 'critical'], ['apache-cve-2019-0211', 'critical'], ['iis-cve-2017-7269', 'critical'],
    ['nginx-cve-2013-2028', 'high'], ['jetty-cve-2021-28164', 'medium'], ['nginx-end-of-life', 'medium'],
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
