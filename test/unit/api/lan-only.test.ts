// Inbound stays on the LAN in the application itself (the systemd unit no longer filters addresses,
// so that alerts can reach public servers): which peers are answered, and the guard on a real server.
import { describe, expect, it } from 'vitest';
import { parseClientRanges, peerAllowed } from '../../../backend/src/api/lan-only.js';
import { removeDir, startTestAppliance } from '../../helpers/appliance.js';

describe('peerAllowed', () => {
  it('answers loopback, link-local, private and unique-local peers, and a Unix-socket peer', () => {
    for (const ip of ['127.0.0.1', '127.3.2.1', '::1', '10.1.2.3', '172.16.9.9', '192.168.1.20', '169.254.7.7', 'fd12::5', 'fe80::1%eth0', '::ffff:192.168.1.5', undefined]) {
      expect(peerAllowed(ip), String(ip)).toBe(true);
    }
  });

  it('refuses public, CGNAT and malformed peers unless the owner adds their range', () => {
    for (const ip of ['8.8.8.8', '203.0.113.9', '100.64.1.2', '2001:db8::1', '::ffff:8.8.8.8', '172.32.0.1', 'not-an-ip']) {
      expect(peerAllowed(ip), ip).toBe(false);
    }
    expect(peerAllowed('100.64.1.2', parseClientRanges(['100.64.0.0/10']))).toBe(true);
  });
});

describe('on the appliance', () => {
  it('a loopback client is answered; MAMORI_ALLOWED_CLIENTS is validated', async () => {
    const test = await startTestAppliance({ logLevel: 'silent', config: { allowedClients: ['100.64.0.0/10'] } });
    try {
      expect((await test.request({ path: '/api/health' })).status).toBe(200);
    } finally {
      await test.stop();
      await removeDir(test.dataDir);
    }
    const { loadConfig } = await import('../../../backend/src/config/config.js');
    expect(() => loadConfig({ MAMORI_ALLOWED_CLIENTS: 'my vpn' })).toThrow(/allowedClients/);
    expect(loadConfig({ MAMORI_ALLOWED_CLIENTS: '100.64.0.0/10, fd00::/8' }).allowedClients).toEqual(['100.64.0.0/10', 'fd00::/8']);
  });
});
