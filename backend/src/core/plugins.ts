// The four plug-in kinds. Each is a plain object; the define* helpers only give type inference and
// one place to validate metadata. Registration is the list in each folder's index.ts.
import type { Limiter } from './concurrency-limit.js';
import type { Logger } from './logger.js';
import type {
  Confidence, CredentialAttempt, Device, DeviceType, Evidence, FindingFamily, MdnsService, NetbiosInfo, Service, Severity, SoftwareItem, Transport, UpnpInfo,
} from './types.js';

/** What every plug-in receives: the scan's abort signal, a logger and what the scan is about. */
export interface PluginContext {
  readonly scanId: string;
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** Interface the scan runs on, and its IPv4 address (used to bind multicast and sweeps). */
  readonly interfaceName: string;
  readonly interfaceAddress: string | null;
  /** CIDRs in scope, already validated by scope/. */
  readonly targets: readonly string[];
  readonly loginChecks: boolean;
  /** Tuning shared by all plug-ins (ports, timeouts, concurrency). */
  readonly tuning: ScanTuning;
  /** Global bound on open sockets across the whole scan. */
  readonly limit: Limiter;
  /**
   * The same global bound, entered ahead of every queued socket: for the short name queries a
   * device's identity (and so its credential checks) waits for. Absent: use `limit`.
   */
  readonly limitFirst?: Limiter;
  /** Says what is being probed right now (shown live in the dashboard). */
  progress(current: string): void;
  /** Records a login attempt for the audit trail (credential checks must call it for every try). */
  recordAttempt(attempt: Omit<CredentialAttempt, 'at'>): void;
  /** Every device of this scan so far (the runner gives it; a re-test may not). */
  devices?(): readonly Readonly<Device>[];
  /**
   * A check reports what it learned about a service while checking it (the SNMP system group,
   * read with an accepted community): the runner merges it into the device's record and identifies
   * the device again. Absent in a re-test: then nothing is merged.
   */
  learned?(ip: string, service: Service): void;
}

export interface ScanTuning {
  tcpPorts: readonly number[];
  connectTimeoutMs: number;
  /** How long to listen for a server-first greeting (telnet, ssh, ftp) before sending a probe. */
  greetingMs: number;
  /** Hard deadline for one protocol exchange. */
  exchangeTimeoutMs: number;
  /**
   * How long to wait for the server's verdict on a credential (the answer to a password, a
   * CONNACK, an authenticated request). Real servers delay a failure: busybox login 3 s,
   * pam_faildelay 2–3 s, FTP servers up to 5 s. The wait ends as soon as the server answers.
   */
  loginAnswerMs: number;
  globalConcurrency: number;
  perHostConcurrency: number;
  /** How long ARP discovery waits for late replies after the sweep. */
  arpSettleMs: number;
}

/** One sighting of a host by one discoverer; the merger folds sightings into devices. */
export interface Observation {
  source: string;
  ip: string;
  mac?: string | null;
  hostnames?: string[];
  mdns?: MdnsService[];
  upnp?: UpnpInfo[];
  /** IPv6 addresses of the same host (joined by MAC). */
  ipv6?: string[];
  netbios?: NetbiosInfo;
  /**
   * False when the MAC/IP pair comes from a cache that this scan could not re-confirm (e.g. a
   * neighbour entry of a host that may have left): a confirmed sighting of the same MAC wins.
   */
  confirmed?: boolean;
}

export interface Discoverer {
  readonly id: string;
  readonly description: string;
  run(ctx: PluginContext, report: (observation: Observation) => void): Promise<void>;
  /**
   * A sweep that only finds devices (address and MAC), describing nothing more of them: a
   * device's identity does not wait for it to end (an ARP sweep of a /22 lasts seconds). Others
   * (mDNS, SSDP…) are listen windows every device's identity waits for.
   */
  readonly findsOnly?: boolean;
  /**
   * Where it works. Absent: on-link networks only (ARP, mDNS, SSDP stop at a router);
   * 'also': on routed networks too (unicast names); 'only': routed networks only (their sweep).
   */
  readonly routed?: 'also' | 'only';
  /**
   * Its enrich needs nothing from the listen windows (unicast names): the streaming runner calls it
   * for each device the moment the device is found, instead of in the batches after them.
   */
  readonly enrichesEach?: boolean;
  /**
   * Optional second pass, after every discoverer's run (the streaming runner: after every
   * describing run, over the devices found so far, then over each batch found later): looks at
   * those devices (names by NetBIOS, IPv6 neighbours by MAC…), so that it only ever talks to hosts
   * known to be there.
   */
  enrich?(devices: readonly Readonly<Device>[], ctx: PluginContext, report: (observation: Observation) => void): Promise<void>;
}

/** What an identifier concludes; only the fields it knows are set. */
export interface IdentityPatch {
  vendor?: string | null;
  randomizedMac?: boolean;
  type?: DeviceType;
  model?: string | null;
  typeConfidence?: number;
  evidence?: Evidence[];
  /** The device's software inventory (identify/software.ts). */
  software?: SoftwareItem[];
}

export interface Identifier {
  readonly id: string;
  readonly description: string;
  identify(device: Readonly<Device>, ctx: PluginContext): IdentityPatch | null;
}

export interface Probe {
  readonly id: string;
  readonly description: string;
  /**
   * Returns services found or refined; a later probe sees the services of earlier ones.
   * `found`, when given, is told of each service the moment it is known (the runner streams it on).
   */
  run(device: Readonly<Device>, ctx: PluginContext, found?: (service: Service) => void): Promise<Service[]>;
  /**
   * Names or refines one service an earlier probe found. The streaming runner calls it for
   * each service as soon as that one is found, instead of `run`; null when not its business.
   */
  refine?(device: Readonly<Device>, service: Readonly<Service>, ctx: PluginContext): Promise<Service | null>;
}

export interface CheckTarget {
  readonly device: Readonly<Device>;
  readonly service: Readonly<Service>;
}

export interface CheckResult {
  confidence: Confidence;
  /** Human-readable proof; never contains a clear-text credential. */
  evidence: string;
  /** Overrides the check's default severity when the evidence warrants it. */
  severity?: Severity;
  /**
   * The finding belongs to another device of the scan, on this port (a router's port mapping
   * is reported on the LAN host it forwards to). The runner falls back to the checked device when
   * no device of the scan has that address.
   */
  subject?: { ip: string; port: number; transport: Transport };
}

export const CHECK_TAGS = ['credentials', 'cleartext', 'exposure', 'tls'] as const;
export type CheckTag = (typeof CHECK_TAGS)[number];

/**
 * Which services a check looks at, declared (like NSE's shortport): a service matches when the list
 * of its transport names it or the port list of its transport holds its port, and, with
 * `unencrypted`, when it is not wrapped in TLS.
 */
export interface ServiceMatch {
  readonly tcp?: readonly string[];
  readonly udp?: readonly string[];
  /** Ports matched whatever the service's name (a service on a known port the probes could not name). */
  readonly tcpPorts?: readonly number[];
  readonly udpPorts?: readonly number[];
  readonly unencrypted?: boolean;
}

export function matchesService(on: ServiceMatch, service: Readonly<Service>): boolean {
  if (on.unencrypted && service.encrypted) return false;
  const names = service.transport === 'tcp' ? on.tcp : on.udp;
  const ports = service.transport === 'tcp' ? on.tcpPorts : on.udpPorts;
  return (names?.includes(service.service) ?? false) || (ports?.includes(service.port) ?? false);
}

export interface Check {
  /** Stable kebab-case id, equal to the file name. */
  readonly id: string;
  readonly finding: { family: FindingFamily; service: string };
  readonly severity: Severity;
  readonly tags: readonly CheckTag[];
  /** True if it logs in or could lock an account: only runs with login checks enabled. */
  readonly intrusive: boolean;
  /** Hard bound on logins or requests per target. */
  readonly maxAttempts: number;
  /** The services it looks at, when declared (defineCheck builds appliesTo from it). */
  readonly on?: ServiceMatch;
  /** Whether it looks at this service of this device (the runner's and re-test's gate asks it). */
  appliesTo(target: CheckTarget): boolean;
  run(target: CheckTarget, ctx: PluginContext): Promise<CheckResult[]>;
  /**
   * Services the check looks at beyond the port scan's (a UPnP control port found in a
   * device description, outside the scanned port list). The runner runs only this check on them.
   */
  extraServices?(device: Readonly<Device>, ctx: PluginContext): Service[];
  /**
   * For a check whose findings land on a `subject` elsewhere, where a re-test must run: the
   * device (and service) to check again, among the devices known now; null if none can.
   */
  retestTarget?(finding: { ip: string; port: number }, devices: readonly Readonly<Device>[], ctx: PluginContext): CheckTarget | null;
}

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function assertId(kind: string, id: string): void {
  if (!KEBAB.test(id)) throw new Error(`${kind} id "${id}" must be kebab-case`);
}

export function defineDiscoverer(d: Discoverer): Discoverer {
  assertId('discoverer', d.id);
  return d;
}

export function defineIdentifier(i: Identifier): Identifier {
  assertId('identifier', i.id);
  return i;
}

export function defineProbe(p: Probe): Probe {
  assertId('probe', p.id);
  return p;
}

/**
 * A check as written: `on` declares its services; `appliesTo`, when given as well, is a further
 * condition on the device or service (or the whole test, for a check that `on` cannot describe).
 */
export type CheckDeclaration = Omit<Check, 'appliesTo' | 'on'> & (
  | { readonly on: ServiceMatch; appliesTo?(target: CheckTarget): boolean }
  | { readonly on?: undefined; appliesTo(target: CheckTarget): boolean }
);

export function defineCheck(declaration: CheckDeclaration): Check {
  const { on, appliesTo } = declaration;
  const c: Check = {
    ...declaration,
    appliesTo: on === undefined
      ? appliesTo!.bind(declaration)
      : (target) => matchesService(on, target.service) && (appliesTo?.call(declaration, target) ?? true),
  };
  assertId('check', c.id);
  if (!Number.isInteger(c.maxAttempts) || c.maxAttempts < 1 || c.maxAttempts > 10) {
    throw new Error(`check ${c.id}: maxAttempts must be an integer from 1 to 10`);
  }
  if (c.tags.includes('credentials') && !c.intrusive) {
    throw new Error(`check ${c.id}: a credential check must be marked intrusive`);
  }
  return c;
}
