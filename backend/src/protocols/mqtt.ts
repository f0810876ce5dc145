// Just enough MQTT 3.1.1 to say hello: a CONNECT packet and the CONNACK's return code.
// (Full sessions are in mqtt-session.ts; this is for identifying a port by what it says.)

function encodeString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** CONNECT with clean session, keep-alive 0 and no credentials. */
export function mqttConnectPacket(clientId: string): Buffer {
  const variable = Buffer.concat([encodeString('MQTT'), Buffer.from([4, 0x02, 0, 0])]);
  const payload = encodeString(clientId);
  const remaining = variable.length + payload.length;
  if (remaining > 127) throw new Error('client id too long');
  return Buffer.concat([Buffer.from([0x10, remaining]), variable, payload]);
}

/** The CONNACK return code (0 accepted, 4 bad credentials, 5 not authorised), or null if not a CONNACK. */
export function parseConnack(data: Buffer): number | null {
  if (data.length < 4 || data[0] !== 0x20 || data[1] !== 0x02) return null;
  return data[3]!;
}

/** DISCONNECT, so a broker does not log an abrupt close. */
export const MQTT_DISCONNECT = Buffer.from([0xe0, 0x00]);
