// Issue #21's reproducers, each against the parser it used to crash or stall. Every one of these
// failed before the fix (out of memory, or seconds of a blocked event loop); none is timed here —
// the parsers' linear bounds are shown by `npm run fuzz` (test/fuzz/), which records slow cases.
import { decode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeMdnsResponse } from '../../../backend/src/protocols/mdns.js';
import { mdnsPacket, recorded } from '../discovery/fixtures/recorded.js';
import { asResponse, MDNS_TXT_OVERRUN_123, MDNS_TXT_OVERRUN_1023 } from '../../fuzz/reproducers.js';

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
