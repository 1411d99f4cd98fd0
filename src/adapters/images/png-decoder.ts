/**
 * Decodes PNG pixels (8-bit, non-interlaced; grey, grey+alpha, RGB, RGBA) with node:zlib, for the
 * offline colour and brightness facts. Anything else (palette, 16-bit, interlaced, JPEG, GIF,
 * WebP) gives null: the facts then say the colours were not measured.
 */
import { inflateSync } from 'node:zlib';
import type { ImageFormat, Pixels } from '../../domain/adcopy/image-facts.ts';
import type { ImageDecoder } from '../../ports.ts';

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };
/** Larger images are not decoded (colours unmeasured) rather than held in memory. */
const MAX_PIXELS = 40_000_000;

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[src + x] ?? 0;
      const left = x >= bpp ? (out[row + x - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[row - stride + x] ?? 0) : 0;
      const upLeft = x >= bpp && y > 0 ? (out[row - stride + x - bpp] ?? 0) : 0;
      const predicted =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      out[row + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}

export function decodePng(bytes: Uint8Array): Pixels | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 33 || buffer.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const [depth, colourType, , , interlace] = [24, 25, 26, 27, 28].map((i) => buffer[i] ?? 0);
  const channels = CHANNELS[colourType ?? -1];
  if (depth !== 8 || interlace !== 0 || !channels || width * height > MAX_PIXELS) return null;
  const parts: Buffer[] = [];
  for (let i = 8; i + 8 <= buffer.length; ) {
    const length = buffer.readUInt32BE(i);
    const type = buffer.toString('latin1', i + 4, i + 8);
    if (type === 'IDAT') parts.push(buffer.subarray(i + 8, i + 8 + length));
    if (type === 'IEND') break;
    i += 12 + length;
  }
  try {
    const raw = inflateSync(Buffer.concat(parts));
    if (raw.length < (width * channels + 1) * height) return null;
    return { width, height, channels, data: unfilter(raw, width, height, channels) };
  } catch {
    return null;
  }
}

export function createImageDecoder(): ImageDecoder {
  return { decode: (bytes: Uint8Array, format: ImageFormat) => (format === 'png' ? decodePng(bytes) : null) };
}
