// The IEEE vendor table (MA-L, MA-M, MA-S, IAB) built by oui-data/build.mjs. Loaded once by the
// composition root and passed to whoever needs it; not a singleton.
//
// Memory layout, chosen by measurement (oui-data/measure.ts, figures in oui-data/README.md):
// vendor names stay UTF-8 bytes in one Buffer with a Uint32Array of offsets (decoded on a hit),
// prefixes are sorted typed arrays searched by bisection. About 1.3 MB off the JS heap and a
// handful of objects, against ~8 MB of heap for a Map<string, number> plus name strings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { normalizeMac } from './mac.js';

export type OuiRegistry = 'MA-L' | 'MA-M' | 'MA-S' | 'IAB';

export interface OuiMatch {
  vendor: string;
  /** The matched block in canonical form: "a4:14:37" (MA-L), "74:1a:e0:9" (MA-M), "70:b3:d5:f2:f". */
  prefix: string;
  registry: OuiRegistry;
}

interface Section {
  readonly registry: OuiRegistry;
  readonly digits: number;
  /** 16 ** (9 - digits): turns a 9-digit key into this section's key. */
  readonly divisor: number;
  /** Prefix values, ascending. 9-digit prefixes need 36 bits, hence Float64Array (exact to 2^53). */
  readonly keys: Uint32Array | Float64Array;
  readonly vendor: Uint16Array | Uint32Array;
}

const FORMAT = 'mamori-oui 1';
const DIGITS: Record<OuiRegistry, number> = { 'MA-L': 6, 'MA-M': 7, 'MA-S': 9, IAB: 9 };
/** Longest prefix first: a 9-digit block wins over the 7-digit one, which wins over its MA-L parent. */
const LOOKUP_ORDER: readonly OuiRegistry[] = ['MA-S', 'IAB', 'MA-M', 'MA-L'];
const NL = 0x0a;
const SP = 0x20;

/** Where the committed table lives: 3 levels up from backend/src/identify/ and backend/dist/identify/. */
export const DEFAULT_OUI_TABLE_PATH = fileURLToPath(new URL('../../../oui-data/oui-table.txt', import.meta.url));

/** Byte → hex digit value, or -1. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

function bisect(keys: Uint32Array | Float64Array, x: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = keys[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A forward-only line reader over the raw bytes of the table. */
class Cursor {
  pos = 0;
  line = 0;
  constructor(readonly buf: Buffer, readonly name: string) {}

  fail(message: string): never {
    throw new Error(`${this.name}: line ${this.line}: ${message}`);
  }

  /** Moves past the next line; returns its end (the newline's offset). It started at the old pos. */
  next(): number {
    const end = this.buf.indexOf(NL, this.pos);
    if (end < 0) this.fail('unexpected end of file');
    this.pos = end + 1;
    this.line++;
    return end;
  }

  /** The next line as text. */
  text(): string {
    const start = this.pos;
    return this.buf.toString('latin1', start, this.next());
  }

  /** Reads a header line "<label> <count>". */
  header(label: string): number {
    const text = this.text();
    const m = /^(\S+) (\d+)$/.exec(text);
    if (!m || m[1] !== label) this.fail(`expected "${label} <count>", got "${text.slice(0, 40)}"`);
    return Number(m[2]);
  }
}

export class OuiTable {
  /** Vendor names already decoded, by index (sparse). */
  private readonly decoded: (string | undefined)[] = [];

  private constructor(
    private readonly names: Buffer,
    /** names[i] is bytes offsets[i] .. offsets[i+1]-1 (the -1 drops the newline). */
    private readonly offsets: Uint32Array,
    /** In lookup order: longest prefix first. */
    private readonly sections: readonly Section[],
  ) {}

  /** Reads the table (plain, or gzip if the path ends in .gz). Synchronous: called once at start-up. */
  static load(path: string = DEFAULT_OUI_TABLE_PATH): OuiTable {
    let buf = readFileSync(path);
    if (path.endsWith('.gz')) buf = gunzipSync(buf);
    return OuiTable.parse(buf, path);
  }

  /** Parses the bytes of an oui-table file; throws on anything malformed. */
  static parse(buf: Buffer, name = 'oui-table'): OuiTable {
    const cur = new Cursor(buf, name);
    if (cur.text() !== FORMAT) cur.fail(`not a "${FORMAT}" file`);

    const vendorCount = cur.header('vendors');
    const namesStart = cur.pos;
    const offsets = new Uint32Array(vendorCount + 1);
    for (let i = 0; i < vendorCount; i++) {
      const start = cur.pos;
      offsets[i] = start - namesStart;
      if (cur.next() === start) cur.fail('empty vendor name');
    }
    offsets[vendorCount] = cur.pos - namesStart;
    // A copy, so that the whole file buffer can be freed once parsing is done.
    const names = Buffer.from(buf.subarray(namesStart, cur.pos));

    const sections = new Map<OuiRegistry, Section>();
    for (const registry of ['MA-L', 'MA-M', 'MA-S', 'IAB'] as const) {
      const digits = DIGITS[registry];
      const count = cur.header(registry);
      const keys = digits > 8 ? new Float64Array(count) : new Uint32Array(count);
      const vendor = vendorCount <= 0x10000 ? new Uint16Array(count) : new Uint32Array(count);
      let prev = -1;
      for (let i = 0; i < count; i++) {
        let p = cur.pos;
        const e = cur.next();
        let key = 0;
        for (let d = 0; d < digits; d++, p++) {
          const h = p < e ? HEX[buf[p]!]! : -1;
          if (h < 0) cur.fail(`bad ${registry} prefix`);
          key = key * 16 + h;
        }
        if (buf[p++] !== SP || p >= e) cur.fail(`expected "<${digits} hex digits> <vendor index>"`);
        let v = 0;
        for (; p < e; p++) {
          const c = buf[p]! - 0x30;
          if (c < 0 || c > 9) cur.fail('bad vendor index');
          v = v * 10 + c;
        }
        if (v >= vendorCount) cur.fail(`vendor index ${v} out of range`);
        if (key <= prev) cur.fail(`${registry} prefixes not strictly ascending`);
        keys[i] = key;
        vendor[i] = v;
        prev = key;
      }
      sections.set(registry, { registry, digits, divisor: 16 ** (9 - digits), keys, vendor });
    }
    if (cur.pos !== buf.length) cur.fail('trailing data after the IAB section');
    return new OuiTable(names, offsets, LOOKUP_ORDER.map((r) => sections.get(r)!));
  }

  /** Number of vendor names and of prefixes per registry. */
  get counts(): Record<OuiRegistry | 'vendors', number> {
    const n = (r: OuiRegistry): number => this.sections.find((s) => s.registry === r)!.keys.length;
    return { 'MA-L': n('MA-L'), 'MA-M': n('MA-M'), 'MA-S': n('MA-S'), IAB: n('IAB'), vendors: this.offsets.length - 1 };
  }

  /**
   * The registered owner of a MAC's block, longest prefix first (9, then 7, then 6 hex digits).
   * Null for an invalid MAC, an unregistered prefix, or a locally administered (randomized) MAC,
   * whose first three octets are not an OUI.
   */
  lookup(mac: string): OuiMatch | null {
    const canonical = normalizeMac(mac);
    if (canonical === null) return null;
    const octet0 = parseInt(canonical.slice(0, 2), 16);
    if ((octet0 & 0x02) !== 0) return null; // locally administered: not an OUI
    // First 9 hex digits "aa:bb:cc:d|d:e" as one number (36 bits, exact in a double).
    const k9 = ((octet0 * 0x100 + parseInt(canonical.slice(3, 5), 16)) * 0x100
      + parseInt(canonical.slice(6, 8), 16)) * 0x1000 + parseInt(canonical.slice(9, 11) + canonical[12], 16);
    for (const section of this.sections) {
      const i = bisect(section.keys, Math.floor(k9 / section.divisor));
      if (i < 0) continue;
      return {
        vendor: this.vendorName(section.vendor[i]!),
        // "aa:bb:cc" + ":d" or ":dd:e": the first `digits` hex digits with their colons.
        prefix: canonical.slice(0, section.digits + ((section.digits - 1) >> 1)),
        registry: section.registry,
      };
    }
    return null;
  }

  /** Decodes a name on its first use only; a home network meets a few dozen vendors. */
  private vendorName(index: number): string {
    let name = this.decoded[index];
    if (name === undefined) {
      name = this.names.toString('utf8', this.offsets[index]!, this.offsets[index + 1]! - 1);
      this.decoded[index] = name;
    }
    return name;
  }
}
