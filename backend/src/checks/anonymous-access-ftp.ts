import { defineCheck } from '../core/plugins.js';
import { FtpControl, type FtpReply } from '../protocols/ftp.js';

/** The conventional anonymous password is an e-mail address; some servers check that it looks like one. */
const ANONYMOUS_PASSWORD = 'mamori@example.com';
/** RFC 1635: "anonymous", and "ftp" as its common alias. */
const ANONYMOUS_USERS = ['anonymous', 'ftp'] as const;

/**
 * Anonymous FTP: USER anonymous / PASS an e-mail-like string. Confirmed on 230; a 530 is a
 * refusal. Only the control channel is used: nothing is listed, read or written.
 */
export const anonymousAccessFtp = defineCheck({
  id: 'anonymous-access-ftp',
  finding: { family: 'anonymous-access', service: 'ftp' },
  severity: 'high',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: ANONYMOUS_USERS.length,
  on: { tcp: ['ftp'] },
  async run({ device, service }, ctx) {
    const { control, greeting } = await FtpControl.open({
      host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal,
    });
    try {
      if (greeting?.code !== 220) return [];
      for (const user of ANONYMOUS_USERS) {
        const accepted = await tryAnonymous(control, user);
        if (accepted) {
          return [{
            confidence: 'confirmed',
            evidence: `anonymous login as "${user}" accepted: the server answered ${accepted.code} ${oneLine(accepted.text)} (nothing was listed or read)`,
          }];
        }
        if (control.closed) break;
      }
      return [];
    } finally {
      control.close();
    }
  },
});

/** The 230 reply when the anonymous login went through, otherwise null (530, timeout, garbage). */
async function tryAnonymous(control: FtpControl, user: string): Promise<FtpReply | null> {
  const afterUser = await control.command(`USER ${user}`);
  if (afterUser?.code === 230) return afterUser; // no password asked for at all
  if (afterUser?.code !== 331) return null;
  const afterPass = await control.command(`PASS ${ANONYMOUS_PASSWORD}`);
  return afterPass?.code === 230 ? afterPass : null;
}

function oneLine(text: string): string {
  return JSON.stringify(text.split('\n')[0]!.slice(0, 120));
}
