import { ftpLogin } from '../protocols/ftp.js';
import { defineCredentialCheck } from './credentials/define.js';

/** Factory FTP logins (never "anonymous": anonymous access is its own check). */
export const defaultCredentialsFtp = defineCredentialCheck({
  service: 'ftp',
  hints: ({ service }) => [service.banner, service.product],
  async tryPair({ options }, user, password) {
    const result = await ftpLogin(options, user, password);
    return { outcome: result.outcome, detail: `${result.code ?? '-'} ${result.detail}` };
  },
});
