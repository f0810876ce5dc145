// A hostile SNMP "agent" on loopback: a real UDP socket that answers every request with a crafted
// reply built from a hex template, `<ID>` replaced by the request id it read from that request
// (the scanned device sees our id, so an attacker can echo it). BER lengths are recomputed, so the
// template works for any request-id width. Counts what it received; stopped by close().
import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

interface Node { tag: number; content: Buffer; children: Node[] | null }

/** Generic BER tree of trusted input (our own request, a test template): constructed tags recurse. */
function parseTree(data: Buffer): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < data.length) {
    const tag = data[i]!;
    let length = data[i + 1]!;
    let start = i + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      length = 0;
      for (let k = 0; k < count; k++) length = length * 256 + data[start + k]!;
      start += count;
    }
    const content = data.subarray(start, start + length);
    nodes.push({ tag, content, children: tag & 0x20 ? parseTree(content) : null });
    i = start + length;
  }
  return nodes;
}

function serialize(node: Node): Buffer {
  const content = node.children ? Buffer.concat(node.children.map(serialize)) : node.content;
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([node.tag, ...length]), content]);
}

const MARKER = Buffer.from('a5c3e1', 'hex');

function replaceMarker(node: Node, id: Buffer): Node {
  if (node.children) return { ...node, children: node.children.map((c) => replaceMarker(c, id)) };
  return node.tag === 0x02 && node.content.equals(MARKER) ? { ...node, content: id } : node;
}

/** The template with every `<ID>` INTEGER set to `requestId` (its raw BER content bytes). */
export function fillTemplate(template: string, requestId: Buffer): Buffer {
  // "02 LL <ID>": the INTEGER's own length goes with the id, whatever width the template assumed.
  const withMarker = Buffer.from(template.replace(/02[0-9a-f]{2}<ID>/gi, `0203${MARKER.toString('hex')}`), 'hex');
  return Buffer.concat(parseTree(withMarker).map((n) => serialize(replaceMarker(n, requestId))));
}

/** The request id (raw INTEGER content) of a v1/v2c request: message → PDU → first field. */
export function requestIdOf(request: Buffer): Buffer | null {
  const pdu = parseTree(request)[0]?.children?.[2];
  const id = pdu?.children?.[0];
  return id && id.tag === 0x02 ? Buffer.from(id.content) : null;
}

export interface SnmpResponder {
  readonly port: number;
  /** Requests received so far. */
  received(): number;
  close(): Promise<void>;
}

export async function startSnmpResponder(template: string): Promise<SnmpResponder> {
  const socket: Socket = createSocket('udp4');
  let received = 0;
  socket.on('message', (message, remote) => {
    received += 1;
    const id = requestIdOf(message);
    if (id) socket.send(fillTemplate(template, id), remote.port, remote.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return {
    port: (socket.address() as AddressInfo).port,
    received: () => received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
