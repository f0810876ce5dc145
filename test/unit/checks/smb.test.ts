// The SMB checks against two independent real servers on loopback — Samba's smbd and impacket's
// SMB server — each open (guest/anonymous, SMB1 on) and well configured (no guest, SMB2+ only),
// with the share list compared against Debian's smbclient.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAccessSmb } from '../../../backend/src/checks/anonymous-access-smb.js';
import { checks } from '../../../backend/src/checks/index.js';
import { outdatedProtocolSmb } from '../../../backend/src/checks/outdated-protocol-smb.js';
import type { Device } from '../../../backend/src/core/types.js';
import { emptyDevice } from '../../../backend/src/pipeline/merger.js';
import { serviceIdProbe } from '../../../backend/src/probes/service-id.js';
import { guestShareListing } from '../../../backend/src/protocols/smb-shares.js';
import { Smb2Client, smb1Negotiate } from '../../../backend/src/protocols/smb.js';
import { tcpService, testContext } from '../../helpers/context.js';
import { randomLoopbackAddress } from '../../helpers/loopback-address.js';
import { startImpacketSmbd, startSamba, type SmbServer } from '../../helpers/smb-servers.js';

const run = promisify(execFile);
const servers: Record<string, SmbServer> = {};

beforeAll(async () => {
  const entries: Array<[string, Promise<SmbServer>]> = [
    ['sambaOpen', startSamba({ guest: true, smb1: true })],
    ['sambaSecure', startSamba({ guest: false, smb1: false })],
    ['impacketOpen', startImpacketSmbd('open')],
    ['sambaGuestOnly', startSamba({ guest: true, smb1: false, nullSessions: false })],
    ['impacketGuestOnly', startImpacketSmbd('guest-only')],
    ['impacketLocked', startImpacketSmbd('locked')],
    ['impacketSmb2only', startImpacketSmbd('smb2only')],
    ['impacketOn445', startImpacketSmbd('open', { host: randomLoopbackAddress(), port: 445 })],
    ['impacketOn139', startImpacketSmbd('open', { host: randomLoopbackAddress(), port: 139 })],
  ];
  const started = await Promise.allSettled(entries.map(([, p]) => p));
  started.forEach((result, i) => { if (result.status === 'fulfilled') servers[entries[i]![0]] = result.value; });
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}, 60_000);
afterAll(async () => { await Promise.all(Object.values(servers).map((s) => s.stop())); });

function target(server: SmbServer) {
  const device: Device = emptyDevice(server.host, null);
  const service = { ...tcpService(server.port, 'smb'), banner: 'SMB2 negotiated' };
  device.services = [service];
  return { device, service };
}

const ctx = () => testContext({ tuning: { exchangeTimeoutMs: 5000 } });
const options = (s: SmbServer) => ({ host: s.host, port: s.port, timeoutMs: 5000 });

describe('SMB checks: registration', () => {
  it('both run without login consent (nothing but a session without a password is tried)', () => {
    expect(checks).toContain(anonymousAccessSmb);
    expect(checks).toContain(outdatedProtocolSmb);
    expect(anonymousAccessSmb.intrusive).toBe(false);
    expect(outdatedProtocolSmb.intrusive).toBe(false);
  });
});

describe.each([
  ['Samba', 'sambaOpen', 'sambaSecure', 'public'],
  ['impacket', 'impacketOpen', 'impacketLocked', 'PUBLIC'],
])('anonymous-access-smb against %s', (_name, open, secure, share) => {
  it('lists the shares of the open server and finds the share that opens without a password', async () => {
    const results = await anonymousAccessSmb.run(target(servers[open]!), ctx());
    expect(results).toHaveLength(1);
    expect(results[0]!.severity).toBe('high');
    expect(results[0]!.evidence).toContain(`"${share}"`);
    expect(results[0]!.evidence).toContain(`opens without a password: "${share}"`);
  });

  it('negative control: the well-configured server stays clean', async () => {
    expect(await anonymousAccessSmb.run(target(servers[secure]!), ctx())).toEqual([]);
  });
});

describe('anonymous-access-smb without null sessions', () => {
  it('impacket: finds the listing through a guest session as an unknown user', async () => {
    const listing = await guestShareListing(options(servers['impacketGuestOnly']!));
    expect(listing).toMatchObject({ session: 'guest', openShares: ['PUBLIC'] });
    const results = await anonymousAccessSmb.run(target(servers['impacketGuestOnly']!), ctx());
    expect(results[0]?.evidence).toMatch(/^a guest session as an unknown user was accepted/);
  });

  it('Samba maps the unknown user to guest (the guest AUTHENTICATE is valid), and refuses guests IPC$ under "restrict anonymous = 2"', async () => {
    const server = servers['sambaGuestOnly']!;
    const guest = await Smb2Client.open(options(server));
    try {
      expect(await guest.negotiate()).not.toBeNull();
      const granted = await guest.sessionWithoutPassword('guest');
      expect(granted?.flags).toBe(1); // SMB2_SESSION_FLAG_IS_GUEST
      expect(await guest.treeConnect('IPC$')).toBe(false);
      expect(await guest.treeConnect('public')).toBe(true); // a known name still opens: listing is what this check reports
    } finally {
      guest.close();
    }
    expect(await anonymousAccessSmb.run(target(server), ctx())).toEqual([]);
  });
});

describe('the share list matches what Debian\'s smbclient lists', () => {
  it('Samba, anonymous', async () => {
    const server = servers['sambaOpen']!;
    const listing = await guestShareListing(options(server));
    const { stdout } = await run('smbclient', ['-N', '-g', '-L', `//${server.host}`, '-p', String(server.port)], { timeout: 30_000 });
    const theirs = stdout.split('\n').filter((l) => /^(Disk|IPC|Printer)\|/.test(l)).map((l) => l.split('|')[1]).sort();
    expect(theirs.length).toBeGreaterThan(0);
    expect(listing?.shares.map((s) => s.name).sort()).toEqual(theirs);
    expect(listing?.shares.find((s) => s.name === 'public')?.comment).toBe('Family photos');
  });
});

describe.each([
  ['Samba', 'sambaOpen', 'sambaSecure'],
  ['impacket', 'impacketOpen', 'impacketSmb2only'],
])('outdated-protocol-smb against %s', (_name, withSmb1, withoutSmb1) => {
  it('finds SMBv1 accepted', async () => {
    const results = await outdatedProtocolSmb.run(target(servers[withSmb1]!), ctx());
    expect(results).toEqual([{ confidence: 'confirmed', evidence: 'SMBv1 enabled: the server accepted an SMB1 NEGOTIATE with the NT LM 0.12 dialect' }]);
  });

  it('negative control: an SMB2-only server stays clean (and still speaks SMB2)', async () => {
    expect(await outdatedProtocolSmb.run(target(servers[withoutSmb1]!), ctx())).toEqual([]);
    expect((await smb1Negotiate(options(servers[withoutSmb1]!))).accepted).toBe(false);
  });
});

describe('service identification', () => {
  it('names port 445 "smb" from the SMB2 NEGOTIATE answer', async () => {
    const server = servers['impacketOn445']!;
    const device = emptyDevice(server.host, null);
    device.services = [tcpService(445)];
    const [service] = await serviceIdProbe.run(device, ctx());
    expect(service).toMatchObject({ service: 'smb', banner: 'SMB2 negotiated, dialect 2.0.2' });
  });

  it('names port 139 "netbios-ssn" from the NetBIOS session response', async () => {
    const server = servers['impacketOn139']!;
    const device = emptyDevice(server.host, null);
    device.services = [tcpService(139)];
    const [service] = await serviceIdProbe.run(device, ctx());
    expect(service).toMatchObject({ service: 'netbios-ssn', banner: expect.stringMatching(/^NetBIOS session service/) });
  });
});
