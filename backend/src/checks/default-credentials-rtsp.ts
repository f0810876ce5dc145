import { rtspDescribe, rtspLogin } from '../protocols/rtsp.js';
import { RTSP_CREDENTIAL_PATHS } from './credentials/data.js';
import { defineCredentialCheck } from './credentials/define.js';
import { identityText, pairsFor } from './credentials/select.js';

const MAX_PATH_PROBES = 4;

/** Factory RTSP logins (Basic or Digest) on a stream path that demands one. Never pulls media. */
export const defaultCredentialsRtsp = defineCredentialCheck<string>({
  service: 'rtsp',
  async prepare({ target: { device, service }, options }) {
    const identity = identityText(device, [service.product]);
    const rows = [...RTSP_CREDENTIAL_PATHS.filter((r) => r.vendor !== null && identity.includes(r.vendor.toLowerCase())), ...RTSP_CREDENTIAL_PATHS.filter((r) => r.vendor === null)];
    const candidates = [...new Set(rows.flatMap((r) => r.paths))].slice(0, MAX_PATH_PROBES);
    for (const path of candidates) {
      // A DESCRIBE without credentials is not a login: it only tells whether the path asks for one.
      const answer = await rtspDescribe(options, path).catch(() => null);
      if (!answer) continue;
      if (answer.status === 200) return null; // an open stream is anonymous access, not a password problem
      if (answer.status === 401) {
        const realm = answer.challenges[0]?.params['realm'] ?? null;
        return {
          state: path,
          pairs: pairsFor('rtsp', device, [service.product, realm]),
          noun: { accepted: `RTSP DESCRIBE ${path} accepted for`, control: 'a random wrong password' },
        };
      }
    }
    return null;
  },
  async tryPair({ options, state: path }, user, password) {
    const result = await rtspLogin(options, path, user, password);
    const outcome = result.outcome === 'open' || result.outcome === 'not-found' ? 'error' : result.outcome;
    return { outcome, detail: result.detail };
  },
});
