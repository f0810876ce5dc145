// A throw while handling what a device sent must never escape a socket handler (it would be an
// uncaughtException and end the appliance, issue #21): it is reported as a warning naming the
// sender, and the client carries on. Real UDP responders on loopback send recorded answers; the
// consumer's callback throws on the first one.
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVICE_INPUT_WARNING } from '../../../backend/src/protocols/input-guard.js';
import { openMdnsClient } from '../../../backend/src/protocols/mdns.js';
import { queryNodeStatus } from '../../../backend/src/protocols/netbios.js';
import { mSearch } from '../../../backend/src/protocols/ssdp.js';
import { connectTcp, readSome } from '../../../backend/src/protocols/tcp.js';
import { LOOPBACK, startTcpServer } from '../../helpers/net.js';
import { mdnsPacket, recorded } from '../discovery/fixtures/recorded.js';

let responder: Socket | null = null;
const warnings: Array<Error & { code?: string; from?: string }> = [];
const onWarning = (warning: Error): void => { if ((warning as { code?: string }).code === DEVICE_INPUT_WARNING) warnings.push(warning); };
process.on('warning', onWarning);

afterEach(() => {
  responder?.close();
  responder = null;
  warnings.length = 0;
});

/** A loopback UDP responder that answers every datagram with `answers`, in order. */
async function respondWith(answers: Buffer[]): Promise<number> {
  responder = createSocket('udp4');
  responder.on('message', (_m, rinfo) => { for (const a of answers) responder!.send(a, rinfo.port, rinfo.address); });
  responder.bind(0, '127.0.0.1');
  await once(responder, 'listening');
  return responder.address().port;
}

const boom = (): never => { throw new TypeError('consumer blew up on this answer'); };

describe('socket handlers are guarded', () => {
  it('mDNS: a throw while handling one answer is reported with its sender; the next answer still arrives', async () => {
    const port = await respondWith([mdnsPacket('googlecast_ptr'), mdnsPacket('ipp_ptr')]);
    let calls = 0;
    const client = await openMdnsClient({
      interfaceAddress: '127.0.0.1', destination: { address: '127.0.0.1', port },
      onResponse: () => { calls += 1; if (calls === 1) boom(); },
      onMalformed: () => {}, onError: () => {},
    });
    try {
      client.query('_googlecast._tcp.local', 'PTR');
      await expect.poll(() => calls).toBe(2);
    } finally {
      client.close();
    }
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]!.message).toMatch(/^mdns: input from 127\.0\.0\.1:\d+ could not be handled: consumer blew up/);
  });

  it('SSDP: the same', async () => {
    const answer = Buffer.from(recorded.ssdp[0]!.text, 'latin1');
    const port = await respondWith([answer, answer]);
    let calls = 0;
    await mSearch({
      interfaceAddress: '127.0.0.1', destination: { address: '127.0.0.1', port }, sendAt: [0], listenMs: 1500,
      signal: AbortSignal.timeout(10_000),
      onResponse: () => { calls += 1; if (calls === 1) boom(); },
      onMalformed: () => {}, onError: () => {},
    });
    expect(calls).toBe(2);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^ssdp: input from 127\.0\.0\.1:\d+ could not be handled/)]);
  });

  it('NetBIOS: a throwing malformed-packet callback is reported; the query still ends', async () => {
    const port = await respondWith([Buffer.from([1, 2, 3])]);
    const info = await queryNodeStatus('127.0.0.1', { port, timeoutMs: 1500, onMalformed: boom });
    expect(info).toBeNull();
    expect(warnings[0]?.message).toMatch(/^netbios: input from 127\.0\.0\.1:\d+ could not be handled/);
  });
});

describe('TCP reads are guarded', () => {
  it('a throw while judging the data read so far ends that read with what it has, reported with the peer', async () => {
    const server = await startTcpServer((socket) => { socket.write('220 hello\r\n'); });
    const socket = await connectTcp({ host: LOOPBACK, port: server.port, timeoutMs: 3000 });
    try {
      const data = await readSome(socket, { timeoutMs: 10_000, maxBytes: 1024, until: boom });
      expect(data.toString()).toBe('220 hello\r\n');
      expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(new RegExp(`^tcp: input from 127\\.0\\.0\\.1:${server.port} could not be handled`))]);
    } finally {
      socket.destroy();
      await server.close();
    }
  });
});
