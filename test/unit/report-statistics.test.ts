import { describe, expect, it } from 'vitest';
import {
  ANOMALY_DEFAULTS,
  ANOMALY_METHOD,
  describeAnomalyMethod,
  detectAnomalies,
  linearTrend,
  normalCdf,
  periodChange,
  risers,
  type SeriesPoint,
  scoreSeries,
  shareShift,
  twoProportionTest,
} from '../../src/domain/report/statistics/index.ts';

// ---------- helpers: a seeded PRNG and synthetic daily series ----------

/** mulberry32: small, fast, deterministic; good enough for test noise. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws via Box–Muller. */
function gaussian(seed: number): () => number {
  const u = prng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

const addDays = (start: string, n: number): string =>
  new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const START = '2025-01-06'; // a Monday
// Monday … Sunday: weekends dip ~20 %, more than minChange, so only the weekday adjustment saves them.
const WEEKDAY = [1.05, 1.05, 1.04, 1.03, 1.0, 0.8, 0.78];

interface Synthetic {
  days?: number;
  seed?: number;
  noise?: number;
  trendPerDay?: number;
  /** Multiplier for a given day index (planted anomalies, bumps). */
  effect?: (day: number) => number;
}

function synthetic({
  days = 180,
  seed = 7,
  noise = 0.02,
  trendPerDay = 0.001,
  effect,
}: Synthetic): SeriesPoint[] {
  const z = gaussian(seed);
  return Array.from({ length: days }, (_, t) => ({
    date: addDays(START, t),
    value: 1000 * WEEKDAY[t % 7]! * (1 + trendPerDay * t) * (1 + noise * z()) * (effect?.(t) ?? 1),
  }));
}

const isWeekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

// ---------- change ----------

describe('periodChange', () => {
  it('gives absolute and relative change', () => {
    expect(periodChange(120, 100)).toEqual({ absolute: 20, relative: 0.2 });
    expect(periodChange(80, 100)).toEqual({ absolute: -20, relative: -0.2 });
  });

  it('has no relative change from a zero or missing base', () => {
    expect(periodChange(50, 0)).toEqual({ absolute: 50, relative: null });
    expect(periodChange(null, 5)).toEqual({ absolute: null, relative: null });
    expect(periodChange(5, null)).toEqual({ absolute: null, relative: null });
    expect(periodChange(Number.NaN, 5)).toEqual({ absolute: null, relative: null });
  });

  it('keeps the sign meaningful for a negative base', () => {
    expect(periodChange(-50, -100).relative).toBeCloseTo(0.5, 12); // up from −100 to −50
  });
});

describe('shareShift', () => {
  const now = { Social: 30, Search: 50, CTV: 20 };
  const before = { Social: 40, Search: 50, Display: 10 };
  const shifts = shareShift(now, before);

  it('covers the union of keys and shares sum to 1 on each side', () => {
    expect(shifts.map((s) => s.key).sort()).toEqual(['CTV', 'Display', 'Search', 'Social']);
    const sum = (f: (s: (typeof shifts)[number]) => number) => shifts.reduce((acc, s) => acc + f(s), 0);
    expect(sum((s) => s.currentShare)).toBeCloseTo(1, 12);
    expect(sum((s) => s.previousShare)).toBeCloseTo(1, 12);
    expect(sum((s) => s.shiftPoints)).toBeCloseTo(0, 12);
  });

  it('gives shifts in percentage points as fractions, sorted by |shift| then key', () => {
    expect(shifts.map((s) => [s.key, Number(s.shiftPoints.toFixed(10))])).toEqual([
      ['CTV', 0.2],
      ['Display', -0.1],
      ['Social', -0.1],
      ['Search', 0],
    ]);
    expect(shifts[0]).toMatchObject({ currentShare: 0.2, previousShare: 0 });
  });

  it('handles empty and all-zero totals', () => {
    expect(shareShift({}, {})).toEqual([]);
    expect(shareShift({ A: 0 }, { A: 5 })).toEqual([
      { key: 'A', currentShare: 0, previousShare: 1, shiftPoints: -1 },
    ]);
  });
});

// ---------- significance ----------

describe('normalCdf', () => {
  it('matches known values', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 9);
    expect(normalCdf(0)).toBeCloseTo(0.5, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 9);
    expect(normalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 9);
  });

  it('is symmetric and keeps precision in the far tail', () => {
    for (const x of [0.3, 1.2, 2.5, 4, 6.5]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 12);
    // Φ(−8) = 6.22096e−16: computed from the tail directly, not as 1 − Φ(8).
    expect(normalCdf(-8) / 6.220960574271819e-16).toBeCloseTo(1, 6);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });
});

describe('twoProportionTest', () => {
  it('matches a hand-computed pooled z-test', () => {
    // 6 % of 1,000 vs 4 % of 1,000: pooled p = 0.05, SE = √(0.05 · 0.95 · 2/1000) = 0.0097468,
    // z = 0.02 / 0.0097468 = 2.05196, two-sided p = 2 · (1 − Φ(2.05196)) = 0.040174.
    const r = twoProportionTest(60, 1000, 40, 1000);
    expect(r.z).toBeCloseTo(2.051956704, 6);
    expect(r.pValue).toBeCloseTo(0.04017387, 6);
    expect(r.significant).toBe(true);
    expect(r.adequateSample).toBe(true);
    expect(twoProportionTest(40, 1000, 60, 1000).z).toBeCloseTo(-2.051956704, 6);
  });

  it('does not call a small difference significant', () => {
    // 3 % vs 2 % of 1,000: z = 1.43223, p = 0.15208.
    const r = twoProportionTest(30, 1000, 20, 1000);
    expect(r.z).toBeCloseTo(1.4322297, 6);
    expect(r.pValue).toBeCloseTo(0.1520781, 6);
    expect(r.significant).toBe(false);
  });

  it('handles CTR-sized samples (clicks over impressions)', () => {
    // CTR 2.08 % vs 1.92 % on 250k impressions each: z = 4.0406, p = 5.33e−5.
    const r = twoProportionTest(5200, 250_000, 4800, 250_000);
    expect(r.z).toBeCloseTo(4.040610178, 6);
    expect(r.pValue / 5.331231138832237e-5).toBeCloseTo(1, 6);
    expect(r.significant).toBe(true);
  });

  it('never calls tiny samples significant', () => {
    const r = twoProportionTest(6, 20, 0, 20); // 30 % vs 0 %: large z, but 3 expected successes per group
    expect(r.adequateSample).toBe(false);
    expect(r.significant).toBe(false);
  });

  it('returns p = 1 for invalid or degenerate input', () => {
    const none = { z: 0, pValue: 1, significant: false, adequateSample: false };
    expect(twoProportionTest(5, 0, 5, 10)).toEqual(none);
    expect(twoProportionTest(11, 10, 5, 10)).toEqual(none);
    expect(twoProportionTest(-1, 10, 5, 10)).toEqual(none);
    expect(twoProportionTest(0, 500, 0, 500)).toEqual(none);
    expect(twoProportionTest(500, 500, 500, 500)).toEqual(none);
  });

  it('respects a custom alpha', () => {
    expect(twoProportionTest(60, 1000, 40, 1000, 0.01).significant).toBe(false);
  });
});

// ---------- trend ----------

describe('linearTrend', () => {
  it('fits a perfect line', () => {
    expect(linearTrend([1, 3, 5, 7])).toEqual({ slopePerStep: 2, relativeSlope: 0.5, r2: 1 });
  });

  it('matches a hand-computed fit', () => {
    // x = 0..4, y = 2,4,5,4,5: Sxy = 6, Sxx = 10, Syy = 6 → slope 0.6, r² = 36/60 = 0.6, mean 4.
    const t = linearTrend([2, 4, 5, 4, 5]);
    expect(t.slopePerStep).toBeCloseTo(0.6, 12);
    expect(t.relativeSlope).toBeCloseTo(0.15, 12);
    expect(t.r2).toBeCloseTo(0.6, 12);
  });

  it('is neutral for short, constant or empty input and skips non-finite values', () => {
    const zero = { slopePerStep: 0, relativeSlope: 0, r2: 0 };
    expect(linearTrend([])).toEqual(zero);
    expect(linearTrend([5])).toEqual(zero);
    expect(linearTrend([4, 4, 4])).toEqual(zero);
    expect(linearTrend([1, Number.NaN, 5, 7]).slopePerStep).toBeCloseTo(2, 12);
  });
});

describe('risers', () => {
  it('ranks by growth with the base floored at minCurrent, new entrants by current value', () => {
    const current = { A: 200, B: 1000, C: 50, D: 500, E: 150, F: 90 };
    const previous = { A: 100, B: 800, C: 1, E: 1, F: 100, G: 300 };
    const top = risers(current, previous, { minCurrent: 100, limit: 10 });
    // Ranks: D (new) 500/100 = 5, A 100/100 = 1, E 149/100 = 1.49, B 200/800 = 0.25; C below
    // minCurrent, F fell, G left.
    expect(top.map((r) => r.key)).toEqual(['D', 'E', 'A', 'B']);
    expect(top.find((r) => r.key === 'D')).toEqual({
      key: 'D',
      current: 500,
      previous: 0,
      growth: null,
      isNew: true,
    });
    expect(top.find((r) => r.key === 'E')?.growth).toBe(149); // true growth is still reported
  });

  it('stops a tiny base from outranking real growth', () => {
    const top = risers({ X: 150, Y: 400 }, { X: 1, Y: 100 }, { minCurrent: 100, limit: 5 });
    expect(top.map((r) => r.key)).toEqual(['Y', 'X']); // Y 3× on a real base beats X 149× on $1
  });

  it('applies the limit and breaks ties deterministically', () => {
    const top = risers({ b: 200, a: 200, c: 200 }, { a: 100, b: 100, c: 100 }, { minCurrent: 0, limit: 2 });
    expect(top.map((r) => r.key)).toEqual(['a', 'b']);
    expect(risers({ a: 5 }, {}, { minCurrent: 0, limit: 0 })).toEqual([]);
  });
});

// ---------- anomalies ----------

describe('detectAnomalies on a synthetic series with weekly seasonality and noise', () => {
  const SPIKE = 60; // a Friday
  const DROP = [120, 121, 122]; // Monday–Wednesday
  const series = synthetic({
    effect: (t) => (t === SPIKE ? 3 : DROP.includes(t) ? 0.3 : 1),
  });

  it('finds the planted spike and the planted multi-day drop, merged into one event', () => {
    const events = detectAnomalies(series);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      start: addDays(START, SPIKE),
      end: addDays(START, SPIKE),
      days: 1,
      peakDate: addDays(START, SPIKE),
      direction: 'spike',
      kind: 'point',
      ongoing: false,
    });
    expect(events[0]!.change).toBeGreaterThan(1.5);
    expect(events[0]!.score).toBeGreaterThanOrEqual(ANOMALY_DEFAULTS.threshold);
    expect(events[1]).toMatchObject({
      start: addDays(START, 120),
      end: addDays(START, 122),
      days: 3,
      direction: 'drop',
    });
    expect(events[1]!.change).toBeLessThan(-0.5);
    // The expected value is in the series' units: about 1,000 × weekday × trend on those days.
    expect(events[1]!.totalExpected).toBeGreaterThan(3 * 1000);
    expect(events[1]!.totalValue / events[1]!.totalExpected).toBeCloseTo(0.3, 1);
  });

  it('does not flag normal weekend dips (and would without the weekday adjustment)', () => {
    const clean = synthetic({ seed: 11 });
    expect(detectAnomalies(clean)).toEqual([]);
    const naive = detectAnomalies(clean, { weekly: false });
    expect(naive.length).toBeGreaterThan(0);
    expect(naive.every((e) => isWeekend(e.peakDate))).toBe(true);
  });

  it('is deterministic and independent of input order', () => {
    const shuffled = [...series].reverse();
    expect(detectAnomalies(shuffled)).toEqual(detectAnomalies(series));
    expect(detectAnomalies(series)).toEqual(detectAnomalies(series));
  });

  it('scoreSeries flags exactly the days of the events', () => {
    const days = scoreSeries(series);
    expect(days).toHaveLength(series.length);
    expect(days.filter((d) => d.flagged).map((d) => d.date)).toEqual(
      [SPIKE, ...DROP].map((t) => addDays(START, t)),
    );
    const normal = days[30]!;
    expect(normal.expected / normal.value).toBeCloseTo(1, 1);
  });
});

describe('detectAnomalies: merging, shapes and edges', () => {
  it('merges consecutive days only; a normal day in between splits events', () => {
    const series = synthetic({
      effect: (t) => (t === 50 || t === 52 ? 2.5 : t === 90 || t === 91 ? 2.5 : 1),
    });
    const events = detectAnomalies(series);
    expect(events.map((e) => [e.start, e.days])).toEqual([
      [addDays(START, 50), 1],
      [addDays(START, 52), 1],
      [addDays(START, 90), 2],
    ]);
  });

  it('does not flag a smooth seasonal peak, even a large one', () => {
    // +150 % at the peak, building up over a couple of weeks (like 11.11 or Black Friday).
    const bump = synthetic({ effect: (t) => 1 + 1.5 * Math.exp(-((t - 100) ** 2) / (2 * 6 ** 2)) });
    expect(detectAnomalies(bump)).toEqual([]);
  });

  it('finds a month-long collapse as one sustained shift', () => {
    const series = synthetic({ days: 200, effect: (t) => (t >= 100 && t < 130 ? 0.5 : 1) });
    const events = detectAnomalies(series);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      start: addDays(START, 100),
      end: addDays(START, 129),
      days: 30,
      direction: 'drop',
      kind: 'shift',
      ongoing: false,
    });
    expect(events[0]!.change).toBeCloseTo(-0.5, 1);
  });

  it('finds a shift still under way at the end of the series', () => {
    const series = synthetic({ days: 120, effect: (t) => (t >= 95 ? 0.45 : 1) });
    const events = detectAnomalies(series);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ start: addDays(START, 95), kind: 'shift', ongoing: true });
    expect(events[0]!.end).toBe(series.at(-1)!.date);
    // A rise still under way (a launch, a season starting) is not an anomaly until it ends.
    expect(detectAnomalies(synthetic({ days: 120, effect: (t) => (t >= 95 ? 1.8 : 1) }))).toEqual([]);
  });

  it('handles the series edges: a trend alone is not anomalous, spikes on the first and last day are', () => {
    const trending = synthetic({ days: 90, trendPerDay: 0.02 }); // +180 % over the series
    expect(detectAnomalies(trending)).toEqual([]);
    const edges = synthetic({ days: 90, trendPerDay: 0.02, effect: (t) => (t === 0 || t === 89 ? 3 : 1) });
    const events = detectAnomalies(edges);
    expect(events.map((e) => [e.start, e.direction, e.ongoing])).toEqual([
      [addDays(START, 0), 'spike', false],
      [addDays(START, 89), 'spike', true],
    ]);
  });

  it('returns [] for empty, short, constant or sparse series', () => {
    expect(detectAnomalies([])).toEqual([]);
    expect(detectAnomalies(synthetic({ days: 20 }))).toEqual([]); // below minPoints (21)
    expect(detectAnomalies(synthetic({ days: 20 }), { minPoints: 10 })).toBeInstanceOf(Array);
    const flat = Array.from({ length: 60 }, (_, t) => ({ date: addDays(START, t), value: 100 }));
    expect(detectAnomalies(flat)).toEqual([]);
    // Mostly zero counts (1–3 a day now and then): too quantised for a robust z.
    const u = prng(3);
    const sparse = Array.from({ length: 90 }, (_, t) => ({
      date: addDays(START, t),
      value: u() < 0.6 ? 0 : 1 + Math.floor(u() * 3),
    }));
    expect(detectAnomalies(sparse)).toEqual([]);
  });

  it('flags a spike in an otherwise constant series and ignores non-finite points', () => {
    const flat = Array.from({ length: 60 }, (_, t) => ({
      date: addDays(START, t),
      value: t === 30 ? 250 : 100,
    }));
    flat.push({ date: addDays(START, 60), value: Number.NaN });
    expect(detectAnomalies(flat)).toMatchObject([
      { start: addDays(START, 30), peakValue: 250, expected: 100 },
    ]);
  });
});

describe('ANOMALY_METHOD', () => {
  it('states the method with the default parameters', () => {
    expect(ANOMALY_METHOD).toContain('robust z-score');
    expect(ANOMALY_METHOD).toContain('MAD × 1.4826');
    expect(ANOMALY_METHOD).toContain(`|z| ≥ ${ANOMALY_DEFAULTS.threshold}`);
    expect(ANOMALY_METHOD).toContain('weekday');
    expect(describeAnomalyMethod({ window: 21, weekly: false })).toContain('surrounding 21 days');
    expect(describeAnomalyMethod({ weekly: false })).not.toContain('weekday');
  });
});
