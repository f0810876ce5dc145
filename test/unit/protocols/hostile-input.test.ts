// Issue #21's reproducers, each against the parser it used to crash or stall. Every one of these
// failed before the fix (out of memory, or seconds of a blocked event loop). The regex cases carry a
// test timeout (5 s) far above what the linear parsers need (milliseconds) and below what the old
// regexes took (14 s and more); the per-case figures come from `npm run fuzz` (test/fuzz/).
import { decode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../../backend/src/protocols/http-auth.js';
import { htmlTitle } from '../../../backend/src/protocols/http.js';
import { decodeMdnsResponse } from '../../../backend/src/protocols/mdns.js';
import { mdnsPacket, recorded } from '../discovery/fixtures/recorded.js';
import {
  asResponse, HTML_TITLE_256K, MDNS_TXT_OVERRUN_123, MDNS_TXT_OVERRUN_1023, WWW_AUTHENTICATE_BASIC_203K, WWW_AUTHENTICATE_BASIC_64K,
} from '../../fuzz/reproducers.js';

describe('mDNS: the dns-packet TXT overrun (issue #21, 1)', () => {
  it.each([
    ['1023-byte', MDNS_TXT_OVERRUN_1023],
    ['123-byte', MDNS_TXT_OVERRUN_123],
  ])('the %s reproducer is refused, as a query and as a response', (_name, packet) => {
    expect(decodeMdnsResponse(packet)).toEqual({ ok: false, reason: expect.stringMatching(/header claims .* records/) });
    expect(decodeMdnsResponse(asResponse(packet))).toEqual({ ok: false, reason: expect.stringMatching(/header claims .* records/) });
  });

  it('a TXT record whose length runs past the packet is refused, even when the counts fit', () => {
    const packet = Buffer.from(MDNS_TXT_OVERRUN_123);
    packet.writeUInt16BE(0x8400, 2);
    packet.writeUInt16BE(1, 6); // one answer, no other records
    packet.writeUInt32BE(0, 8);
    expect(decodeMdnsResponse(packet)).toEqual({ ok: false, reason: expect.stringMatching(/malformed: truncated record data/) });
  });

  it('a TXT string that runs past the end of its record is refused', () => {
    const answer = Buffer.from('00' + '0010' + '0001' + '00000078' + '0003' + '05616263', 'hex'); // rdlength 3, string of 5
    const header = Buffer.from('000084000000000100000000', 'hex');
    expect(decodeMdnsResponse(Buffer.concat([header, answer]))).toEqual({ ok: false, reason: expect.stringMatching(/TXT string of 5 bytes overruns/) });
  });

  it('a pointer that goes forward, or back into its own run of labels, is refused', () => {
    // Name at 12: label "ab" then a pointer to 12 (the start of its own run): a loop via labels.
    const loop = Buffer.concat([Buffer.from('000084000000000100000000', 'hex'), Buffer.from('026162c00c', 'hex'), Buffer.from('000c0001000000780000', 'hex')]);
    expect(decodeMdnsResponse(loop)).toEqual({ ok: false, reason: expect.stringMatching(/malformed: name pointer/) });
  });

  it('decodes every recorded avahi answer exactly as dns-packet does (valid input is unchanged)', () => {
    for (const [name, packets] of Object.entries(recorded.mdns)) {
      packets.forEach((_packet, index) => {
        const packet = mdnsPacket(name, index);
        const ours = decodeMdnsResponse(packet);
        if (!ours.ok) throw new Error(`${name}[${index}]: ${ours.reason}`);
        const theirs = decode(packet);
        const all = [...(theirs.answers ?? []), ...(theirs.authorities ?? []), ...(theirs.additionals ?? [])];
        const wanted = all.filter((r) => ['PTR', 'SRV', 'TXT', 'A', 'AAAA'].includes(r.type));
        expect(ours.records.map((r) => `${r.type} ${r.name}`).sort(), `${name}[${index}]`).toEqual(wanted.map((r) => `${r.type} ${r.name.replace(/\.$/, '')}`).sort());
      });
    }
  });
});

describe('HTTP: quadratic challenge and title parsing (issue #21, 3)', () => {
  it('WWW-Authenticate: Basic + 64 KiB of "a" is one Basic challenge without parameters', { timeout: 5000 }, () => {
    expect(parseChallenges([WWW_AUTHENTICATE_BASIC_64K])).toEqual([{ scheme: 'basic', params: {} }]);
  });

  it('the 203 KB variant too', { timeout: 5000 }, () => {
    expect(parseChallenges([WWW_AUTHENTICATE_BASIC_203K, WWW_AUTHENTICATE_BASIC_203K])).toHaveLength(2);
  });

  it('"<title" repeated over 256 KiB has no title', { timeout: 5000 }, () => {
    expect(htmlTitle(HTML_TITLE_256K)).toBeNull();
    expect(htmlTitle(`${HTML_TITLE_256K}><title>Router</title>`)).toBe('Router');
  });

  it('challenge parameters read as before: quoted, escaped, unquoted, a token68, junk between', () => {
    expect(parseChallenges(['Digest realm="a \\"b\\" c", nonce=abc , qop="auth,auth-int", stale=FALSE, Basic realm=x'])).toEqual([
      { scheme: 'digest', params: { realm: 'a "b" c', nonce: 'abc', qop: 'auth,auth-int', stale: 'FALSE' } },
      { scheme: 'basic', params: { realm: 'x' } },
    ]);
    expect(parseChallenges(['Negotiate YIIBhwYGKwYBBQUC, Bearer realm="api" error="invalid_token"'])).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'bearer', params: { realm: 'api', error: 'invalid_token' } },
    ]);
    expect(parseChallenges(['Basic realm="never closed'])).toEqual([{ scheme: 'basic', params: { realm: '"never' } }]);
  });

  it('titles read as before: attributes, spaces, the first closed one within 200 characters', () => {
    expect(htmlTitle('<TITLE lang="en">\n  Web   Admin\n</TITLE>')).toBe('Web Admin');
    expect(htmlTitle(`<title>${'x'.repeat(201)}</title><title>Second</title>`)).toBe('Second');
    expect(htmlTitle('<title>a<b></title><title>c</title>')).toBe('c');
    expect(htmlTitle('<title>never closed')).toBeNull();
  });
});
