// Stateful sessions (telnet, FTP, MQTT, byte sessions) look at everything received so far each time
// they are woken. A server sending 1-byte segments must not wake them per byte (64 KiB of text cost
// 64 Ki scans of up to 64 KiB each, issue #21): they are woken when what arrived has doubled, and when
// the line goes quiet. Counted with a telnet session against a loopback server, not timed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelnetSession } from '../../../backend/src/protocols/telnet.js';
import { UNTIL_QUIET_MS } from '../../../backend/src/protocols/tcp.js';
import { LOOPBACK, oneByteAtATime, startTcpServer, type RunningServer } from '../../helpers/net.js';

const TEXT = 60 * 1024;
let trickle: RunningServer;

beforeAll(async () => {
  // A banner of 60 KiB, then the login prompt, byte by byte; the connection stays open.
  trickle = await startTcpServer((socket) => oneByteAtATime(socket, Buffer.from(`${'Loading firmware '.repeat(TEXT / 17)}\r\nlogin: `), () => {}));
});
afterAll(async () => { await trickle?.close(); });

describe('a telnet session fed 1-byte segments', () => {
  it('finds the prompt at the end, looking at the text per doubling and per quiet moment, not per byte', { timeout: 60_000 }, async () => {
    const session = await TelnetSession.open({ host: LOOPBACK, port: trickle.port, timeoutMs: 3000, maxBytes: 128 * 1024 });
    let looks = 0;
    const prompt = /login:\s*$/;
    const counting = Object.assign(Object.create(RegExp.prototype) as RegExp, { test: (text: string) => { looks += 1; return prompt.test(text); } });
    const started = Date.now();
    try {
      const text = await session.waitFor(counting, 0, 50_000);
      const elapsed = Date.now() - started;
      expect(text?.slice(-40)).toMatch(/\nlogin:\s*$/);
      expect(looks, `${looks} looks in ${elapsed} ms`).toBeLessThanOrEqual(20 + Math.ceil(elapsed / UNTIL_QUIET_MS));
      expect(looks).toBeLessThan(TEXT / 8);
    } finally {
      session.close();
    }
  });
});
