import { defineCheck } from '../core/plugins.js';
import type { Device } from '../core/types.js';
import { exchange } from '../protocols/exchange.js';
import { parseHttpResponse, type HttpResponse } from '../protocols/http.js';
import catalogue from './data/anonymous-rtsp-paths.json' with { type: 'json' };

const MAX_PATHS = 10;

interface PathRow { path: string; vendors: string[] }

/** Vendor rows that match the device first, then the generic rows; no path twice. */
export function rtspPathsFor(device: Pick<Device, 'vendor'>, rows: readonly PathRow[] = catalogue.paths): string[] {
  const vendor = (device.vendor ?? '').toLowerCase();
  const mine = rows.filter((r) => r.vendors.some((v) => vendor.includes(v)));
  const generic = rows.filter((r) => r.vendors.length === 0);
  return [...new Set([...mine, ...generic].map((r) => r.path))].slice(0, MAX_PATHS);
}

/** A stream description, not an error page: an SDP with at least one media line. */
function isStreamDescription(response: HttpResponse): boolean {
  return response.status === 200 && /^v=0/m.test(response.body) && /^m=(video|audio)\s/m.test(response.body);
}

function mediaSummary(sdp: string): string {
  const media = [...sdp.matchAll(/^m=(video|audio)\s+\d+\s+\S+\s+(\d+)/gm)].map((m) => {
    const codec = new RegExp(`^a=rtpmap:${m[2]}\\s+([^/\\s]+)`, 'm').exec(sdp)?.[1];
    return codec ? `${m[1]} ${codec}` : m[1]!;
  });
  return media.join(', ');
}

/**
 * A camera stream anyone can watch: DESCRIBE of well-known stream paths (data file) without any
 * credential, confirmed on a 200 that carries an SDP with a media line. A 401 (Basic or Digest)
 * is the secure answer. One connection per path, stopped at the first open stream, at the first
 * sign the peer is not answering RTSP, or when the time budget is spent.
 */
export const anonymousAccessRtsp = defineCheck({
  id: 'anonymous-access-rtsp',
  finding: { family: 'anonymous-access', service: 'rtsp' },
  severity: 'high',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: MAX_PATHS,
  on: { tcp: ['rtsp'] },
  async run({ device, service }, ctx) {
    const timeoutMs = ctx.tuning.exchangeTimeoutMs;
    const budgetEnds = Date.now() + 2 * timeoutMs;
    const statuses: string[] = [];
    for (const [index, path] of rtspPathsFor(device).entries()) {
      const left = Math.min(timeoutMs, budgetEnds - Date.now());
      if (ctx.signal.aborted || left < 50) break;
      const url = `rtsp://${device.ip}:${service.port}${path}`;
      const { reply } = await exchange({
        host: device.ip, port: service.port, timeoutMs: left, signal: ctx.signal, maxBytes: 32 * 1024, idleMs: 500,
        payload: `DESCRIBE ${url} RTSP/1.0\r\nCSeq: ${index + 2}\r\nAccept: application/sdp\r\nUser-Agent: Mamori\r\n\r\n`,
        until: describeComplete,
      });
      let response: HttpResponse;
      try {
        response = parseHttpResponse(reply);
      } catch {
        break; // silence or garbage: not worth more connections
      }
      if (isStreamDescription(response)) {
        return [{
          confidence: 'confirmed',
          evidence: `DESCRIBE ${url} was answered ${response.status} with a stream description (${mediaSummary(response.body)}) without any credential${statuses.length ? `; before it: ${statuses.join(', ')}` : ''}`,
        }];
      }
      statuses.push(`${path} → ${response.status}`);
    }
    return [];
  },
});

/** Headers plus Content-Length bytes of body have arrived. */
function describeComplete(data: Buffer): boolean {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return false;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(data.subarray(0, end).toString('latin1'));
  return data.length - end - 4 >= Number(length?.[1] ?? 0);
}
