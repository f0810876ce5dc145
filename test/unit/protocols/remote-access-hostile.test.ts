// The VNC, ADB, SMB and RDP clients against hostile peers on loopback: lengths that claim
// gigabytes, floods, silence. Each must answer "not this protocol" (or nothing found) within its
// deadline, without buffering past its byte cap; the connection is closed in every case.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { adbConnect } from '../../../backend/src/protocols/adb.js';
import { rdpHello } from '../../../backend/src/protocols/rdp.js';
import { guestShareListing, parseNetrShareEnum } from '../../../backend/src/protocols/smb-shares.js';
import { smb1Negotiate } from '../../../backend/src/protocols/smb.js';
import { parseNtlmChallenge } from '../../../backend/src/protocols/ntlmssp.js';
import { vncAuthenticate, vncHello } from '../../../backend/src/protocols/vnc.js';
import { startTcpServer, type RunningServer } from '../../helpers/net.js';

const servers: RunningServer[] = [];
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())); });

/** A server that says `first` on connect (or after the client's first bytes) and then floods or stays silent. */
async function hostile(options: { greet?: Buffer; reply?: Buffer; flood?: boolean }): Promise<number> {
  const server = await startTcpServer((socket: Socket) => {
    const send = (data: Buffer): void => {
      socket.write(data);
      if (options.flood) {
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        let sent = 0;
        const pump = (): void => { while (sent < 10 * 1024 * 1024 && socket.write(chunk)) sent += chunk.length; };
        socket.on('drain', pump);
        pump();
      }
    };
    if (options.greet) send(options.greet);
    if (options.reply) socket.once('data', () => send(options.reply!));
  });
  servers.push(server);
  return server.port;
}

const opts = (port: number) => ({ host: '127.0.0.1', port, timeoutMs: 1500 });

describe('VNC', () => {
  it('a refusal reason claiming 4 GB is read up to its cap, then the connection closed', async () => {
    const reason = Buffer.alloc(4);
    reason.writeUInt32BE(0xffffffff, 0);
    const server = await startTcpServer((socket) => {
      socket.write('RFB 003.008\n');
      socket.once('data', () => { socket.write(Buffer.concat([Buffer.from([0]), reason, Buffer.alloc(2000, 0x42)])); });
    });
    servers.push(server);
    const hello = await vncHello(opts(server.port));
    expect(hello?.refusal).toBe('B'.repeat(1024)); // the first 1024 bytes of the claimed 4 GB
    expect((await vncAuthenticate(opts(server.port), null)).result).toBe('refused');
  });

  it('a flood after the version line is not a VNC server that lets anyone in', async () => {
    const port = await hostile({ greet: Buffer.from('RFB 003.008\n'), flood: true });
    expect((await vncAuthenticate(opts(port), null)).result).not.toBe('accepted');
  });

  it('silence: no hello within the deadline', async () => {
    const port = await hostile({});
    expect(await vncHello(opts(port))).toBeNull();
  });
});

describe('ADB', () => {
  it('a CNXN claiming a 4 GB payload is refused', async () => {
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0x4e584e43, 0);
    header.writeUInt32LE(0xffffffff, 12);
    header.writeUInt32LE((0x4e584e43 ^ 0xffffffff) >>> 0, 20);
    const port = await hostile({ reply: header, flood: true });
    expect(await adbConnect(opts(port))).toBeNull();
  });

  it('a header with a wrong magic is refused', async () => {
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0x4e584e43, 0);
    const port = await hostile({ reply: header });
    expect(await adbConnect(opts(port))).toBeNull();
  });
});

describe('SMB', () => {
  it('a session frame claiming 16 MB is refused without buffering it', async () => {
    const port = await hostile({ reply: Buffer.from([0x00, 0xff, 0xff, 0xff]), flood: true });
    expect((await smb1Negotiate(opts(port))).accepted).toBe(false);
    expect(await guestShareListing(opts(port))).toBeNull();
  });

  it('a share list claiming more entries than it carries, or strings past the end, is refused', () => {
    const words = (...w: number[]) => Buffer.concat(w.map((v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0, 0); return b; }));
    expect(parseNetrShareEnum(words(1, 1, 0x20000, 100000, 0x20004))).toBeNull(); // 100000 entries
    expect(parseNetrShareEnum(words(1, 1, 0x20000, 1, 0x20004, 1, 0x20008, 0, 0x2000c, 50, 0, 50))).toBeNull(); // string runs past the end
    expect(parseNetrShareEnum(Buffer.alloc(3))).toBeNull();
  });

  it('an NTLM challenge whose target info points outside the message yields no names', () => {
    const message = Buffer.alloc(56);
    Buffer.from('NTLMSSP\0', 'latin1').copy(message);
    message.writeUInt32LE(2, 8);
    message.writeUInt16LE(500, 40);
    message.writeUInt32LE(40, 44);
    expect(parseNtlmChallenge(message)).toMatchObject({ computer: null, domain: null });
  });
});

describe('RDP', () => {
  it('a TPKT claiming 64 kB is refused', async () => {
    const port = await hostile({ reply: Buffer.from([3, 0, 0xff, 0xff]), flood: true });
    expect(await rdpHello(opts(port))).toBeNull();
  });
});
