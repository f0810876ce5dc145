import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpPortsProbe } from '../../../backend/src/probes/tcp-ports.js';
import { loopbackDevice, testContext } from '../../helpers/context.js';
import { freePort, startTcpServer, timed, type RunningServer } from '../../helpers/net.js';

let open: RunningServer;
let open2: RunningServer;
let closed: number;
let closed2: number;

beforeAll(async () => {
  [open, open2, closed, closed2] = await Promise.all([startTcpServer(), startTcpServer(), freePort(), freePort()]);
});

afterAll(async () => {
  await Promise.all([open?.close(), open2?.close()]);
});

describe('tcp-ports probe', () => {
  it('finds exactly the open port among one open and one closed', async () => {
    const ctx = testContext({ tuning: { tcpPorts: [closed, open.port] } });
    const services = await tcpPortsProbe.run(loopbackDevice(), ctx);
    expect(services).toEqual([{ port: open.port, transport: 'tcp', service: 'unknown', encrypted: false, banner: null, product: null }]);
    expect(ctx.progressed).toEqual(expect.arrayContaining([`127.0.0.1:${open.port}`, `127.0.0.1:${closed}`]));
  });

  it('finds nothing when every listed port is closed, quickly', async () => {
    const { value, ms } = await timed(() => tcpPortsProbe.run(loopbackDevice(), testContext({ tuning: { tcpPorts: [closed, closed2] } })));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(500);
  });

  it('finds every open port, in the listed order, with a per-host concurrency of 1', async () => {
    const ctx = testContext({ tuning: { tcpPorts: [open2.port, closed, open.port], perHostConcurrency: 1 } });
    expect((await tcpPortsProbe.run(loopbackDevice(), ctx)).map((s) => s.port)).toEqual([open2.port, open.port]);
  });

  it('probes nothing once the scan is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = open.connections();
    const services = await tcpPortsProbe.run(loopbackDevice(), testContext({ tuning: { tcpPorts: [open.port] }, signal: controller.signal }));
    expect(services).toEqual([]);
    expect(open.connections()).toBe(before);
  });
});
