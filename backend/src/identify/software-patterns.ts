// What a product name and version look like inside the strings devices send about themselves
// (HTTP/RTSP Server headers, UPnP SERVER headers, SSH and FTP greetings). Data, not code: add a
// row to recognise a new component. Group 1 of `pattern`, when present, is the version.

export interface SoftwarePattern {
  /** CPE-style product and vendor (lower case), and the name shown to people. */
  product: string;
  vendor: string;
  name: string;
  pattern: RegExp;
  /** CPE part: an application (default) or an operating system ("o", the Linux kernel). */
  part?: 'a' | 'o';
  /** A vendor's own build that back-ports fixes under the same number ("OpenSSL/1.0.1e-fips"): no version rule may fire on it. */
  vendorBuild?: RegExp;
  /**
   * The string never tells a distribution's build from upstream's: set, it is always treated as
   * a possible distribution build (this text is the reason shown), so no version rule fires on it.
   */
  buildHidden?: string;
}

/** Tokens of a Server / SERVER header ("Boa/0.94.14rc21", "Linux/2.6 UPnP/1.0 MiniUPnPd/1.4"). */
export const SERVER_PATTERNS: readonly SoftwarePattern[] = [
  { product: 'boa', vendor: 'boa', name: 'Boa', pattern: /\bBoa(?:\/(\d[\w.]*))?(?![\w-])/i },
  { product: 'lighttpd', vendor: 'lighttpd', name: 'lighttpd', pattern: /\blighttpd(?:\/(\d[\w.]*))?/i },
  { product: 'goahead', vendor: 'embedthis', name: 'GoAhead', pattern: /\bGoAhead-(?:Webs|http)(?:\/(\d[\w.]*))?/i },
  { product: 'mini_httpd', vendor: 'acme', name: 'mini_httpd', pattern: /\bmini_httpd(?:\/(\d[\w.]*))?/i },
  { product: 'thttpd', vendor: 'acme', name: 'thttpd', pattern: /\bthttpd(?:\/(\d[\w.]*))?/i },
  { product: 'micro_httpd', vendor: 'acme', name: 'micro_httpd', pattern: /\bmicro_httpd\b/i },
  { product: 'uc-httpd', vendor: 'xiongmaitech', name: 'uc-httpd (Xiongmai)', pattern: /\buc-httpd(?:[/ ](\d[\w.]*))?/i },
  { product: 'hikvision-webs', vendor: 'hikvision', name: 'Hikvision-Webs', pattern: /\bHikvision-Webs\b/i },
  { product: 'app-webs', vendor: 'hikvision', name: 'App-webs', pattern: /\bApp-webs\b/i },
  { product: 'rompager', vendor: 'allegrosoft', name: 'RomPager (Allegro)', pattern: /\b(?:Allegro-Software-)?RomPager(?:\/(\d[\w.]*))?/i },
  { product: 'http_server', vendor: 'apache', name: 'Apache HTTP Server', pattern: /\bApache\/(\d+\.\d+\.\d+)/ },
  { product: 'nginx', vendor: 'f5', name: 'nginx', pattern: /\bnginx(?:\/(\d[\w.]*))?/i },
  { product: 'libupnp', vendor: 'libupnp_project', name: 'Portable SDK for UPnP (libupnp)', pattern: /\b(?:Portable|Intel) SDK for UPnP devices\/(\d[\w.]*)/i },
  { product: 'miniupnpd', vendor: 'miniupnp_project', name: 'MiniUPnPd', pattern: /\bMiniUPnPd\/(\d[\w.]*)/i },
  // "Apache/2.2.22 (Unix) mod_ssl/2.2.22 OpenSSL/1.0.1e"; Red Hat's "-fips" builds back-port fixes.
  { product: 'openssl', vendor: 'openssl', name: 'OpenSSL', pattern: /\bOpenSSL\/(\d+\.\d+\.\d+[a-z]*)/i, vendorBuild: /\bOpenSSL\/\d+\.\d+\.\d+[a-z]*-\w+/i },
  { product: 'internet_information_services', vendor: 'microsoft', name: 'Microsoft IIS', pattern: /\bMicrosoft-IIS\/(\d+\.\d+)/i },
  // Webmin's own web server announces Webmin's version ("MiniServ/1.890").
  { product: 'webmin', vendor: 'webmin', name: 'Webmin (MiniServ)', pattern: /\bMiniServ\/(\d[\w.]*)/i },
  { product: 'nostromo_nhttpd', vendor: 'nazgul', name: 'nostromo nhttpd', pattern: /\bnostromo(?:[ /](\d[\w.]*))?/i },
  // "Jetty(9.4.31.v20200723)": the number before the build date; "Jetty(9.4.z-SNAPSHOT)" has none.
  { product: 'jetty', vendor: 'eclipse', name: 'Eclipse Jetty', pattern: /\bJetty(?:\((\d+\.\d+\.\d+)?[^)]*\))?/i },
];

/**
 * SNMP sysDescr, as Net-SNMP fills it from uname ("Linux diskstation 4.4.302+ #69057 SMP x86_64
 * GNU/Linux synology_geminilake_920+"): the kernel release after the node name.
 */
export const SNMP_PATTERNS: readonly SoftwarePattern[] = [
  { product: 'linux_kernel', vendor: 'linux', name: 'Linux kernel', part: 'o', pattern: /^Linux \S+ (\d+\.\d+(?:\.\d+)?)/ },
];

/**
 * MQTT "$SYS/broker/version", read in the anonymous session of an open broker: mosquitto says
 * "mosquitto version 2.0.11". Debian's and Ubuntu's packages (which back-port security fixes, e.g.
 * 2.0.11-1.2+deb12u1) print exactly the same string as upstream 2.0.11: no suffix, no distro name.
 * A version alone can never prove it is not a distribution build, so every mosquitto item is marked
 * as a possible one and no catalogue row fires on it: prefer silence to a guess. The inventory
 * still shows the product and version. aedes publishes under "$SYS/<broker id>/…" instead and
 * has no "$SYS/broker/version": nothing is read from it.
 */
export const MQTT_PATTERNS: readonly SoftwarePattern[] = [
  {
    product: 'mosquitto', vendor: 'eclipse', name: 'Eclipse Mosquitto', pattern: /^mosquitto version (\d+\.\d+(?:\.\d+)?)\b/i,
    buildHidden: 'possibly Debian/Ubuntu',
  },
];

/** Server greetings (SSH identification string, FTP 220 line). */
export const GREETING_SOFTWARE: Record<'ssh' | 'ftp', readonly SoftwarePattern[]> = {
  ssh: [
    { product: 'openssh', vendor: 'openbsd', name: 'OpenSSH', pattern: /^SSH-\d\.\d+-OpenSSH_(\S+)/ },
    { product: 'dropbear_ssh', vendor: 'dropbear_ssh_project', name: 'Dropbear SSH', pattern: /^SSH-\d\.\d+-dropbear(?:_(\S+))?/i },
  ],
  ftp: [
    { product: 'vsftpd', vendor: 'vsftpd_project', name: 'vsftpd', pattern: /\(vsFTPd (\d[\w.]*)\)/i },
    { product: 'proftpd', vendor: 'proftpd', name: 'ProFTPD', pattern: /\bProFTPD(?: (\d[\w.]*))?/ },
    { product: 'pure-ftpd', vendor: 'pureftpd', name: 'Pure-FTPd', pattern: /\bPure-FTPd\b/i },
  ],
};

/**
 * A distribution's own build: it back-ports security fixes without changing the upstream version
 * ("OpenSSH_9.2p1 Debian-2+deb12u3", "Apache/2.4.38 (Debian)"). The version then says nothing about
 * the flaws fixed, so no version rule may fire on it.
 */
export const DISTRO_BUILD = /\b(Debian|Ubuntu|Raspbian|CentOS|Red ?Hat|RHEL|Fedora|SUSE|FreeBSD|NetBSD|Alpine|Amazon Linux)\b|\bdeb\d+u\d+\b|\bel[6-9]\b/i;
