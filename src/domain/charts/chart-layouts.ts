/**
 * One Vega-Lite layer set per chart kind. Each returns its inline data, its layers, its height and
 * any subtitle note about what was left out, so that chart-spec.ts only wraps them.
 */
import {
  type ChartPoint,
  grainOf,
  keepTop,
  type Layer,
  type LayoutBody,
  maxAbs,
  notesOf,
  orderedX,
  type PreparedRequest,
} from './chart-data.ts';
import {
  numberFormat,
  periodLabel,
  quarterLabelExpr,
  siLabelExpr,
  type TimeGrain,
  timeFormat,
  valueLabelFormat,
} from './formats.ts';
import { CATEGORY_AXIS, INK, paletteColour } from './theme.ts';

const MAX_LINE_SERIES = 8;
const MAX_BARS = 25;
const MAX_GROUPS = 15;
const MAX_GROUP_SERIES = 6;
const LINE_HEIGHT = 320;
const BAR_STEP = 24;

/** Axis for the measure; `tickCount` is a hint that keeps gridlines sparse. */
function valueAxis(prepared: PreparedRequest, points: ChartPoint[], tickCount: number) {
  const format = numberFormat(prepared.req.y.format, maxAbs(points));
  const labelExpr = siLabelExpr(format);
  return labelExpr ? { format, labelExpr, tickCount } : { format, tickCount };
}

/** Keeps at most `limit` evenly spaced ticks so that date labels never collide. */
function thin<T>(values: T[], limit: number): T[] {
  const step = Math.ceil(values.length / limit);
  return values.filter((_, i) => i % step === 0);
}

function timeAxis(grain: TimeGrain, points: ChartPoint[]) {
  const times = [...new Set(points.map((p) => p.t).filter((t): t is number => t !== null))].sort(
    (a, b) => a - b,
  );
  const values = thin(times, grain === 'year' ? 12 : 8);
  // With a UTC scale Vega-Lite formats with utcFormat, so no timezone can shift a month.
  const base = { values, format: timeFormat(grain), grid: false };
  return grain === 'quarter' ? { ...base, labelExpr: quarterLabelExpr } : base;
}

export function lineLayers(prepared: PreparedRequest): LayoutBody {
  const { req, temporal } = prepared;
  const series = keepTop(prepared.points, (p) => p.s, MAX_LINE_SERIES, req.series?.label ?? '');
  const points = prepared.points.filter((p) => p.s === null || series.kept.includes(p.s));
  const grain = grainOf(prepared);
  const xCount = new Set(points.map((p) => p.x)).size;
  // Volumes start at zero; rates are read by their change, which a zero baseline would flatten.
  const zero = req.y.format === 'currency' || req.y.format === 'integer';

  const x = temporal
    ? {
        field: 'x',
        type: 'temporal' as const,
        scale: { type: 'utc' as const },
        axis: timeAxis(grain, points),
      }
    : { field: 'x', type: 'ordinal' as const, sort: orderedX(points), axis: { labelAngle: 0 } };
  const line: Layer = {
    mark: { type: 'line', strokeWidth: 2.5, point: xCount <= 24 ? { size: 40, filled: true } : false },
    encoding: {
      x: { ...x, title: req.x.label },
      y: {
        field: 'y',
        type: 'quantitative',
        title: req.y.label,
        scale: { zero },
        axis: valueAxis(prepared, points, 6),
      },
      ...(req.series
        ? {
            color: {
              field: 's',
              type: 'nominal',
              title: req.series.label,
              sort: series.kept,
              legend: { columns: Math.min(series.kept.length, 4) },
            },
          }
        : { color: { value: paletteColour(0) } }),
    },
  };
  return {
    values: points.map(({ x: px, y, s }) => ({ x: px, y, s })),
    layers: [line],
    height: LINE_HEIGHT,
    notes: notesOf(series.note),
  };
}

export function barLayers(prepared: PreparedRequest): LayoutBody {
  const { req, temporal } = prepared;
  const grain = grainOf(prepared);
  const label = (p: ChartPoint) => (temporal ? periodLabel(p.x, grain) : p.x);
  // Bars of a time series keep their order; categories are ranked by value.
  const sorted = [...prepared.points].sort((a, b) =>
    temporal ? (a.t ?? 0) - (b.t ?? 0) : (b.y ?? -Infinity) - (a.y ?? -Infinity),
  );
  const points = sorted.slice(0, MAX_BARS);
  const note = sorted.length > MAX_BARS ? `Top ${MAX_BARS} of ${sorted.length} shown (${req.x.label})` : null;
  const values = points.map((p) => ({ x: label(p), y: p.y }));
  const categories = [...new Set(values.map((v) => v.x))];
  const nonNegative = points.every((p) => (p.y ?? 0) >= 0);
  const top = maxAbs(points);

  const y = { field: 'x', type: 'nominal' as const, sort: categories, title: req.x.label };
  const x = {
    field: 'y',
    type: 'quantitative' as const,
    title: req.y.label,
    axis: valueAxis(prepared, points, 8),
    // Room at the end of the longest bar for its value label.
    ...(nonNegative && top > 0 ? { scale: { domainMax: top * 1.15 } } : {}),
  };
  const layers: Layer[] = [
    {
      mark: { type: 'bar', color: paletteColour(0), cornerRadiusEnd: 2 },
      encoding: { y: { ...y, axis: CATEGORY_AXIS }, x },
    },
  ];
  if (nonNegative) layers.push(valueLabels(prepared, points, y, x));
  return { values, layers, height: { step: BAR_STEP }, notes: notesOf(note) };
}

function valueLabels(
  prepared: PreparedRequest,
  points: ChartPoint[],
  y: { field: string; type: 'nominal'; sort: string[]; title: string },
  x: { field: string; type: 'quantitative' },
): Layer {
  const format = valueLabelFormat(prepared.req.y.format, maxAbs(points));
  return {
    transform: [
      { filter: 'isValid(datum.y)' },
      { calculate: `replace(format(datum.y, '${format}'), 'G', 'B')`, as: 'label' },
    ],
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: INK, fontSize: 11 },
    encoding: { y, x: { field: x.field, type: x.type }, text: { field: 'label', type: 'nominal' } },
  };
}

export function groupedBarLayers(prepared: PreparedRequest): LayoutBody {
  const { req } = prepared;
  const groups = keepTop(prepared.points, (p) => p.x, MAX_GROUPS, req.x.label);
  const series = keepTop(prepared.points, (p) => p.s, MAX_GROUP_SERIES, req.series?.label ?? '');
  const points = prepared.points.filter(
    (p) => groups.kept.includes(p.x) && (p.s === null || series.kept.includes(p.s)),
  );
  const perGroup = Math.max(series.kept.length, 1);
  const bar: Layer = {
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: {
        field: 'x',
        type: 'nominal',
        sort: groups.kept,
        title: req.x.label,
        axis: CATEGORY_AXIS,
        scale: { paddingInner: 0.3 },
      },
      yOffset: { field: 's', type: 'nominal', sort: series.kept },
      x: { field: 'y', type: 'quantitative', title: req.y.label, axis: valueAxis(prepared, points, 8) },
      color: { field: 's', type: 'nominal', sort: series.kept, title: req.series?.label ?? '' },
    },
  };
  return {
    values: points.map(({ x, y, s }) => ({ x, y, s })),
    layers: [bar],
    height: groups.kept.length * (perGroup * 12 + 14),
    notes: notesOf(groups.note, series.note),
  };
}
