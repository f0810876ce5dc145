// The domain shape (Service.tls) of a TLS handshake: what the scan result keeps of it.
import type { TlsInfo } from '../core/types.js';
import type { TlsHandshake } from './tls.js';

export function toTlsInfo(handshake: TlsHandshake): TlsInfo {
  const c = handshake.certificate;
  return {
    protocol: handshake.protocol,
    cipher: handshake.cipher,
    certificate: c ? {
      subject: c.subject, issuer: c.issuer, selfSigned: c.selfSigned, validFrom: c.validFrom, validTo: c.validTo,
      altNames: c.altNames, fingerprint256: c.fingerprint256,
    } : null,
  };
}
