import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createVegaPngRenderer } from '../../src/adapters/charts/vega-png-renderer.ts';
import { buildChartSpec, type ChartRequest } from '../../src/domain/charts/chart-spec.ts';
import { isScoutError } from '../../src/errors.ts';
import type { ChartSpec } from '../../src/ports.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface DecodedPng {
  width: number;
  height: number;
  /** Grey level (0 black .. 255 white) of pixel (x, y). */
  luma(x: number, y: number): number;
}

/** Minimal PNG decoder for 8-bit RGB/RGBA, enough to look at what resvg drew. */
function decodePng(bytes: Uint8Array): DecodedPng {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      expect(data[8]).toBe(8); // bit depth
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      expect(channels).toBeGreaterThan(0);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= channels ? (pixels[y * stride + i - channels] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= channels ? (pixels[(y - 1) * stride + i - channels] ?? 0) : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    luma(x, y) {
      const at = y * stride + x * channels;
      return 0.299 * (pixels[at] ?? 0) + 0.587 * (pixels[at + 1] ?? 0) + 0.114 * (pixels[at + 2] ?? 0);
    },
  };
}

/** Dark pixels in the band where the title is drawn (16 px padding, 16 px font, 2x zoom). */
function darkPixelsInTitleBand(png: DecodedPng): number {
  let count = 0;
  for (let y = 28; y < 76; y++) {
    for (let x = 0; x < png.width / 2; x++) if (png.luma(x, y) < 110) count++;
  }
  return count;
}

const line: ChartRequest = {
  kind: 'line',
  title: 'CTR by channel, monthly',
  subtitle: 'Source: ad_performance_daily',
  x: { field: 'month', label: 'Month', type: 'temporal', grain: 'month' },
  y: { field: 'ctr', label: 'CTR', format: 'percent' },
  series: { field: 'channel', label: 'Channel' },
  rows: Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01`).flatMap(
    (month, i) => [
      { month, channel: 'Search', ctr: 0.031 + 0.001 * Math.sin(i) },
      { month, channel: 'Social', ctr: 0.0123 + 0.001 * Math.cos(i) },
    ],
  ),
};

const bar: ChartRequest = {
  kind: 'bar',
  title: 'Spend by brand — Gaming, Q3 2025',
  x: { field: 'brand', label: 'Brand', type: 'nominal' },
  y: { field: 'spend', label: 'Spend', format: 'currency' },
  rows: Array.from({ length: 10 }, (_, i) => ({
    brand: `Brand number ${i + 1}`,
    spend: 1_500_000 / (i + 1),
  })),
};

const stacked: ChartRequest = {
  kind: 'stacked-bar',
  title: 'Share of spend by channel per quarter',
  x: { field: 'quarter', label: 'Quarter', type: 'temporal', grain: 'quarter' },
  y: { field: 'spend', label: 'Spend', format: 'currency' },
  series: { field: 'channel', label: 'Channel' },
  rows: ['2025-01-01', '2025-04-01', '2025-07-01'].flatMap((quarter, q) =>
    ['Search', 'Social', 'Display', 'Video'].map((channel, c) => ({
      quarter,
      channel,
      spend: (4 - c) * 1000 + q * c * 300,
    })),
  ),
};

function spec(req: ChartRequest): ChartSpec {
  const built = buildChartSpec(req);
  if (!built) throw new Error('expected a spec');
  return built;
}

describe('vega PNG renderer', () => {
  const renderer = createVegaPngRenderer();

  it.each([
    // Bounds: 640 px plot plus axes and legend, drawn at 2x.
    ['line', line, { minWidth: 1300, maxWidth: 1900, minHeight: 700, maxHeight: 1200 }],
    ['bar', bar, { minWidth: 1300, maxWidth: 1900, minHeight: 500, maxHeight: 900 }],
    ['stacked bar', stacked, { minWidth: 1300, maxWidth: 1900, minHeight: 700, maxHeight: 1200 }],
  ] as const)(
    'renders a %s chart as a PNG of the expected size with its title drawn',
    async (_name, req, bounds) => {
      const png = decodePng(await renderer.renderPng(spec(req)));
      expect(png.width).toBeGreaterThanOrEqual(bounds.minWidth);
      expect(png.width).toBeLessThanOrEqual(bounds.maxWidth);
      expect(png.height).toBeGreaterThanOrEqual(bounds.minHeight);
      expect(png.height).toBeLessThanOrEqual(bounds.maxHeight);
      expect(png.luma(2, 2)).toBeGreaterThan(250); // white background
      expect(darkPixelsInTitleBand(png)).toBeGreaterThan(300);
    },
  );

  it('draws text with the shipped font, not a system one', async () => {
    // Without font files resvg draws no text at all: the same band must then stay blank.
    const fontless = createVegaPngRenderer({ fontFiles: [] });
    const withFont = decodePng(await renderer.renderPng(spec(bar)));
    const withoutFont = decodePng(await fontless.renderPng(spec(bar)));
    expect(darkPixelsInTitleBand(withoutFont)).toBe(0);
    expect(darkPixelsInTitleBand(withFont)).toBeGreaterThan(300);
  });

  it('draws the title it is given', async () => {
    const a = await renderer.renderPng(spec({ ...bar, title: 'Spend by brand' }));
    const b = await renderer.renderPng(spec({ ...bar, title: 'Spend by advertiser' }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('reports a spec it cannot compile as chart_failed with a message for users', async () => {
    const error: unknown = await renderer
      .renderPng({ mark: 'no-such-mark', data: { values: [] } })
      .catch((e) => e);
    expect(isScoutError(error)).toBe(true);
    if (!isScoutError(error)) return;
    expect(error.code).toBe('chart_failed');
    expect(error.userMessage).toBe('I could not draw the chart for this answer.');
  });

  it('reports missing font files as chart_failed', async () => {
    const broken = createVegaPngRenderer({ fontFiles: ['/nonexistent/font.ttf'] });
    await expect(broken.renderPng(spec(bar))).rejects.toMatchObject({ code: 'chart_failed' });
  });

  // Render speed is a figure in `npm run bench`, not a timed test here.
  it('renders the same chart to the same bytes every time once warm', async () => {
    const warm = spec(bar);
    const first = await renderer.renderPng(warm);
    const again = await renderer.renderPng(warm);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});
