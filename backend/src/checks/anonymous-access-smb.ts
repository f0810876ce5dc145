import { defineCheck } from '../core/plugins.js';
import { guestShareListing, isDiskShare } from '../protocols/smb-shares.js';

/**
 * SMB shares listed without an account: an anonymous (null) session, else a guest session as an
 * unknown user, reaches IPC$ and lists the shares over srvsvc (what `smbclient -N -L` shows). Each
 * disk share is then asked for a connection only: no folder is listed, no file opened.
 */
export const anonymousAccessSmb = defineCheck({
  id: 'anonymous-access-smb',
  finding: { family: 'anonymous-access', service: 'smb' },
  severity: 'high',
  tags: ['exposure'],
  intrusive: false,
  maxAttempts: 2,
  on: { tcp: ['smb'] },
  async run({ device, service }, ctx) {
    const listing = await guestShareListing({ host: device.ip, port: service.port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal });
    if (!listing) return [];
    const names = listing.shares.slice(0, 12).map((share) => `${JSON.stringify(share.name.slice(0, 40))}${isDiskShare(share) ? '' : ' (special)'}`);
    const how = listing.session === 'anonymous' ? 'an anonymous (null) session' : 'a guest session as an unknown user';
    const open = listing.openShares.length > 0
      ? `; opens without a password: ${listing.openShares.map((n) => JSON.stringify(n.slice(0, 40))).join(', ')}`
      : '; no disk share opened without a password';
    return [{
      confidence: 'confirmed',
      // A share that opens to anyone is the real exposure; a bare list of names is less.
      severity: listing.openShares.length > 0 ? 'high' : 'medium',
      evidence: `${how} was accepted and listed ${listing.shares.length} share(s) over IPC$: ${names.join(', ')}${open} (nothing was listed inside or read)`,
    }];
  },
});
