// What this process may do, read from the kernel (/proc/self/status): its user and its effective
// Linux capabilities. Mamori must never need root; where a feature needs a capability the process
// lacks, the message says which one and how to grant it, instead of a bare EPERM/EACCES.
import { readFileSync } from 'node:fs';

/** Capability numbers from <linux/capability.h>: the index is the bit. */
export const CAPABILITY_NAMES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN',
  'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM', 'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ',
  'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
] as const;

/** The capabilities a Mamori feature may ask for; anything else is a mistake. */
export type NetworkCapability = 'CAP_NET_RAW' | 'CAP_NET_BIND_SERVICE';

export interface ProcessPrivileges {
  /** Effective user id. */
  uid: number;
  root: boolean;
  /** Effective capability names, in bit order; unknown bits as "cap_<n>". */
  effective: string[];
  has(capability: NetworkCapability): boolean;
}

/** Parses the Uid and CapEff lines of /proc/<pid>/status. */
export function parseProcStatus(text: string): ProcessPrivileges {
  const field = (name: string): string | undefined => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1];
  const uidLine = field('Uid');
  const capEff = field('CapEff');
  if (uidLine === undefined || capEff === undefined || !/^[0-9a-f]+$/i.test(capEff.trim())) {
    throw new Error('no Uid/CapEff lines: not a /proc/<pid>/status file');
  }
  const uid = Number(uidLine.trim().split(/\s+/)[1]); // real, effective, saved, filesystem
  const bits = BigInt(`0x${capEff.trim()}`);
  const effective: string[] = [];
  for (let bit = 0; bit < 64; bit++) {
    if ((bits >> BigInt(bit)) & 1n) effective.push(CAPABILITY_NAMES[bit] ?? `cap_${bit}`);
  }
  return { uid, root: uid === 0, effective, has: (capability) => effective.includes(capability) };
}

/** The privileges of this process, or null where /proc/self/status does not exist (not Linux). */
export function readProcessPrivileges(statusPath = '/proc/self/status'): ProcessPrivileges | null {
  try {
    return parseProcStatus(readFileSync(statusPath, 'utf8'));
  } catch {
    return null;
  }
}

const SHORT_NAME: Record<NetworkCapability, string> = { CAP_NET_RAW: 'NET_RAW', CAP_NET_BIND_SERVICE: 'NET_BIND_SERVICE' };

/** The three ways to grant a capability without root, most contained first. */
export function howToGrant(capability: NetworkCapability): string {
  const short = SHORT_NAME[capability];
  return `grant it without root: systemd unit AmbientCapabilities=${capability} plus CapabilityBoundingSet=${capability} `
    + `(deploy/systemd/mamori.service); container: cap_add: [${short}] (deploy/container/compose.yaml; Docker hands it to a `
    + `non-root user only through a file capability, see deploy/README.md); or, outside both, setcap ${capability.toLowerCase()}+ep `
    + `on a node binary used only by Mamori (every script run by that binary gets it)`;
}

/** The message for a feature that cannot run because the process lacks a capability. */
export function missingCapabilityMessage(capability: NetworkCapability, feature: string): string {
  return `${feature} needs ${capability}, which this process does not hold; ${howToGrant(capability)}. Never run Mamori as root for this.`;
}

/** A feature asks before using a capability: null when it may go ahead, else the reason it may not. */
export function capabilityProblem(privileges: ProcessPrivileges | null, capability: NetworkCapability, feature: string): string | null {
  if (privileges === null || privileges.has(capability)) return null;
  return missingCapabilityMessage(capability, feature);
}

export interface PrivilegeLine {
  level: 'info' | 'warn';
  message: string;
}

/** What the appliance says about its privileges once, at start. */
export function describePrivileges(privileges: ProcessPrivileges | null): PrivilegeLine[] {
  if (privileges === null) return [{ level: 'info', message: 'privileges: /proc/self/status unreadable (not Linux?); capabilities unknown' }];
  const lines: PrivilegeLine[] = [{
    level: 'info',
    message: `privileges: uid ${privileges.uid}${privileges.root ? ' (root)' : ', not root'}; `
      + `effective capabilities: ${privileges.effective.length > 0 ? privileges.effective.join(' ') : 'none'}`,
  }];
  if (privileges.root) {
    lines.push({
      level: 'warn',
      message: 'running as root: Mamori needs no root. Run it as the mamori user with at most CAP_NET_RAW '
        + '(deploy/install.sh, deploy/systemd/mamori.service) or as the non-root user of deploy/container/Containerfile',
    });
  } else if (!privileges.has('CAP_NET_RAW')) {
    lines.push({
      level: 'info',
      message: 'CAP_NET_RAW not held: discovery works without it (a UDP datagram per address, then the kernel\'s neighbour '
        + `table). Raw ARP/ICMP discovery would need it; ${howToGrant('CAP_NET_RAW')}`,
    });
  }
  return lines;
}

/** Turns a listen() failure into a message that says what is missing and what to do. */
export function explainListenError(error: unknown, where: { host: string; port: number } | { socketPath: string }): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const original = error instanceof Error ? error.message : String(error);
  if ('socketPath' in where) {
    if (code === 'EACCES') return new Error(`cannot create the socket ${where.socketPath}: permission denied; the Mamori user must be able to write its directory (${original})`);
    if (code === 'EADDRINUSE') return new Error(`the socket ${where.socketPath} is in use: is another Mamori running? (${original})`);
    return error instanceof Error ? error : new Error(original);
  }
  if (code === 'EACCES' && where.port < 1024) {
    return new Error(`cannot listen on port ${where.port}: ${missingCapabilityMessage('CAP_NET_BIND_SERVICE', `a port below 1024`)} `
      + `Simpler: keep the default port 8380 (MAMORI_PORT). (${original})`);
  }
  if (code === 'EADDRINUSE') return new Error(`port ${where.port} on ${where.host} is already in use: is another Mamori running? Choose another with MAMORI_PORT. (${original})`);
  if (code === 'EADDRNOTAVAIL') return new Error(`${where.host} is not an address of this machine (MAMORI_HOST). (${original})`);
  return error instanceof Error ? error : new Error(original);
}
