import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  buildChartSpec,
  type ChartRequest,
  chooseChartKind,
  type ValueFormat,
} from '../../src/domain/charts/chart-spec.ts';
import { numberFormat, periodLabel, valueLabelFormat } from '../../src/domain/charts/formats.ts';
import { CHART_FONT_FAMILY } from '../../src/domain/charts/theme.ts';

// The spec is plain JSON; these helpers walk it without caring about Vega-Lite's types.
type Json = Record<string, unknown>;
const obj = (value: unknown): Json => value as Json;
const layer = (spec: Json, i = 0): Json => obj((spec.layer as unknown[])[i]);
const enc = (spec: Json, channel: string, i = 0): Json => obj(obj(layer(spec, i).encoding)[channel]);
const values = (spec: Json): Json[] => obj(spec.data).values as Json[];
const subtitle = (spec: Json): string[] => (obj(spec.title).subtitle as string[] | undefined) ?? [];

function build(req: ChartRequest): Json {
  const spec = buildChartSpec(req);
  if (!spec) throw new Error('expected a spec');
  return spec;
}

/** Compiles with Vega-Lite and returns every warning, so a spec that VL silently "fixes" fails. */
function compileWarnings(spec: Json): string[] {
  const warnings: string[] = [];
  const record = (args: unknown[]) => {
    warnings.push(args.join(' '));
    return logger;
  };
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => record(args),
    warn: (...args: unknown[]) => record(args),
    info: () => logger,
    debug: () => logger,
  };
  compile(spec as unknown as TopLevelSpec, { logger });
  return warnings;
}

function barRequest(count: number, format: ValueFormat = 'currency', scale = 1000): ChartRequest {
  return {
    kind: 'bar',
    title: 'Spend by brand',
    subtitle: 'Source: ad_performance_daily',
    x: { field: 'brand', label: 'Brand', type: 'nominal' },
    y: { field: 'spend', label: 'Spend', format },
    // Values deliberately out of order: brand i has value ((i * 7) % count + 1) * scale.
    rows: Array.from({ length: count }, (_, i) => ({
      brand: `Brand ${i}`,
      spend: (((i * 7) % count) + 1) * scale,
    })),
  };
}

const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'];
const lineRequest: ChartRequest = {
  kind: 'line',
  title: 'CTR by channel',
  x: { field: 'month', label: 'Month', type: 'temporal', grain: 'month' },
  y: { field: 'ctr', label: 'CTR', format: 'percent' },
  series: { field: 'channel', label: 'Channel' },
  rows: months.flatMap((month, i) => [
    { month, channel: 'Search', ctr: 0.031 + i * 0.001 },
    { month, channel: 'Social', ctr: 0.0123 + i * 0.0005 },
  ]),
};

const shareRequest: ChartRequest = {
  kind: 'stacked-bar',
  title: 'Share of spend by channel',
  x: { field: 'quarter', label: 'Quarter', type: 'temporal', grain: 'quarter' },
  y: { field: 'spend', label: 'Spend', format: 'currency' },
  series: { field: 'channel', label: 'Channel' },
  rows: ['2025-01-01', '2025-04-01'].flatMap((quarter, q) =>
    ['Search', 'Social', 'Video'].map((channel, c) => ({ quarter, channel, spend: (3 - c) * 100 + q * 50 })),
  ),
};

describe('chooseChartKind', () => {
  const shape = { hasTime: false, categoryDimensions: 0, isShare: false, rowCount: 10, metricCount: 1 };

  it.each([
    ['a single value', { ...shape, rowCount: 1 }, 'none'],
    ['an empty result', { ...shape, rowCount: 0, hasTime: true }, 'none'],
    ['a share', { ...shape, isShare: true, categoryDimensions: 1 }, 'stacked-bar'],
    ['a share over time', { ...shape, isShare: true, hasTime: true }, 'stacked-bar'],
    ['a time series', { ...shape, hasTime: true }, 'line'],
    ['a time series per category', { ...shape, hasTime: true, categoryDimensions: 1 }, 'line'],
    ['one category', { ...shape, categoryDimensions: 1 }, 'bar'],
    ['two categories', { ...shape, categoryDimensions: 2 }, 'grouped-bar'],
    ['three categories', { ...shape, categoryDimensions: 3 }, 'grouped-bar'],
    ['no dimension at all', shape, 'none'],
    ['no metric', { ...shape, categoryDimensions: 1, metricCount: 0 }, 'none'],
  ] as const)('%s -> %s', (_name, input, expected) => {
    expect(chooseChartKind(input)).toBe(expected);
  });
});

describe('buildChartSpec: when there is nothing to draw', () => {
  it('returns null for kind none (single values)', () => {
    expect(buildChartSpec({ ...barRequest(1), kind: 'none' })).toBeNull();
  });

  it('returns null without rows', () => {
    expect(buildChartSpec({ ...barRequest(3), rows: [] })).toBeNull();
  });

  it('returns null when no row has a number to plot', () => {
    expect(buildChartSpec({ ...barRequest(3), rows: [{ brand: 'A', spend: null }] })).toBeNull();
  });
});

describe('buildChartSpec: common shape', () => {
  it('is a Vega-Lite v6 spec with inline data, the title, a fixed width and the shipped font', () => {
    const spec = build(barRequest(5));
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    expect(obj(spec.title).text).toBe('Spend by brand');
    expect(subtitle(spec)).toEqual(['Source: ad_performance_daily']);
    expect(spec.width).toBe(640);
    expect(values(spec)).toHaveLength(5);
    const config = obj(spec.config);
    expect(config.font).toBe(CHART_FONT_FAMILY);
    expect(config.background).toBe('#FFFFFF');
    for (const key of ['axis', 'legend']) {
      expect(obj(config[key]).labelFontSize).toBeGreaterThanOrEqual(11);
      expect(obj(config[key]).titleFontSize).toBeGreaterThanOrEqual(11);
    }
  });

  it('survives field names that Vega-Lite would read as paths', () => {
    const req = barRequest(3);
    const rows = req.rows.map((r) => ({ 'brand.name': r.brand ?? null, 'spend[usd]': r.spend ?? null }));
    const spec = build({
      ...req,
      x: { ...req.x, field: 'brand.name' },
      y: { ...req.y, field: 'spend[usd]' },
      rows,
    });
    expect(values(spec).map((v) => v.y)).toEqual([3000, 2000, 1000]);
  });

  it.each([
    ['line', lineRequest],
    ['bar', barRequest(30)],
    ['stacked bar', shareRequest],
    [
      'single stacked bar',
      {
        ...shareRequest,
        series: undefined,
        x: { field: 'channel', label: 'Channel', type: 'nominal' as const },
      },
    ],
    [
      'grouped bar',
      {
        ...shareRequest,
        kind: 'grouped-bar' as const,
        x: { field: 'channel', label: 'Channel', type: 'nominal' as const },
        series: { field: 'quarter', label: 'Quarter' },
      },
    ],
  ])('%s compiles without Vega-Lite warnings', (_name, req) => {
    expect(compileWarnings(build(req))).toEqual([]);
  });
});

describe('buildChartSpec: sorted bar', () => {
  it('draws horizontal bars sorted by value, largest first', () => {
    const spec = build(barRequest(5));
    const y = enc(spec, 'y');
    expect(y.field).toBe('x');
    expect(y.title).toBe('Brand');
    expect(enc(spec, 'x').title).toBe('Spend');
    const sorted = values(spec).map((v) => v.y as number);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(y.sort).toEqual(values(spec).map((v) => v.x));
    expect(spec.height).toEqual({ step: expect.any(Number) });
  });

  it('keeps the top 25 of a long list and says so in the subtitle', () => {
    const spec = build(barRequest(40));
    const kept = values(spec);
    expect(kept).toHaveLength(25);
    expect(kept[0]?.y).toBe(40_000);
    expect(kept[24]?.y).toBe(16_000);
    expect(subtitle(spec)).toEqual(['Source: ad_performance_daily', 'Top 25 of 40 shown (Brand)']);
  });

  it('does not truncate 25 bars', () => {
    const spec = build(barRequest(25));
    expect(values(spec)).toHaveLength(25);
    expect(subtitle(spec)).toEqual(['Source: ad_performance_daily']);
  });

  it('labels each bar with its value in a layer of text', () => {
    const spec = build(barRequest(5, 'currency', 1_000_000));
    const text = layer(spec, 1);
    expect(obj(text.mark).type).toBe('text');
    expect(JSON.stringify(text.transform)).toContain("'$.3~s'");
  });
});

describe('formats per ValueFormat', () => {
  it.each([
    ['currency', 120_000, '$,.0f'],
    ['currency', 25_000_000, '$.2~s'],
    ['currency', 1.25, '$,.2f'],
    ['percent', 0.0123, '.2%'],
    ['percent', 0.45, '.1~%'],
    ['integer', 54_321, ',d'],
    ['integer', 12_000_000, '.3~s'],
    ['decimal', 12.5, ',.2f'],
    ['ratio', 3.21, '.2f'],
  ] as const)('%s up to %d -> %s', (format, max, expected) => {
    expect(numberFormat(format, max)).toBe(expected);
  });

  it.each([
    ['currency', 25_000_000, '$.3~s'],
    ['percent', 0.45, '.2%'],
    ['ratio', 3.21, '.2f'],
  ] as const)('value labels for %s up to %d use %s', (format, max, expected) => {
    expect(valueLabelFormat(format, max)).toBe(expected);
  });

  it.each([
    ['currency', 2_500_000, '$.2~s'],
    ['percent', 0.0123, '.2%'],
    ['integer', 40_000, ',d'],
    ['decimal', 12.5, ',.2f'],
    ['ratio', 3.21, '.2f'],
  ] as const)('the %s measure axis up to %d uses %s', (format, scale, expected) => {
    const spec = build(barRequest(5, format, scale / 5));
    expect(obj(enc(spec, 'x').axis).format).toBe(expected);
  });

  it('shows billions as B rather than the SI G', () => {
    const spec = build(barRequest(5, 'currency', 1e9));
    expect(obj(enc(spec, 'x').axis).labelExpr).toBe("replace(datum.label, 'G', 'B')");
  });
});

describe('buildChartSpec: line', () => {
  it('draws one line per series on a UTC time axis formatted per grain', () => {
    const spec = build(lineRequest);
    expect(obj(layer(spec).mark).type).toBe('line');
    const x = enc(spec, 'x');
    expect(x.type).toBe('temporal');
    expect(obj(x.scale).type).toBe('utc');
    expect(obj(x.axis).format).toBe('%b %Y');
    expect(obj(x.axis).values).toEqual(months.map((m) => Date.parse(m)));
    expect(enc(spec, 'color').field).toBe('s');
    expect(enc(spec, 'color').title).toBe('Channel');
    expect(obj(enc(spec, 'y').axis).format).toBe('.2%');
    expect(values(spec)[0]).toEqual({ x: '2025-01-01', y: 0.031, s: 'Search' });
  });

  it.each([
    ['day', '%d %b'],
    ['week', '%d %b'],
    ['month', '%b %Y'],
    ['year', '%Y'],
  ] as const)('formats a %s axis as %s', (grain, format) => {
    const spec = build({ ...lineRequest, x: { ...lineRequest.x, grain } });
    expect(obj(enc(spec, 'x').axis).format).toBe(format);
  });

  it('labels quarters as Q1 2025', () => {
    const spec = build({ ...lineRequest, x: { ...lineRequest.x, grain: 'quarter' } });
    expect(obj(enc(spec, 'x').axis).labelExpr).toBe(
      "'Q' + utcquarter(datum.value) + ' ' + utcyear(datum.value)",
    );
  });

  it('draws a single line without a colour field when there is no series', () => {
    const spec = build({ ...lineRequest, series: undefined, rows: lineRequest.rows.slice(0, 4) });
    expect(enc(spec, 'color').field).toBeUndefined();
  });

  it('thins date ticks so that labels never collide', () => {
    const days = Array.from({ length: 90 }, (_, i) => ({
      day: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
      spend: i,
    }));
    const spec = build({
      kind: 'line',
      title: 'Daily spend',
      x: { field: 'day', label: 'Day', type: 'temporal', grain: 'day' },
      y: { field: 'spend', label: 'Spend', format: 'currency' },
      rows: days,
    });
    expect((obj(enc(spec, 'x').axis).values as number[]).length).toBeLessThanOrEqual(8);
  });
});

describe('buildChartSpec: stacked share bar', () => {
  it('normalises each bar to 100% and labels quarters as periods', () => {
    const spec = build(shareRequest);
    const rows = values(spec);
    for (const bar of ['Q1 2025', 'Q2 2025']) {
      const shares = rows.filter((r) => r.bar === bar).map((r) => r.share as number);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
    expect(enc(spec, 'x').sort).toEqual(['Q1 2025', 'Q2 2025']);
    expect(obj(enc(spec, 'y').axis).format).toBe('.0%');
    expect(enc(spec, 'color').sort).toEqual(['Search', 'Social', 'Video']);
  });

  it('infers the grain from the dates when the request gives none', () => {
    const spec = build({ ...shareRequest, x: { field: 'quarter', label: 'Quarter', type: 'temporal' } });
    expect(enc(spec, 'x').sort).toEqual(['Q1 2025', 'Q2 2025']);
  });

  it('draws a single bar whose segments are the categories when there is no series', () => {
    const spec = build({
      ...shareRequest,
      series: undefined,
      x: { field: 'channel', label: 'Channel', type: 'nominal' },
      rows: [
        { channel: 'Search', spend: 600 },
        { channel: 'Social', spend: 300 },
        { channel: 'Video', spend: 100 },
      ],
    });
    expect(values(spec).map((r) => [r.s, r.share])).toEqual([
      ['Search', 0.6],
      ['Social', 0.3],
      ['Video', 0.1],
    ]);
    expect(obj(layer(spec).encoding).y).toBeUndefined();
  });

  it('merges the smallest segments into Other', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ channel: `C${i}`, spend: 100 - i }));
    const spec = build({
      ...shareRequest,
      series: undefined,
      x: { field: 'channel', label: 'Channel', type: 'nominal' },
      rows,
    });
    const segments = values(spec).map((r) => r.s);
    expect(segments).toHaveLength(9);
    expect(segments.at(-1)).toBe('Other');
    expect(subtitle(spec)).toContain('4 smaller groups merged into "Other"');
  });
});

describe('periodLabel', () => {
  it.each([
    ['2025-07-01', 'quarter', 'Q3 2025'],
    ['2025-07-01', 'month', 'Jul 2025'],
    ['2025-07-01', 'year', '2025'],
    ['2025-07-14', 'week', '14 Jul 2025'],
    ['not a date', 'month', 'not a date'],
  ] as const)('%s as %s -> %s', (value, grain, expected) => {
    expect(periodLabel(value, grain)).toBe(expected);
  });
});
