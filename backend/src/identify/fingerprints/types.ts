// The shape of identification rules. A rule is one piece of evidence and what it suggests; rules
// are data (one file per device family in this folder, listed in index.ts).
import type { DeviceType } from '../../core/types.js';

/** What a rule looks at. Every pattern is matched case-insensitively against what the device said. */
export type Signal =
  /** An advertised DNS-SD service type, optionally with a TXT key whose value matches. */
  | { mdns: string; txt?: { key: string; match?: RegExp } }
  | { upnpDeviceType: RegExp }
  /** UPnP manufacturer + " " + modelName (+ " " + modelNumber). */
  | { upnpModel: RegExp }
  /** The IEEE registry name of the MAC's block. */
  | { vendor: RegExp }
  /** An open port whose service says it is this (service-id names it by what it answers). */
  | { service: string }
  | { httpTitle: RegExp }
  | { httpServer: RegExp }
  /** The realm of an HTTP login (WWW-Authenticate). */
  | { httpRealm: RegExp }
  /** The greeting or banner of any service (telnet, ssh, ftp…). */
  | { banner: RegExp }
  /** The NetBIOS names it registered: "workstation" (<00>) or "file-server" (<20>). */
  | { netbios: 'workstation' | 'file-server' }
  /** A name the device goes by: host names, UPnP friendlyName, TLS certificate subject and DNS names. */
  | { name: RegExp }
  /** What an SNMP agent says of itself: sysDescr or sysName, or its SNMPv3 engine description. */
  | { snmp: RegExp }
  /** The maker's IANA enterprise number: from the agent's sysObjectID or its SNMPv3 engine id. */
  | { snmpEnterprise: readonly number[] }
  /** Every one of these TCP ports is open: a port signature (9100 and 631 together: a printer). */
  | { ports: readonly number[] }
  /** All of these at once (each shown): e.g. RTSP next to a camera firmware's web server. */
  | { all: readonly Signal[] };

/** Where a model name comes from when the rule matches ('ipp': the printer-make-and-model an IPP service said). */
export type ModelSource = { txt: readonly string[] } | 'upnp' | 'ipp';

export interface Rule {
  when: Signal;
  type: DeviceType;
  /** 1–100: how strongly this evidence alone says so (combined as independent evidence). */
  weight: number;
  /** Optional plain-language note on what the evidence means ("HomeKit thermostat"). */
  note?: { en: string; ja: string };
  model?: ModelSource;
}
