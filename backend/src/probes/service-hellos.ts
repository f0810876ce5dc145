// Hellos in client-first protocols that do not answer HTTP (see PORT_HELLO): each names the
// service only from a valid answer in its own protocol, never from the port number.
import type { PluginContext } from '../core/plugins.js';
import type { Service } from '../core/types.js';
import { adbConnect } from '../protocols/adb.js';
import { rdpHello } from '../protocols/rdp.js';
import { netbiosSessionRequest, smb1Negotiate, Smb2Client } from '../protocols/smb.js';
import { PORT_HELLO } from './service-patterns.js';

export async function portHello(host: string, port: number, ctx: PluginContext): Promise<Partial<Service> | null> {
  const hello = PORT_HELLO[port];
  if (!hello) return null;
  const options = { host, port, timeoutMs: ctx.tuning.exchangeTimeoutMs, signal: ctx.signal };
  switch (hello) {
    case 'adb': {
      const answer = await adbConnect(options);
      if (!answer) return null;
      const model = answer.kind === 'open' ? (answer.properties['ro.product.model'] ?? answer.properties['ro.product.name'] ?? null) : null;
      const banner = answer.kind === 'open' ? `ADB CNXN (no key authorisation): ${answer.banner}`
        : answer.kind === 'auth' ? 'ADB AUTH (key authorisation required)' : 'ADB STLS (TLS pairing required)';
      return { service: 'adb', banner: banner.slice(0, 200), product: model?.slice(0, 120) ?? null };
    }
    case 'smb':
      return smbHello(options);
    case 'netbios-ssn': {
      const answer = await netbiosSessionRequest(options);
      return answer ? { service: 'netbios-ssn', banner: `NetBIOS session service (${answer} session response)` } : null;
    }
    case 'rdp': {
      const confirm = await rdpHello(options);
      if (!confirm) return null;
      const security = confirm.security === 'credssp' || confirm.security === 'credssp-early' ? 'Network Level Authentication (CredSSP)'
        : confirm.security ? `${confirm.security.toUpperCase()} security` : confirm.failureCode !== null ? `negotiation failure ${confirm.failureCode}` : 'standard RDP security';
      return { service: 'rdp', banner: `RDP X.224 connection confirm: ${security}` };
    }
  }
}

const SMB2_DIALECT_NAMES: Record<number, string> = { 0x0202: '2.0.2', 0x0210: '2.1', 0x0300: '3.0', 0x0302: '3.0.2', 0x0311: '3.1.1' };

/** SMB2 NEGOTIATE; a server that does not answer it may speak SMB1 only (old NAS firmware). */
async function smbHello(options: { host: string; port: number; timeoutMs: number; signal: AbortSignal }): Promise<Partial<Service> | null> {
  const client = await Smb2Client.open(options);
  try {
    const negotiated = await client.negotiate();
    if (negotiated) {
      const dialect = SMB2_DIALECT_NAMES[negotiated.dialect] ?? `0x${negotiated.dialect.toString(16)}`;
      return { service: 'smb', banner: `SMB2 negotiated, dialect ${dialect}${negotiated.signingRequired ? ', signing required' : ''}` };
    }
  } finally {
    client.close();
  }
  const smb1 = await smb1Negotiate(options);
  return smb1.accepted ? { service: 'smb', banner: 'SMB1 only (NT LM 0.12)' } : null;
}
