// What a server's first words say about it. Data, not code: add a row to recognise a new banner.
export interface GreetingPattern {
  service: string;
  pattern: RegExp;
  /** Pulls a product name out of the greeting, when the protocol has one. */
  product?: (match: RegExpExecArray) => string | null;
}

export const GREETING_PATTERNS: readonly GreetingPattern[] = [
  { service: 'ssh', pattern: /^SSH-(\d\.\d+)-([^\s\r\n]+)/, product: (m) => m[2] ?? null },
  { service: 'ftp', pattern: /^220[ -](.*)/, product: (m) => (m[1] ?? '').trim() || null },
  { service: 'smtp', pattern: /^220[ -].*(SMTP|Postfix|Exim)/i },
  { service: 'telnet', pattern: /(login|username)\s*:\s*$/im },
  { service: 'vnc', pattern: /^RFB \d{3}\.\d{3}/ },
];

/** Ports where a client speaks first with TLS, RTSP or MQTT: tried in that order before HTTP. */
export const FIRST_GUESS: Record<number, 'tls' | 'rtsp' | 'mqtt'> = {
  443: 'tls', 8443: 'tls', 8883: 'tls', 993: 'tls', 995: 'tls', 5001: 'tls',
  554: 'rtsp', 8554: 'rtsp',
  1883: 'mqtt',
};

/**
 * Client-first protocols without an HTTP-like answer: on these ports their own hello is said too,
 * beside the generic ones, and the service is named only if it answers in that protocol
 * (probes/service-hellos.ts): Android debug bridge, SMB (direct and over a NetBIOS session), RDP.
 * (IPP answers the HTTP hello; see IPP_PORT.)
 */
export const PORT_HELLO: Record<number, 'adb' | 'smb' | 'netbios-ssn' | 'rdp'> = {
  5555: 'adb', 445: 'smb', 139: 'netbios-ssn', 3389: 'rdp',
};

/**
 * The IPP port (RFC 8010 §4, IANA 631). IPP travels over HTTP, so its server answers the HTTP
 * hello; on this port (or where the HTTP answer shows IPP) one read-only Get-Printer-Attributes is
 * asked, and the service is named `ipp` only if the answer is IPP. The HTTP checks run on it too.
 */
export const IPP_PORT = 631;

/**
 * Raw printing ports: whatever is sent there gets printed, so we never send a probe to them
 * (nmap's version detection excludes them for the same reason). Named by port, said as such.
 */
export const NEVER_PROBE: Record<number, string> = Object.fromEntries(
  [9100, 9101, 9102, 9103, 9104, 9105, 9106, 9107].map((port) => [port, 'jetdirect']),
);
