// What a device's services and announcements said of themselves, as the scan records it (the
// details under a Service or a Device in the JSON result: shared/contract/scan-result.md). Split from
// types.ts, which re-exports every name, so that one file holds the core records and this one the
// protocol details.

export interface MdnsService {
  type: string;
  name: string;
  port: number;
  txt: Record<string, string>;
}

export interface UpnpInfo {
  location: string;
  deviceType: string | null;
  manufacturer: string | null;
  modelName: string | null;
  friendlyName: string | null;
  /** Added to the contract: the rest of the UPnP device description's identity. */
  modelNumber?: string | null;
  udn?: string | null;
  /** The SERVER header of the SSDP answer, e.g. "Linux/4.14 UPnP/1.0 Tasmota/13.1.0". */
  server?: string | null;
}

/** Added to the contract: what a NetBIOS node status (NBSTAT) answer says about a host. */
export interface NetbiosInfo {
  /** The host's unique workstation name (<00>), e.g. "KANO-PC". */
  name: string;
  /** Its workgroup or domain (group <00>), when it says. */
  workgroup: string | null;
  /** Every registered name as "NAME<suffix>" (e.g. "KANO-PC<20>" = file server service). */
  names: string[];
}

/** Read in the anonymous session the exposure check opens anyway (never with a login). */
export interface MqttBrokerInfo {
  /** The payload of "$SYS/broker/version" ("mosquitto version 2.0.11"), printable and capped. */
  version?: string;
}

/** An IPP server's answer to Get-Printer-Attributes (RFC 8011 §4.2.5): printable, capped strings. */
export interface IppPrinterInfo {
  /** The IPP version of its answer ("2.0"). */
  version: string;
  /** The resource that answered ("/ipp/print"). */
  path: string;
  /** The operation's status code (0 successful-ok; a print server without that queue says 0x0406 not-found). */
  status: number;
  makeAndModel: string | null;
  info: string | null;
  name: string | null;
  /** The maker, from the IEEE 1284 device id (MFG). */
  make: string | null;
  /** printer-firmware-string-version, else printer-firmware-version (one per firmware component, at most 4). */
  firmware: string[];
  uuid: string | null;
}

/** What service identification tried on a port that never said what it is. */
export interface UnnamedService {
  /** How long we listened for a server-first greeting (the short wait, then in the background). */
  greetingWaitMs: number;
  /** The hellos sent, one connection each (http, tls, rtsp, mqtt…), none answered in its protocol. */
  hellos: string[];
}

/** SNMP system group (RFC 3418): what the agent says it is. Read only with a community the owner's consent allowed. */
export interface SnmpSystemInfo {
  /** The version that answered. */
  version: 'v1' | 'v2c';
  sysDescr: string | null;
  sysObjectID: string | null;
  sysName: string | null;
}

export interface TlsInfo {
  /** Negotiated with the best the server offers, e.g. "TLSv1.3". */
  protocol: string | null;
  cipher: string | null;
  certificate: TlsCertificateInfo | null;
}

export interface TlsCertificateInfo {
  subject: string;
  issuer: string;
  selfSigned: boolean;
  /** ISO-8601. */
  validFrom: string;
  validTo: string;
  /** subjectAltName entries as OpenSSL prints them, e.g. "DNS:hub.local", "IP Address:10.0.0.5". */
  altNames: string[];
  fingerprint256: string;
}

export interface HttpInfo {
  status: number;
  server: string | null;
  title: string | null;
  /** Scheme of WWW-Authenticate (Basic, Digest…) when the page demands a login. */
  authScheme: string | null;
  realm: string | null;
}
