// The second lab set's MQTT broker: aedes (npm, the repository's devDependency; the first set's is
// mosquitto) on 0.0.0.0:1883 inside a lab namespace. It refuses anonymous clients and every login
// but LAB_MQTT_USER / LAB_MQTT_PASS (CONNACK 4 / 5), like a broker installed with a published
// default. Stops on SIGTERM, or by itself after MAX_SECONDS.
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const user = process.env.LAB_MQTT_USER ?? '';
const password = process.env.LAB_MQTT_PASS ?? '';
const broker = await Aedes.createBroker({ heartbeatInterval: 3_600_000, connectTimeout: 10_000 });
broker.authenticate = (_client, username, pass, callback) => {
  if (username === undefined || username === null) return callback(Object.assign(new Error('not authorised'), { returnCode: 5 }), false);
  const ok = username === user && pass !== undefined && pass !== null && pass.toString('utf8') === password;
  if (ok) return callback(null, true);
  return callback(Object.assign(new Error('bad user name or password'), { returnCode: 4 }), false);
};
const server = createServer(broker.handle);
server.listen(1883, '0.0.0.0');
const stop = () => { server.close(); broker.close(() => process.exit(0)); setTimeout(() => process.exit(0), 1000).unref(); };
process.on('SIGTERM', stop);
setTimeout(stop, Number(process.env.MAX_SECONDS ?? 3600) * 1000).unref();
