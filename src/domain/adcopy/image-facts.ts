/**
 * What can be measured honestly about an image without a model: its format and dimensions from the
 * file header (PNG, JPEG, GIF, WebP), the aspect ratio and the ad placements it fits, and, from
 * decoded pixels when there are any, the dominant colours and the brightness. Pure: bytes in,
 * facts out.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Decoded pixels: `channels` bytes per pixel (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), row-major. */
export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

export interface ImageFacts extends ImageHeader {
  bytes: number;
  /** Width/height, 3 decimals. */
  aspectRatio: number;
  /** The placements whose aspect ratio the image matches within 3 %, e.g. "Feed square 1:1". */
  placements: string[];
  /** Up to five dominant colours as #rrggbb, most common first; empty when pixels were not decoded. */
  colors: string[];
  /** Mean relative luminance 0–1, or null when pixels were not decoded. */
  brightness: number | null;
}

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Smaller than this on a side (a 728×90 leaderboard is the narrowest placement), no ad platform takes the image. */
export const MIN_IMAGE_SIDE = 50;

const u16be = (b: Uint8Array, i: number) => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, i: number) => u16le(b, i) | ((b[i + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, i: number) => ((u16be(b, i) << 16) >>> 0) + u16be(b, i + 2);
const ascii = (b: Uint8Array, from: number, length: number) =>
  String.fromCharCode(...b.subarray(from, from + length));

function pngHeader(b: Uint8Array): ImageHeader | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20) };
}

/** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegHeader(b: Uint8Array): ImageHeader | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = u16be(b, i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { format: 'jpeg', width: u16be(b, i + 7), height: u16be(b, i + 5) };
    i += 2 + length;
  }
  return null;
}

function webpHeader(b: Uint8Array): ImageHeader | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ')
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = u16le(b, 21) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

/** The format and dimensions from the file's first bytes, or null when it is not an image we read. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const b = bytes;
  if (b.length < 12) return null;
  if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return pngHeader(b);
  if (b[0] === 0xff && b[1] === 0xd8) return jpegHeader(b);
  if (ascii(b, 0, 4) === 'GIF8') return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8) };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webpHeader(b);
  return null;
}

const PLACEMENTS: readonly [name: string, ratio: number][] = [
  ['Feed square 1:1', 1],
  ['Feed portrait 4:5', 0.8],
  ['Stories and Reels 9:16', 9 / 16],
  ['Landscape link 1.91:1', 1.91],
  ['Display medium rectangle 300x250', 1.2],
  ['Display leaderboard 728x90', 728 / 90],
  ['Display half page 300x600', 0.5],
  ['Video 16:9', 16 / 9],
];

export function placementsFor(width: number, height: number): string[] {
  const ratio = width / height;
  return PLACEMENTS.filter(([, r]) => Math.abs(ratio - r) / r <= 0.03).map(([name]) => name);
}

const hex = (n: number) => Math.round(n).toString(16).padStart(2, '0');

/** Dominant colours (pixels bucketed to 4 bits per channel, mean of each bucket) and mean luminance. */
export function colourStats(pixels: Pixels, max = 5): { colors: string[]; brightness: number } {
  const { data, channels, width, height } = pixels;
  const total = width * height;
  const step = Math.max(1, Math.floor(total / 40_000));
  const buckets = new Map<number, { n: number; r: number; g: number; b: number }>();
  let luminance = 0;
  let counted = 0;
  for (let p = 0; p < total; p += step) {
    const i = p * channels;
    const grey = channels < 3;
    const r = data[i] ?? 0;
    const g = grey ? r : (data[i + 1] ?? 0);
    const b = grey ? r : (data[i + 2] ?? 0);
    const alpha = channels === 4 ? (data[i + 3] ?? 255) : channels === 2 ? (data[i + 1] ?? 255) : 255;
    if (alpha < 128) continue;
    luminance += (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    counted++;
    const key = ((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4);
    const bucket = buckets.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bucket.n++;
    bucket.r += r;
    bucket.g += g;
    bucket.b += b;
    buckets.set(key, bucket);
  }
  const colors = [...buckets.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[0] - b[0])
    .filter(([, bucket]) => bucket.n / Math.max(1, counted) >= 0.02)
    .slice(0, max)
    .map(([, s]) => `#${hex(s.r / s.n)}${hex(s.g / s.n)}${hex(s.b / s.n)}`);
  return { colors, brightness: counted > 0 ? Math.round((luminance / counted) * 1000) / 1000 : 0 };
}

export function imageFacts(header: ImageHeader, bytes: number, pixels: Pixels | null): ImageFacts {
  const stats = pixels ? colourStats(pixels) : null;
  return {
    ...header,
    bytes,
    aspectRatio: Math.round((header.width / header.height) * 1000) / 1000,
    placements: placementsFor(header.width, header.height),
    colors: stats?.colors ?? [],
    brightness: stats?.brightness ?? null,
  };
}

const NAMED: readonly [name: string, r: number, g: number, b: number][] = [
  ['white', 245, 245, 245],
  ['black', 20, 20, 20],
  ['grey', 128, 128, 128],
  ['red', 200, 40, 40],
  ['orange', 235, 130, 40],
  ['gold', 212, 175, 55],
  ['yellow', 240, 220, 60],
  ['green', 60, 160, 80],
  ['teal', 40, 150, 150],
  ['blue', 50, 90, 200],
  ['navy', 25, 35, 90],
  ['purple', 130, 70, 170],
  ['pink', 240, 160, 190],
  ['brown', 120, 80, 50],
  ['beige', 225, 205, 170],
];

/** The nearest everyday colour name of a #rrggbb colour. */
export function colourName(color: string): string {
  const n = Number.parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  let best = NAMED[0]?.[0] ?? 'grey';
  let distance = Number.POSITIVE_INFINITY;
  for (const [name, nr, ng, nb] of NAMED) {
    const d = (r - nr) ** 2 + (g - ng) ** 2 + (b - nb) ** 2;
    if (d < distance) {
      distance = d;
      best = name;
    }
  }
  return best;
}
