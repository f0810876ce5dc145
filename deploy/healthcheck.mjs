// One GET /api/health against the local appliance: exit 0 if it answers 200 within 3 s, else 1.
// Used by the container's HEALTHCHECK and by install.sh. Reads the same MAMORI_* variables as the
// appliance; a wildcard listen address is checked on loopback. Arguments override: [host] [port].
import { request } from 'node:http';

const env = process.env;
const [hostArg, portArg] = process.argv.slice(2);
const wildcard = new Set(['0.0.0.0', '::', '']);
const host = hostArg ?? (wildcard.has(env.MAMORI_HOST ?? '') ? '127.0.0.1' : env.MAMORI_HOST);
const port = Number(portArg ?? env.MAMORI_PORT ?? 8380);
const where = env.MAMORI_SOCKET_PATH && hostArg === undefined ? { socketPath: env.MAMORI_SOCKET_PATH } : { host, port };

const req = request({ ...where, path: '/api/health', timeout: 3000 }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
req.end();
