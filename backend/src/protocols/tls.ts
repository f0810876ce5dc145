// TLS handshake client: what the server offers and what its certificate says. Verification is
// off on purpose — we report the certificate's problems instead of refusing to look at it.
import { connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { abortError } from './tcp.js';

export interface TlsOptions {
  host: string;
  port: number;
  timeoutMs: number;
  servername?: string;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  signal?: AbortSignal;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  selfSigned: boolean;
  validFrom: string;
  validTo: string;
  expired: boolean;
  altNames: string[];
  fingerprint256: string;
}

export interface TlsHandshake {
  protocol: string | null;
  cipher: string | null;
  authorized: boolean;
  authorizationError: string | null;
  certificate: CertificateSummary | null;
}

/** Opens a TLS session and keeps it open for the caller (who must destroy it). */
export function openTls(options: TlsOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const socket = connect({
      host: options.host,
      port: options.port,
      // SNI must be a host name, never an IP address.
      servername: options.servername && !/^[\d.:]+$/.test(options.servername) ? options.servername : undefined,
      rejectUnauthorized: false,
      minVersion: options.minVersion ?? 'TLSv1',
      maxVersion: options.maxVersion ?? 'TLSv1.3',
      // Needed to even offer TLS 1.0/1.1 with OpenSSL 3 (shared/notes/libraries.md §8).
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    let settled = false;
    const finish = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) { socket.destroy(); reject(error); } else resolve(socket);
    };
    const onAbort = (): void => finish(abortError());
    const timer = setTimeout(() => finish(Object.assign(new Error('TLS handshake timeout'), { code: 'ETIMEDOUT' })), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => finish(null));
    socket.once('error', (error) => finish(error));
  });
}

export async function tlsHandshake(options: TlsOptions): Promise<TlsHandshake> {
  const socket = await openTls(options);
  try {
    const cert = socket.getPeerCertificate(true);
    return {
      protocol: socket.getProtocol(),
      cipher: socket.getCipher()?.name ?? null,
      authorized: socket.authorized,
      authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
      certificate: cert && Object.keys(cert).length > 0 ? summarizeCertificate(cert) : null,
    };
  } finally {
    socket.destroy();
  }
}

/** What the scan keeps of a peer certificate; every field is device input (fuzzed: test/fuzz). */
export function summarizeCertificate(cert: PeerCertificate & { issuerCertificate?: PeerCertificate }): CertificateSummary {
  const subject = formatName(cert.subject);
  const issuer = formatName(cert.issuer);
  const validTo = new Date(cert.valid_to);
  return {
    subject,
    issuer,
    selfSigned: cert.issuerCertificate === cert || (subject === issuer && cert.fingerprint256 === cert.issuerCertificate?.fingerprint256),
    validFrom: isoOrRaw(cert.valid_from),
    validTo: isoOrRaw(cert.valid_to),
    expired: validTo.getTime() < Date.now(), // false when unreadable (NaN)
    altNames: (cert.subjectaltname ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    fingerprint256: cert.fingerprint256,
  };
}

/**
 * ISO 8601 when the date can be read; else the text OpenSSL gave ("Bad time value"), capped: a
 * device's broken certificate must not hide its TLS service (issue #21).
 */
function isoOrRaw(text: string | undefined): string {
  const date = new Date(text ?? '');
  return Number.isNaN(date.getTime()) ? String(text ?? '').slice(0, 64) : date.toISOString();
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ');
}
