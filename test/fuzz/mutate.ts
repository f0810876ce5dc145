// Inputs for the fuzz harness: the recorded fixtures and reproducers (seeds), mutated the way
// hostile packets differ from good ones — bytes set to boundary values, bytes inserted, deleted,
// truncated, spliced from another seed, and slices repeated (up to ~256 KiB: super-linear parsers
// show themselves there) — plus plain random bytes. fast-check drives it, so a failure shrinks.
import fc from 'fast-check';

const MAX_INPUT = 256 * 1024;
const BOUNDARY = [0x00, 0x01, 0x7f, 0x80, 0xc0, 0xfe, 0xff, 0x3c, 0x3e, 0x22, 0x3d, 0x0d, 0x0a];

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; seed: number; from: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const position = fc.nat({ max: 1 << 20 });

function mutation(seedCount: number, maxTimes: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('set' as const), at: position, byte: fc.oneof(fc.constantFrom(...BOUNDARY), fc.integer({ min: 0, max: 255 })) }),
    fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: position }),
    fc.record({ kind: fc.constant('splice' as const), at: position, seed: fc.nat({ max: seedCount - 1 }), from: position, length: fc.integer({ min: 1, max: 256 }) }),
    fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 32 }), times: fc.integer({ min: 2, max: maxTimes }) }),
  );
}

function apply(seeds: readonly Buffer[], seed: Buffer, mutations: readonly Mutation[]): Buffer {
  let data = Buffer.from(seed);
  for (const m of mutations) {
    const at = data.length === 0 ? 0 : m.at % (data.length + 1);
    switch (m.kind) {
      case 'set': if (data.length > 0) data[at % data.length] = m.byte; break;
      case 'insert': data = Buffer.concat([data.subarray(0, at), m.bytes, data.subarray(at)]); break;
      case 'delete': data = Buffer.concat([data.subarray(0, at), data.subarray(at + m.length)]); break;
      case 'truncate': data = data.subarray(0, at); break;
      case 'splice': {
        const other = seeds[m.seed % seeds.length]!;
        const from = other.length === 0 ? 0 : m.from % other.length;
        data = Buffer.concat([data.subarray(0, at), other.subarray(from, from + m.length), data.subarray(at)]);
        break;
      }
      case 'repeat': {
        const slice = data.subarray(at, at + m.length);
        const times = Math.min(m.times, Math.floor(MAX_INPUT / Math.max(1, slice.length)));
        data = Buffer.concat([data.subarray(0, at), ...Array.from({ length: times }, () => slice), data.subarray(at)]);
        break;
      }
    }
    if (data.length > MAX_INPUT) data = data.subarray(0, MAX_INPUT);
  }
  return data;
}

/** Mutated seeds (mostly), random bytes, and now and then a slice repeated thousands of times. */
export function hostileInputs(seeds: readonly Buffer[]): fc.Arbitrary<Buffer> {
  if (seeds.length === 0) throw new Error('a fuzz target needs at least one seed');
  const seed = fc.constantFrom(...seeds);
  return fc.oneof(
    { weight: 80, arbitrary: fc.tuple(seed, fc.array(mutation(seeds.length, 64), { minLength: 1, maxLength: 8 })).map(([s, ms]) => apply(seeds, s, ms)) },
    { weight: 12, arbitrary: fc.uint8Array({ maxLength: 1024 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 3, arbitrary: fc.tuple(seed, fc.array(mutation(seeds.length, 8192), { minLength: 1, maxLength: 3 })).map(([s, ms]) => apply(seeds, s, ms)) },
    { weight: 5, arbitrary: seed },
  );
}
