// The first exchange of the Android debug bridge over TCP (AOSP system/core/adb/protocol.txt):
// send one CNXN, read the device's one answer, close. A CNXN back means the device let us in
// without key authorisation (its banner says "device::ro.product.name=…"); AUTH means it wants a
// signed token (keys it was told to trust); STLS means TLS pairing (Android 11 wireless debugging).
// Nothing else is ever sent: no AUTH reply, no OPEN, no shell, no command.
import { ByteSession } from './byte-session.js';

export const ADB_COMMAND = {
  CNXN: 0x4e584e43,
  AUTH: 0x48545541,
  STLS: 0x534c5453,
} as const;

/** The protocol version and payload size a current adb host announces. */
const ADB_VERSION = 0x01000001;
const MAX_PAYLOAD = 256 * 1024;
/** A device banner is a few hundred bytes; the AUTH token 20. Anything longer is not read. */
const MAX_ANSWER_PAYLOAD = 4096;
const HEADER = 24;

export interface AdbOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type AdbAnswer =
  | { kind: 'open'; version: number; banner: string; properties: Record<string, string> }
  | { kind: 'auth'; version: null }
  | { kind: 'tls'; version: number };

/** One message: the 24-byte little-endian header, then the payload (legacy checksum: byte sum). */
export function adbMessage(command: number, arg0: number, arg1: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(command, 0);
  header.writeUInt32LE(arg0, 4);
  header.writeUInt32LE(arg1, 8);
  header.writeUInt32LE(payload.length, 12);
  header.writeUInt32LE(payload.reduce((sum, byte) => (sum + byte) >>> 0, 0), 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return Buffer.concat([header, payload]);
}

/** "device::ro.product.name=x;ro.product.model=y;features=…" → its properties. */
export function parseAdbBanner(banner: string): Record<string, string> {
  const properties: Record<string, string> = {};
  const [, props = ''] = banner.split('::', 2);
  for (const pair of props.split(';').slice(0, 32)) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq).slice(0, 64)] = pair.slice(eq + 1).slice(0, 256);
  }
  return properties;
}

/** Says CNXN and reads the one answer; null when the peer does not speak ADB. */
export async function adbConnect(options: AdbOptions): Promise<AdbAnswer | null> {
  const session = await ByteSession.open({ ...options, maxBytes: HEADER + MAX_ANSWER_PAYLOAD + 1024 });
  try {
    if (!(await session.write(adbMessage(ADB_COMMAND.CNXN, ADB_VERSION, MAX_PAYLOAD, Buffer.from('host::\0', 'latin1'))))) return null;
    const header = await session.read(HEADER, options.timeoutMs);
    if (!header) return null;
    const command = header.readUInt32LE(0);
    const magic = header.readUInt32LE(20);
    const length = header.readUInt32LE(12);
    if (((command ^ 0xffffffff) >>> 0) !== magic || length > MAX_ANSWER_PAYLOAD) return null;
    const arg0 = header.readUInt32LE(4);
    switch (command) {
      case ADB_COMMAND.AUTH:
        return { kind: 'auth', version: null };
      case ADB_COMMAND.STLS:
        return { kind: 'tls', version: arg0 };
      case ADB_COMMAND.CNXN: {
        const payload = length === 0 ? Buffer.alloc(0) : await session.read(length, options.timeoutMs);
        if (!payload) return null;
        const banner = payload.toString('latin1').replace(/\0+$/, '').replace(/[^\x20-\x7e]/g, ' ');
        return { kind: 'open', version: arg0, banner, properties: parseAdbBanner(banner) };
      }
      default:
        return null;
    }
  } finally {
    session.close();
  }
}
