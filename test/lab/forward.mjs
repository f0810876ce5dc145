// Makes the dashboard of an appliance running inside the lab reachable from the host's browser:
// listens on a host loopback port and pipes each connection to the appliance's Unix socket.
// Unix sockets live in the file system, which the lab's namespaces share with the host, so no
// route into the lab is ever needed. Usage: node test/lab/forward.mjs 127.0.0.1:8380 /run/mamori-lab/ui.sock
import { createConnection, createServer } from 'node:net';

const [listenAt = '127.0.0.1:8380', socketPath = '/run/mamori-lab/ui.sock'] = process.argv.slice(2);
const colon = listenAt.lastIndexOf(':');
const host = listenAt.slice(0, colon);
const port = Number(listenAt.slice(colon + 1));
if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
  console.error('forward.mjs only listens on loopback');
  process.exit(2);
}

const server = createServer((client) => {
  const upstream = createConnection(socketPath);
  client.pipe(upstream).pipe(client);
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
});
server.listen(port, host, () => console.error(`forwarding http://${listenAt} → ${socketPath}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
