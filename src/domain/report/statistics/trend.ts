/** Trend of a series and the entities that grew most between two periods. */

/** Code-unit order, not locale order, so results are the same on every machine. */
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface LinearTrend {
  /** Least-squares slope per step (per day for a daily series), in the series' units. */
  slopePerStep: number;
  /** slopePerStep / mean: 0.01 = the fitted line rises 1 % of the average level per step. */
  relativeSlope: number;
  /** Share of variance the line explains (0 for fewer than 3 points or a constant series). */
  r2: number;
}

/** Ordinary least squares on x = 0, 1, 2, …; non-finite values are skipped but keep their x. */
export function linearTrend(values: number[]): LinearTrend {
  const points = values.flatMap((y, x) => (Number.isFinite(y) ? [{ x, y }] : []));
  const n = points.length;
  if (n < 2) return { slopePerStep: 0, relativeSlope: 0, r2: 0 };
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const { x, y } of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
    syy += (y - meanY) ** 2;
  }
  const slopePerStep = sxy / sxx;
  const relativeSlope = meanY === 0 ? 0 : slopePerStep / Math.abs(meanY);
  // Two points always fit perfectly, which says nothing; a constant series has no variance to explain.
  const r2 = n < 3 || syy === 0 ? 0 : Math.min(1, (sxy * sxy) / (sxx * syy));
  return { slopePerStep, relativeSlope, r2 };
}

export interface Riser {
  key: string;
  current: number;
  previous: number;
  /** Relative growth (1.5 = +150 %); null for a new entrant (previous 0). */
  growth: number | null;
  isNew: boolean;
}

export interface RiserOptions {
  /** Entities below this current value are ignored; it is also the floor of the growth base. */
  minCurrent: number;
  limit: number;
}

/**
 * Top rising entities. They are ranked by (current − previous) / max(previous, minCurrent): true
 * relative growth for established entities, while a tiny or zero base is lifted to minCurrent, so
 * $10 → $10k cannot outrank real growth and new entrants rank by their current value.
 */
export function risers(
  current: Record<string, number>,
  previous: Record<string, number>,
  options: RiserOptions,
): Riser[] {
  const floor = Math.max(0, options.minCurrent);
  const ranked = Object.entries(current).flatMap(([key, now]) => {
    const before = Number.isFinite(previous[key]) ? Math.max(0, previous[key] ?? 0) : 0;
    if (!Number.isFinite(now) || now < options.minCurrent || now <= before) return [];
    const base = Math.max(before, floor);
    const rank = base > 0 ? (now - before) / base : Number.POSITIVE_INFINITY;
    const riser: Riser = {
      key,
      current: now,
      previous: before,
      growth: before > 0 ? (now - before) / before : null,
      isNew: before === 0,
    };
    return [{ riser, rank }];
  });
  ranked.sort(
    (a, b) => b.rank - a.rank || b.riser.current - a.riser.current || compareKeys(a.riser.key, b.riser.key),
  );
  return ranked.slice(0, Math.max(0, Math.floor(options.limit))).map((r) => r.riser);
}
