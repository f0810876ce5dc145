import { defineCheck } from '../core/plugins.js';
import { FtpControl, type FtpReply } from '../protocols/ftp.js';

/** A user name that exists nowhere: only USER is sent for it, never a password. */
const PROBE_USER = 'mamori-cleartext-probe';
/** How servers say "log in over TLS first" (vsftpd, ProFTPD, Pure-FTPd, FileZilla Server). */
const TLS_REQUIRED = /encrypt|tls|ssl|secure|auth /i;

/**
 * FTP that takes logins without TLS. Confirmed when the server, on a plain connection, asks for a
 * password after USER (331) or lets the session in (230), instead of demanding AUTH TLS first.
 * A named user is asked first; if named logins are refused (anonymous-only servers), USER
 * anonymous tells whether sessions still run in clear. No password is ever sent.
 */
export const cleartextServiceFtp = defineCheck({
  id: 'cleartext-service-ftp',
  finding: { family: 'cleartext-service', service: 'ftp' },
  severity: 'medium',
  tags: ['cleartext', 'exposure'],
  intrusive: false,
  maxAttempts: 2,
  on: { tcp: ['ftp'], unencrypted: true },
  async run({ device, service }, ctx) {
    const { control, greeting } = await FtpControl.open({
      host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal,
    });
    try {
      if (greeting?.code !== 220) return [];
      const feat = await control.command('FEAT');
      const offersTls = feat?.code === 211 && /^\s*AUTH\b.*\bTLS\b/im.test(feat.text);
      const tlsNote = offersTls ? 'AUTH TLS is offered but not required' : 'the server does not offer AUTH TLS at all';

      const named = await control.command(`USER ${PROBE_USER}`);
      if (asksForLogin(named)) {
        return [{
          confidence: 'confirmed',
          evidence: `on a plain connection to port ${service.port} the server answered USER with ${named!.code} ${quote(named!.text)}: user names and passwords would cross the network unencrypted; ${tlsNote}`,
        }];
      }
      if (named === null || TLS_REQUIRED.test(named.text) || control.closed) return [];

      const anonymous = await control.command('USER anonymous');
      if (!asksForLogin(anonymous)) return [];
      return [{
        confidence: 'confirmed',
        evidence: `named logins are refused (${named.code} ${quote(named.text)}) but anonymous sessions run over plain FTP (USER anonymous answered ${anonymous!.code}): commands and files cross the network unencrypted; ${tlsNote}`,
        severity: 'low',
      }];
    } finally {
      control.close();
    }
  },
});

function asksForLogin(reply: FtpReply | null): boolean {
  return reply !== null && (reply.code === 331 || reply.code === 332 || reply.code === 230);
}

function quote(text: string): string {
  return JSON.stringify(text.split('\n')[0]!.slice(0, 120));
}
