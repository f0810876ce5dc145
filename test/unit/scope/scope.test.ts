import { describe, expect, it } from 'vitest';
import { cidrContains, ipv4Hosts, parseCidr } from '../../../backend/src/scope/cidr.js';
import { decideScope, localBlockOf } from '../../../backend/src/scope/policy.js';
import { planScan } from '../../../backend/src/scope/resolve.js';
import type { LocalInterface } from '../../../backend/src/scope/interfaces.js';

describe('parseCidr', () => {
  it('normalises the network address and counts addresses', () => {
    const cidr = parseCidr('10.77.0.5/24');
    expect(cidr.text).toBe('10.77.0.0/24');
    expect(cidr.size).toBe(256n);
    expect(parseCidr('192.168.1.10').text).toBe('192.168.1.10/32');
    expect(parseCidr('fd00:1::5/64').text).toBe('fd00:1::/64');
  });

  it('rejects what is not a range', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0/24', 'example.com', '10.0.0.0/24/1', '10.0.0.0/x', '']) {
      expect(() => parseCidr(bad), bad).toThrow();
    }
  });

  it('lists usable IPv4 hosts without network and broadcast', () => {
    const hosts = ipv4Hosts(parseCidr('10.77.0.0/24'));
    expect(hosts).toHaveLength(254);
    expect(hosts[0]).toBe('10.77.0.1');
    expect(hosts.at(-1)).toBe('10.77.0.254');
    expect(ipv4Hosts(parseCidr('10.0.0.4/31'))).toEqual(['10.0.0.4', '10.0.0.5']);
  });

  it('tests membership', () => {
    const cidr = parseCidr('172.16.0.0/12');
    expect(cidrContains(cidr, '172.31.255.255')).toBe(true);
    expect(cidrContains(cidr, '172.32.0.0')).toBe(false);
    expect(cidrContains(parseCidr('fe80::/10'), 'fe80::1%eth0')).toBe(true);
  });
});

describe('scope policy', () => {
  const strict = { allowPublic: false, allowLarge: false };

  it('accepts private, link-local and unique-local ranges', () => {
    const decision = decideScope(['10.77.0.0/24', '192.168.1.0/24', '172.20.0.0/22', '169.254.1.0/24', 'fd12:3456::/120', 'fe80::/118'], strict);
    expect(decision.ok).toBe(true);
  });

  it('refuses public, multicast, loopback and straddling ranges', () => {
    for (const range of ['8.8.8.0/24', '100.64.0.0/24', '224.0.0.0/24', '127.0.0.0/24', '2001:db8::/120', '11.0.0.0/24', '10.0.0.0/7']) {
      const decision = decideScope([range], { ...strict, allowLarge: true });
      expect(decision.ok, range).toBe(false);
      expect(localBlockOf(parseCidr(range)), range).toBeNull();
    }
  });

  it('refuses more than a /22 unless --allow-large', () => {
    expect(decideScope(['10.0.0.0/22'], strict).ok).toBe(true);
    const refused = decideScope(['10.0.0.0/21'], strict);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]).toMatch(/--allow-large/);
    expect(decideScope(['10.0.0.0/21'], { ...strict, allowLarge: true }).ok).toBe(true);
  });

  it('lets --allow-public through and reports every problem at once', () => {
    expect(decideScope(['8.8.8.0/24'], { allowPublic: true, allowLarge: false }).ok).toBe(true);
    const decision = decideScope(['8.8.8.0/24', 'nonsense', '10.0.0.0/16'], strict);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.errors).toHaveLength(3);
  });
});

describe('planScan', () => {
  const interfaces: LocalInterface[] = [
    { name: 'wlan0', ipv4: '192.168.1.20', mac: 'dc:a6:32:00:00:01', cidrs: ['192.168.1.20/24'] },
    { name: 'eth0', ipv4: '10.77.0.2', mac: 'dc:a6:32:00:00:02', cidrs: ['10.77.0.2/24', 'fe80::1/64'] },
  ];

  it('picks the interface whose subnet contains the first range', () => {
    const plan = planScan(['10.77.0.0/24'], null, { allowPublic: false, allowLarge: false }, interfaces);
    expect(plan).toEqual({
      ok: true, targets: ['10.77.0.0/24'], interfaceName: 'eth0', interfaceAddress: '10.77.0.2',
      networks: [{ name: 'eth0', address: '10.77.0.2', targets: ['10.77.0.0/24'] }],
    });
  });

  it('refuses when no interface reaches the range, or the named one does not exist', () => {
    expect(planScan(['10.99.0.0/24'], null, { allowPublic: false, allowLarge: false }, interfaces, []).ok).toBe(false);
    expect(planScan(['10.77.0.0/24'], 'eth9', { allowPublic: false, allowLarge: false }, interfaces).ok).toBe(false);
  });
});

describe('planScan with several networks', () => {
  const strict = { allowPublic: false, allowLarge: false };
  const interfaces: LocalInterface[] = [
    { name: 'eth0', ipv4: '10.77.0.2', mac: 'dc:a6:32:00:00:02', cidrs: ['10.77.0.2/24'] },
    { name: 'eth1', ipv4: '10.78.0.2', mac: 'dc:a6:32:00:00:03', cidrs: ['10.78.0.2/24'] },
    { name: 'eth0.20', ipv4: '192.168.20.2', mac: 'dc:a6:32:00:00:02', cidrs: ['192.168.20.2/24'] },
  ];

  it('groups each range under the interface whose subnet holds it, VLAN sub-interfaces included', () => {
    const plan = planScan(['10.78.0.0/24', '10.77.0.0/25', '192.168.20.0/24', '10.77.0.128/25'], null, strict, interfaces, []);
    expect(plan).toEqual({
      ok: true, targets: ['10.78.0.0/24', '10.77.0.0/25', '192.168.20.0/24', '10.77.0.128/25'],
      interfaceName: 'eth1', interfaceAddress: '10.78.0.2',
      networks: [
        { name: 'eth1', address: '10.78.0.2', targets: ['10.78.0.0/24'] },
        { name: 'eth0', address: '10.77.0.2', targets: ['10.77.0.0/25', '10.77.0.128/25'] },
        { name: 'eth0.20', address: '192.168.20.2', targets: ['192.168.20.0/24'] },
      ],
    });
  });

  it('refuses a range no interface reaches, naming it, even beside reachable ones (before any packet)', () => {
    const plan = planScan(['10.77.0.0/24', '10.79.0.0/24', '10.80.0.0/24'], null, strict, interfaces, []);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors).toHaveLength(2);
    expect(plan.errors[0]).toMatch(/no local interface is on 10\.79\.0\.0\/24/);
    expect(plan.errors[1]).toMatch(/10\.80\.0\.0\/24/);
  });

  it('keeps --interface for a range it is on, and for a range no interface is on (the owner\'s choice)', () => {
    const onIt = planScan(['10.78.0.0/24'], 'eth1', strict, interfaces, []);
    expect(onIt.ok && onIt.networks).toEqual([{ name: 'eth1', address: '10.78.0.2', targets: ['10.78.0.0/24'] }]);
    const forced = planScan(['10.99.0.0/24'], 'eth0', strict, interfaces, []);
    expect(forced.ok && forced.networks).toEqual([{ name: 'eth0', address: '10.77.0.2', targets: ['10.99.0.0/24'] }]);
  });

  it('refuses --interface for a range that another interface is on (it would come back empty)', () => {
    const plan = planScan(['10.77.0.0/24', '10.78.0.0/24'], 'eth0', strict, interfaces, []);
    expect(plan).toEqual({ ok: false, errors: [expect.stringMatching(/10\.78\.0\.0\/24 is on interface eth1, not on eth0/)] });
  });
});
