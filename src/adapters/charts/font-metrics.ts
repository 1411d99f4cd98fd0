/**
 * Text widths read from the TTF/OTF files that resvg draws with. Without a canvas, Vega guesses
 * every character at 0.8 em, which leaves wide gaps beside axis labels and legends; measuring with
 * the real advance widths makes the layout match what is drawn.
 */
import { readFileSync } from 'node:fs';

export interface FontFace {
  /** OS/2 usWeightClass: 400 regular, 600 semibold, 700 bold. */
  weight: number;
  /** Advance width of a code point, in em. */
  advance(codePoint: number): number;
}

interface Tables {
  view: DataView;
  offsets: Map<string, number>;
}

function readTables(bytes: Uint8Array): Tables {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(4);
  const offsets = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    offsets.set(tag, view.getUint32(record + 8));
  }
  return { view, offsets };
}

function table(tables: Tables, tag: string): number {
  const offset = tables.offsets.get(tag);
  if (offset === undefined) throw new Error(`font has no ${tag} table`);
  return offset;
}

/** Maps code points to glyph ids from the Unicode cmap subtable (format 12, else format 4). */
function glyphLookup(tables: Tables): (codePoint: number) => number {
  const { view } = tables;
  const cmap = table(tables, 'cmap');
  const subtables = new Map<number, number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const record = cmap + 4 + i * 8;
    const offset = cmap + view.getUint32(record + 4);
    const format = view.getUint16(offset);
    if (view.getUint16(record) === 3 || view.getUint16(record) === 0) subtables.set(format, offset);
  }
  const f12 = subtables.get(12);
  if (f12 !== undefined) {
    const groups = view.getUint32(f12 + 12);
    return (cp) => {
      for (let g = 0; g < groups; g++) {
        const at = f12 + 16 + g * 12;
        const start = view.getUint32(at);
        if (cp >= start && cp <= view.getUint32(at + 4)) return view.getUint32(at + 8) + cp - start;
      }
      return 0;
    };
  }
  const f4 = subtables.get(4);
  if (f4 === undefined) throw new Error('font has no Unicode cmap');
  const segments = view.getUint16(f4 + 6) / 2;
  const ends = f4 + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (cp) => {
    for (let s = 0; s < segments; s++) {
      if (cp > view.getUint16(ends + s * 2)) continue;
      const start = view.getUint16(starts + s * 2);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + s * 2);
      const rangeAt = rangeOffsets + s * 2;
      const range = view.getUint16(rangeAt);
      if (range === 0) return (cp + delta) & 0xffff;
      const glyph = view.getUint16(rangeAt + range + (cp - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

export function loadFontFace(path: string): FontFace {
  const tables = readTables(readFileSync(path));
  const { view } = tables;
  const unitsPerEm = view.getUint16(table(tables, 'head') + 18);
  const metricCount = view.getUint16(table(tables, 'hhea') + 34);
  const hmtx = table(tables, 'hmtx');
  const os2 = tables.offsets.get('OS/2');
  const glyphOf = glyphLookup(tables);
  const cache = new Map<number, number>();
  return {
    weight: os2 === undefined ? 400 : view.getUint16(os2 + 4),
    advance(codePoint) {
      let width = cache.get(codePoint);
      if (width === undefined) {
        // Glyphs past numberOfHMetrics share the last advance width.
        const glyph = Math.min(glyphOf(codePoint), metricCount - 1);
        width = view.getUint16(hmtx + glyph * 4) / unitsPerEm;
        cache.set(codePoint, width);
      }
      return width;
    },
  };
}

/** Width in pixels of `text` at `fontSize`, using the face whose weight is closest to `weight`. */
export function measureText(faces: FontFace[], text: string, fontSize: number, weight: number): number {
  const face = faces.reduce<FontFace | undefined>(
    (best, f) =>
      best === undefined || Math.abs(f.weight - weight) < Math.abs(best.weight - weight) ? f : best,
    undefined,
  );
  if (!face) return 0.8 * text.length * fontSize;
  let ems = 0;
  for (const char of text) ems += face.advance(char.codePointAt(0) ?? 0);
  return ems * fontSize;
}

/** CSS font-weight (number or keyword) as a number. */
export function numericWeight(weight: unknown): number {
  if (typeof weight === 'number') return weight;
  if (weight === 'bold' || weight === 'bolder') return 700;
  if (weight === 'lighter') return 300;
  const parsed = Number(weight);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : 400;
}
