// A small ustar writer and a defensive reader, shared by the backup and the evidence pack. Both
// archives hold a handful of files Mamori wrote itself, so no dependency is needed. The reader
// never touches the disk: it returns the entries, and refuses anything but regular files, a
// damaged header, a file twice, a file cut short, and archives or entries over their size caps.
// Which names are acceptable is the caller's decision.
import { gunzipSync, gzipSync } from 'node:zlib';

export class TarError extends Error {}

export interface TarEntry { name: string; bytes: Buffer }

export interface TarLimits {
  /** Cap on the compressed archive. */
  maxArchiveBytes: number;
  /** Cap on what it may expand to (a gzip bomb stops here). */
  maxExpandedBytes: number;
  /** Cap on one entry; a header claiming more is refused before its data is looked at. */
  maxEntryBytes?: number;
  /** Cap on the number of entries. */
  maxEntries?: number;
}

const BLOCK = 512;
const MB = 1024 * 1024;

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name, 'utf8') > 100) throw new TarError(`name longer than 100 bytes: ${name}`);
  const block = Buffer.alloc(BLOCK, 0);
  const field = (text: string, offset: number, length: number) => { block.write(text, offset, length, 'utf8'); };
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0');
  field(name, 0, 100);
  field(octal(0o600, 8), 100, 8);
  field(octal(0, 8), 108, 8);
  field(octal(0, 8), 116, 8);
  field(octal(size, 12), 124, 12);
  field(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  field(' '.repeat(8), 148, 8);
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  const sum = block.reduce((total, byte) => total + byte, 0);
  field(`${octal(sum, 7)}\u0000 `, 148, 8);
  return block;
}

/** An uncompressed ustar archive of the entries, in the order given. */
export function writeTar(entries: readonly TarEntry[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  for (const { name, bytes } of entries) {
    parts.push(header(name, bytes.length, mtime), bytes, Buffer.alloc((BLOCK - (bytes.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

export function writeTarGz(entries: readonly TarEntry[], mtime = new Date()): Buffer {
  return gzipSync(writeTar(entries, mtime));
}

function readString(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Decompresses within the caps; the messages say which cap was hit. */
export function gunzipWithin(archive: Buffer, limits: TarLimits): Buffer {
  if (archive.length > limits.maxArchiveBytes) throw new TarError(`archive larger than ${limits.maxArchiveBytes / MB} MB`);
  try {
    return gunzipSync(archive, { maxOutputLength: limits.maxExpandedBytes });
  } catch (error) {
    const tooBig = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|too large/i.test(String(error));
    throw new TarError(tooBig ? `archive expands to more than ${limits.maxExpandedBytes / MB} MB` : 'not a gzip-compressed archive');
  }
}

/** Reads every entry of an uncompressed tar (names as stored, a leading "./" removed). */
export function readTar(tar: Buffer, limits: Pick<TarLimits, 'maxEntryBytes' | 'maxEntries'> = {}): TarEntry[] {
  const entries: TarEntry[] = [];
  const seen = new Set<string>();
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const stored = Number.parseInt(readString(block, 148, 8).trim() || 'x', 8);
    const sum = block.reduce((total, byte, i) => total + (i >= 148 && i < 156 ? 32 : byte), 0);
    if (stored !== sum) throw new TarError('damaged archive (header checksum)');
    const prefix = readString(block, 345, 155);
    const name = ((prefix ? `${prefix}/` : '') + readString(block, 0, 100)).replace(/^\.\//, '');
    const type = String.fromCharCode(block[156]!);
    const size = Number.parseInt(readString(block, 124, 12).trim() || 'x', 8);
    if (type !== '0' && type !== '\u0000') throw new TarError(`"${name}" is not a regular file`);
    if (seen.has(name)) throw new TarError(`"${name}" appears twice`);
    if (limits.maxEntries !== undefined && entries.length >= limits.maxEntries) throw new TarError(`more than ${limits.maxEntries} files in the archive`);
    if (!Number.isSafeInteger(size) || size < 0) throw new TarError(`"${name}" has a damaged size`);
    if (limits.maxEntryBytes !== undefined && size > limits.maxEntryBytes) throw new TarError(`"${name}" is larger than ${limits.maxEntryBytes / MB} MB`);
    if (offset + BLOCK + size > tar.length) throw new TarError(`"${name}" is cut short`);
    seen.add(name);
    entries.push({ name, bytes: Buffer.from(tar.subarray(offset + BLOCK, offset + BLOCK + size)) });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

/** gunzipWithin + readTar. */
export function readTarGz(archive: Buffer, limits: TarLimits): TarEntry[] {
  return readTar(gunzipWithin(archive, limits), limits);
}
