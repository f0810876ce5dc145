// Decodes the report logo's bytes far enough to know it is a real image, before it is saved: the
// PDF library throws on a file that only starts like a PNG or JPEG, which used to break every PDF
// and evidence pack. PNG: every chunk's CRC, a valid header, the image data inflated to exactly the
// size its header promises. JPEG: the marker structure from SOI to EOI with a frame and a scan.
import { crc32, inflateSync } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIDE = 10_000;
/** Channels per PNG colour type, and the bit depths each allows (PNG spec §11.2.2). */
const PNG_COLOUR: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] }, 2: { channels: 3, depths: [8, 16] }, 3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] }, 6: { channels: 4, depths: [8, 16] },
};
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

function pngRawSize(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number {
  const rows = (w: number, h: number) => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlaced) return rows(width, height);
  return ADAM7.reduce((sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy)), 0);
}

/** Why `bytes` is not a PNG that decodes, or null. */
export function pngProblem(bytes: Buffer): string | null {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'not a PNG file';
  let at = 8;
  let header: { width: number; height: number; bitsPerPixel: number; interlaced: boolean; colour: number } | null = null;
  const data: Buffer[] = [];
  let palette = false;
  let ended = false;
  while (at < bytes.length && !ended) {
    if (at + 12 > bytes.length) return 'the PNG is cut short';
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (length > bytes.length - at - 12) return 'the PNG is cut short';
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return `the PNG chunk ${type} is damaged`;
    if (header === null && type !== 'IHDR') return 'the PNG does not start with its header';
    if (type === 'IHDR') {
      if (header !== null || length !== 13) return 'the PNG header is invalid';
      const [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      const [depth, colour, compression, filter, interlace] = [body[8]!, body[9]!, body[10]!, body[11]!, body[12]!];
      const kind = PNG_COLOUR[colour];
      if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return 'the PNG has an impossible size';
      if (!kind || !kind.depths.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return 'the PNG header is invalid';
      header = { width, height, bitsPerPixel: kind.channels * depth, interlaced: interlace === 1, colour };
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') ended = true;
    at += 12 + length;
  }
  if (!header || !ended) return 'the PNG has no end';
  if (header.colour === 3 && !palette) return 'the PNG has no palette';
  if (data.length === 0) return 'the PNG holds no image data';
  const expected = pngRawSize(header.width, header.height, header.bitsPerPixel, header.interlaced);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1 });
  } catch {
    return 'the PNG image data does not decode';
  }
  return raw.length === expected ? null : 'the PNG image data does not match its size';
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Why `bytes` is not a well-formed JPEG, or null. */
export function jpegProblem(bytes: Buffer): string | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return 'not a JPEG file';
  let at = 2;
  let frame = false;
  let scan = false;
  while (at + 1 < bytes.length) {
    if (bytes[at] !== 0xff) return 'the JPEG structure is damaged';
    const marker = bytes[at + 1]!;
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0xd9) return frame && scan ? null : 'the JPEG has no image';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (at + 4 > bytes.length) return 'the JPEG is cut short';
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return 'the JPEG is cut short';
    if (SOF.has(marker)) {
      if (length < 8) return 'the JPEG frame is invalid';
      const [height, width, components] = [bytes.readUInt16BE(at + 5), bytes.readUInt16BE(at + 7), bytes[at + 9]!];
      if (height < 1 || width < 1 || width > MAX_SIDE || height > MAX_SIDE || components < 1 || components > 4) return 'the JPEG frame is invalid';
      frame = true;
    }
    at += 2 + length;
    if (marker === 0xda) {
      if (!frame) return 'the JPEG scan comes before its frame';
      scan = true;
      // Entropy-coded data: runs until a marker that is not a stuffed 0xFF00 or a restart marker.
      while (at + 1 < bytes.length && !(bytes[at] === 0xff && bytes[at + 1] !== 0x00 && !(bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7))) at += 1;
    }
  }
  return 'the JPEG has no end';
}
