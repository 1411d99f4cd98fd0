/**
 * 100% stacked bars for shares: one bar per period or group (segments = series), or a single bar
 * whose segments are the categories when there is no series. Shares are computed here rather
 * than by Vega's stack so that segment order, colours and in-bar labels stay consistent.
 */
import {
  type ChartPoint,
  grainOf,
  type Layer,
  type LayoutBody,
  notesOf,
  type PreparedRequest,
  rankBy,
} from './chart-data.ts';
import { periodLabel } from './formats.ts';
import { CATEGORY_AXIS, paletteColour, textColourOn } from './theme.ts';

const MAX_SEGMENTS = 9;
const MAX_BARS = 25;
const OTHER = 'Other';
const OTHER_COLOUR = '#BAB0AC';
/** Below this share a label would not fit inside its segment. */
const MIN_LABELLED_SHARE = 0.05;
const COLUMN_HEIGHT = 320;
const BAR_STEP = 34;
const SINGLE_BAR_HEIGHT = 44;

/** "Other" is grey so that it reads as a remainder rather than one more group. */
function segmentColour(segment: string, index: number): string {
  return segment === OTHER ? OTHER_COLOUR : paletteColour(index);
}

interface Segment {
  bar: string;
  seg: string;
  y: number;
}

export function stackedBarLayers(prepared: PreparedRequest): LayoutBody {
  const { req, temporal } = prepared;
  const single = req.series === undefined;
  const grain = grainOf(prepared);
  const barOf = (p: ChartPoint) => (single ? '' : temporal ? periodLabel(p.x, grain) : p.x);
  const segOf = (p: ChartPoint) => (single ? p.x : (p.s ?? ''));

  // Negative amounts have no share; nulls count as nothing.
  const positive = prepared.points.map((p) => ({ ...p, y: Math.max(p.y ?? 0, 0) }));
  const ranked = rankBy(positive, segOf);
  const kept = ranked.length > MAX_SEGMENTS ? ranked.slice(0, MAX_SEGMENTS - 1) : ranked;
  const segments = ranked.length > kept.length ? [...kept, OTHER] : kept;

  const bars = temporal
    ? [...new Set([...positive].sort((a, b) => (a.t ?? 0) - (b.t ?? 0)).map(barOf))]
    : rankBy(positive, barOf);
  const shownBars = bars.slice(0, MAX_BARS);
  const barNote = bars.length > MAX_BARS ? `Top ${MAX_BARS} of ${bars.length} shown (${req.x.label})` : null;
  const otherNote = segments.includes(OTHER)
    ? `${ranked.length - kept.length} smaller groups merged into "Other"`
    : null;

  const totals = new Map<string, Segment>();
  for (const p of positive) {
    const bar = barOf(p);
    if (!shownBars.includes(bar)) continue;
    const seg = kept.includes(segOf(p)) ? segOf(p) : OTHER;
    const key = `${bar}\u0000${seg}`;
    const current = totals.get(key) ?? { bar, seg, y: 0 };
    totals.set(key, { ...current, y: current.y + p.y });
  }

  const values = shownBars.flatMap((bar) => stackBar(bar, segments, totals));
  const vertical = temporal && !single;
  return {
    values,
    layers: layers(prepared, shownBars, segments, vertical, single),
    height: vertical ? COLUMN_HEIGHT : single ? SINGLE_BAR_HEIGHT : { step: BAR_STEP },
    notes: notesOf(barNote, otherNote),
  };
}

/** Start, end and share of each segment of one bar, in legend order. */
function stackBar(bar: string, segments: string[], totals: Map<string, Segment>) {
  const parts = segments.map((seg, i) => ({ seg, i, y: totals.get(`${bar}\u0000${seg}`)?.y ?? 0 }));
  const total = parts.reduce((sum, p) => sum + p.y, 0);
  let start = 0;
  return parts
    .filter((p) => p.y > 0 && total > 0)
    .map((p) => {
      const share = p.y / total;
      const row = {
        bar,
        s: p.seg,
        y: p.y,
        share,
        start,
        end: start + share,
        mid: start + share / 2,
        ink: textColourOn(segmentColour(p.seg, p.i)),
      };
      start += share;
      return row;
    });
}

function layers(
  prepared: PreparedRequest,
  bars: string[],
  segments: string[],
  vertical: boolean,
  single: boolean,
): Layer[] {
  const { req } = prepared;
  const [cat, pos] = vertical ? (['x', 'y'] as const) : (['y', 'x'] as const);
  const shareScale = { domain: [0, 1], nice: false, zero: true };
  const category = single
    ? {}
    : {
        [cat]: {
          field: 'bar',
          type: 'ordinal',
          sort: bars,
          title: req.x.label,
          axis: vertical ? { labelAngle: 0 } : CATEGORY_AXIS,
        },
      };
  const bar: Layer = {
    mark: vertical ? { type: 'bar', width: { band: 0.6 } } : { type: 'bar', height: { band: 0.7 } },
    encoding: {
      ...category,
      [pos]: {
        field: 'start',
        type: 'quantitative',
        title: `Share of ${req.y.label}`,
        scale: shareScale,
        axis: { format: '.0%', ...(single ? { grid: false } : {}) },
      },
      [`${pos}2`]: { field: 'end' },
      color: {
        field: 's',
        type: 'nominal',
        title: single ? req.x.label : (req.series?.label ?? ''),
        sort: segments,
        scale: { domain: segments, range: segments.map(segmentColour) },
        legend: { columns: Math.min(segments.length, 5) },
      },
    },
  };
  const label: Layer = {
    transform: [{ filter: `datum.share >= ${MIN_LABELLED_SHARE}` }],
    mark: { type: 'text', baseline: 'middle', align: 'center', fontSize: 11 },
    encoding: {
      ...category,
      [pos]: { field: 'mid', type: 'quantitative', scale: shareScale },
      text: { field: 'share', type: 'quantitative', format: '.0%' },
      // `fill`, not `color`, so the label ink does not merge with the segment colour legend.
      fill: { field: 'ink', type: 'nominal', scale: null },
    },
  };
  return [bar, label];
}
