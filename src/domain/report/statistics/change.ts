/**
 * Period-over-period changes and mix (share) shifts. Inputs are already-aggregated sums or
 * ratios of sums (see ARCHITECTURE.md): nothing here averages daily ratios.
 */

/** Code-unit order, not locale order, so results are the same on every machine. */
const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface PeriodChange {
  /** current − previous; null when either side is missing. */
  absolute: number | null;
  /** (current − previous) / |previous| (0.12 = +12 %); null when previous is 0 or missing. */
  relative: number | null;
}

const isNumber = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function periodChange(current: number | null, previous: number | null): PeriodChange {
  if (!isNumber(current) || !isNumber(previous)) return { absolute: null, relative: null };
  const absolute = current - previous;
  // Divide by |previous| so the sign always says "up" or "down", even for a negative base.
  const relative = previous === 0 ? null : absolute / Math.abs(previous);
  return { absolute, relative };
}

export interface ShareShift {
  key: string;
  /** Fraction of the current total (0.25 = 25 %). */
  currentShare: number;
  previousShare: number;
  /** currentShare − previousShare as a fraction: 0.034 = +3.4 percentage points. */
  shiftPoints: number;
}

/** Non-finite or negative parts count as 0: a share of a total only makes sense for non-negative parts. */
const clean = (x: number | undefined): number => (isNumber(x) && x > 0 ? x : 0);

function shares(parts: Record<string, number>, keys: string[]): Map<string, number> {
  const total = keys.reduce((sum, key) => sum + clean(parts[key]), 0);
  return new Map(keys.map((key) => [key, total > 0 ? clean(parts[key]) / total : 0]));
}

/** |shift| rounded to 1e-12, so float noise (0.3 − 0.4 vs 0 − 0.1) does not decide the order of ties. */
const magnitude = (shift: number): number => Math.round(Math.abs(shift) * 1e12);

/**
 * Mix shift between two periods over the union of keys (a key missing on one side has share 0),
 * sorted by |shift| descending, then by key so equal shifts come out in a stable order.
 */
export function shareShift(
  currentParts: Record<string, number>,
  previousParts: Record<string, number>,
): ShareShift[] {
  const keys = [...new Set([...Object.keys(currentParts), ...Object.keys(previousParts)])];
  const now = shares(currentParts, keys);
  const before = shares(previousParts, keys);
  return keys
    .map((key) => {
      const currentShare = now.get(key) ?? 0;
      const previousShare = before.get(key) ?? 0;
      return { key, currentShare, previousShare, shiftPoints: currentShare - previousShare };
    })
    .sort((a, b) => magnitude(b.shiftPoints) - magnitude(a.shiftPoints) || compareKeys(a.key, b.key));
}
