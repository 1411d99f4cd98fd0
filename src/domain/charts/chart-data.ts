/**
 * Turns a chart request's rows into uniform points. Vega-Lite reads dots and brackets in field
 * names as paths, so points use fixed field names (x, y, s) whatever the result's columns are.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ChartRequest } from './chart-spec.ts';
import { parseIsoDate, type TimeGrain } from './formats.ts';

export interface ChartPoint {
  /** Category name, or an ISO `YYYY-MM-DD` date on a time axis. */
  x: string;
  /** Milliseconds since the epoch (UTC) when x is a date. */
  t: number | null;
  y: number | null;
  /** Series name, when the request has a series dimension. */
  s: string | null;
}

export interface PreparedRequest {
  req: ChartRequest;
  points: ChartPoint[];
  /** True when x is temporal and every x value is a date. */
  temporal: boolean;
}

/** One layer of a layered Vega-Lite spec. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** What each chart layout contributes to the final spec. */
export interface LayoutBody {
  values: Record<string, string | number | null>[];
  layers: Layer[];
  height: number | { step: number };
  /** Subtitle lines explaining what was left out. */
  notes: string[];
}

const MISSING = '(none)';

export function toNumber(value: string | number | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function prepare(req: ChartRequest): PreparedRequest {
  const dates = req.rows.map((row) => parseIsoDate(row[req.x.field] ?? null));
  const temporal = req.x.type === 'temporal' && dates.every((d) => d !== null);
  const points = req.rows.map((row, i): ChartPoint => {
    const raw = row[req.x.field] ?? null;
    const date = dates[i] ?? null;
    const seriesRaw = req.series ? (row[req.series.field] ?? null) : null;
    return {
      x: temporal && date ? date.toISOString().slice(0, 10) : raw === null ? MISSING : String(raw),
      t: date ? date.getTime() : null,
      y: toNumber(row[req.y.field]),
      s: req.series ? (seriesRaw === null ? MISSING : String(seriesRaw)) : null,
    };
  });
  return { req, points, temporal };
}

/** Distinct values of `key` ranked by the sum of |y| over their points, largest first. */
export function rankBy(points: ChartPoint[], key: (p: ChartPoint) => string | null): string[] {
  const totals = new Map<string, number>();
  for (const p of points) {
    const k = key(p);
    if (k === null) continue;
    totals.set(k, (totals.get(k) ?? 0) + Math.abs(p.y ?? 0));
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

/** Distinct x values in first-seen order, or chronological order on a time axis. */
export function orderedX(points: ChartPoint[]): string[] {
  const seen = new Map<string, number>();
  points.forEach((p, i) => {
    if (!seen.has(p.x)) seen.set(p.x, p.t ?? i);
  });
  return [...seen.entries()].sort((a, b) => a[1] - b[1]).map(([x]) => x);
}

export function maxAbs(points: ChartPoint[]): number {
  return points.reduce((max, p) => Math.max(max, Math.abs(p.y ?? 0)), 0);
}

/** Keeps the `limit` largest values of `key`; returns the kept names and a note when some were cut. */
export function keepTop(
  points: ChartPoint[],
  key: (p: ChartPoint) => string | null,
  limit: number,
  what: string,
): { kept: string[]; note: string | null } {
  const ranked = rankBy(points, key);
  if (ranked.length <= limit) return { kept: ranked, note: null };
  return { kept: ranked.slice(0, limit), note: `Top ${limit} of ${ranked.length} ${what} shown` };
}

export function notesOf(...notes: (string | null)[]): string[] {
  return notes.filter((n): n is string => n !== null);
}

/** Infers the grain from the spacing of the dates when the request does not say. */
function inferGrain(points: ChartPoint[]): TimeGrain {
  const times = [...new Set(points.map((p) => p.t).filter((t): t is number => t !== null))].sort(
    (a, b) => a - b,
  );
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const day = 86_400_000;
  const smallest = gaps.length > 0 ? Math.min(...gaps) : day;
  if (smallest >= 360 * day) return 'year';
  if (smallest >= 85 * day) return 'quarter';
  if (smallest >= 28 * day) return 'month';
  if (smallest >= 7 * day) return 'week';
  return 'day';
}

/** The request's time grain, or the one its dates suggest. */
export function grainOf(prepared: PreparedRequest): TimeGrain {
  return prepared.req.x.grain ?? inferGrain(prepared.points);
}
