// A second MQTT broker implementation for the credential tests: aedes (npm, devDependency), run as
// its own process on loopback. Refuses anonymous clients and every login but one user/password
// (CONNACK 4, bad user name or password); can delay a refusal like a broker whose auth plug-in is
// slow. Appends one line per CONNECT to TRIES ("anonymous", "ok" or "fail", never the password).
// With ANONYMOUS "anonymous" it accepts clients without credentials instead (an open broker).
// Usage: node aedes-broker.mjs PORT USER PASSWORD TRIES [FAIL_DELAY_MS] [ANONYMOUS]. Stops on
// SIGTERM, and by itself after 300 s.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const [port, user, password, tries, failDelay = '0', anonymous = ''] = process.argv.slice(2);
const log = (line) => appendFileSync(tries, `${line}\n`);

const broker = await Aedes.createBroker({ heartbeatInterval: 3_600_000, connectTimeout: 10_000 });
broker.authenticate = (_client, username, pass, callback) => {
  if (username === undefined || username === null) {
    log('anonymous');
    if (anonymous === 'anonymous') return callback(null, true);
    return callback(Object.assign(new Error('not authorised'), { returnCode: 5 }), false);
  }
  const ok = username === user && pass !== undefined && pass !== null && pass.toString('utf8') === password;
  log(ok ? 'ok' : 'fail');
  if (ok) return callback(null, true);
  setTimeout(() => callback(Object.assign(new Error('bad user name or password'), { returnCode: 4 }), false), Number(failDelay));
};

const server = createServer(broker.handle);
server.listen(Number(port), '127.0.0.1');
const stop = () => { server.close(); broker.close(() => process.exit(0)); setTimeout(() => process.exit(0), 1000).unref(); };
process.on('SIGTERM', stop);
setTimeout(stop, 300_000).unref();
