// The hostile inputs of issue #21, kept byte for byte: each is a regression test
// (test/unit/protocols/hostile-input.test.ts) and a seed of the fuzz harness (test/fuzz/).

/** dns-packet 5.6.1's TXT decoder reads past the end; every further record is re-read from byte 0. */
export const MDNS_TXT_OVERRUN_1023 = Buffer.from('000010000000ffffffffff00' + '000010000100000000ffff' + '00'.repeat(1000), 'hex');
/** The same with 100 trailing bytes: 123 bytes, 3.5 s and ~2 GB of heap in dns-packet. */
export const MDNS_TXT_OVERRUN_123 = Buffer.from('000010000000ffffffffff00' + '000010000100000000ffff' + '00'.repeat(100), 'hex');

/** Flags 0x8400 (an authoritative response) instead of 0x1000: reaches past the "is it a response" test. */
export function asResponse(packet: Buffer): Buffer {
  const copy = Buffer.from(packet);
  copy.writeUInt16BE(0x8400, 2);
  return copy;
}

/** A challenge parameter the old regex re-scanned from every position: quadratic. */
export const WWW_AUTHENTICATE_BASIC_64K = `Basic ${'a'.repeat(64 * 1024)}`;
/** The 203 KB variant (14 s with the old regex). */
export const WWW_AUTHENTICATE_BASIC_203K = `Basic ${'a'.repeat(203 * 1024)}`;
/** `<title` with no `>`, repeated: the old htmlTitle regex re-scanned the rest from every one. */
export const HTML_TITLE_256K = '<title'.repeat(Math.ceil((256 * 1024) / 6));

/**
 * SNMP reproducers (net-snmp 3.29.2 throws outside its try/catch). `<ID>` is the request id the
 * device saw in our request. Kept here as the SNMP parser's fuzz seeds once that parser is the
 * project's own (see test/fuzz/targets.ts, `snmp`).
 */
export const SNMP_V3_FLAGGED_REPLY_TEMPLATE = '303c02010330100203<ID>020300ffe30401010201030410300e0400020100020100040004000400301304000400a20d0203<ID>0201000201003000';
export const SNMP_V2C_REPORT_TEMPLATE = '301b02010104067075626c6963a80e0204<ID>0201000201003000';
