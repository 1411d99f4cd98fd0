/**
 * Anomaly detection on a daily metric series (spend, conversions, CTR, …) for the report.
 *
 * Ad data has a weekly rhythm, smooth seasonal swings (Q4, 11.11) and campaigns that start and
 * stop, so the detector (1) removes the weekday effect, (2) compares each day with the median of
 * the days around it, scaled by how noisy those days are (robust z), (3) separately finds sustained
 * shifts — an abrupt step out to a flat plateau and back, or down to the series end — which a rolling
 * median absorbs (a month-long CTR collapse is the median of its own window), and (4) reports only
 * events with abrupt edges: seasonal peaks build up over days. A shift needs a week of data before
 * it to be seen.
 */

export interface SeriesPoint {
  date: string; // YYYY-MM-DD, one point per date
  value: number;
}

export interface AnomalyOptions {
  /** Centred comparison window in points (odd; one week either side by default). */
  window?: number;
  /** |robust z| at or above which a day is anomalous. */
  threshold?: number;
  /** Series with fewer valid points give no anomalies. */
  minPoints?: number;
  /** Minimum |value / expected − 1| for a day to count: statistically odd but tiny moves are not news. */
  minChange?: number;
  /** Longest sustained shift (step out and back) looked for, in points. */
  maxShiftDays?: number;
  /** Remove the day-of-week effect first (daily ad data); off for non-daily series. */
  weekly?: boolean;
}

export const ANOMALY_DEFAULTS = {
  window: 15,
  threshold: 5,
  minPoints: 21,
  minChange: 0.2,
  maxShiftDays: 45,
  weekly: true,
} as const satisfies Required<AnomalyOptions>;

/** Sustained shifts must clear this multiple of the threshold (see findShifts). */
const SHIFT_THRESHOLD_FACTOR = 2;

/** The methodology sentence for the given options, so the report states what actually ran. */
export function describeAnomalyMethod(options: AnomalyOptions = {}): string {
  const o = { ...ANOMALY_DEFAULTS, ...options };
  const weekday = o.weekly
    ? 'each day is divided by its weekday factor (median ratio to a centred 7-day median), '
    : 'each day is ';
  return (
    `Anomalies: ${weekday}compared with the median of the surrounding ${o.window} days (a Theil–Sen ` +
    `trend at the series edges) and flagged at a robust z-score (residual MAD × 1.4826) of |z| ≥ ` +
    `${o.threshold} and a deviation of at least ${Math.round(o.minChange * 100)} %; sustained shifts of up ` +
    `to ${o.maxShiftDays} days that step abruptly to a flat level and back (or down to the series end) are ` +
    `flagged at |z| ≥ ${SHIFT_THRESHOLD_FACTOR * o.threshold} against the surrounding level; consecutive ` +
    'flagged days form one event, and events that build up gradually, like seasonal peaks, are not reported.'
  );
}

export const ANOMALY_METHOD = describeAnomalyMethod();

export type AnomalyDirection = 'spike' | 'drop';

export interface AnomalyEvent {
  start: string;
  end: string;
  /** Number of flagged days in the event. */
  days: number;
  peakDate: string;
  peakValue: number;
  /** Expected value on the peak day, in the series' units (weekday effect included). */
  expected: number;
  /** peakValue / expected − 1 (−0.98 = 98 % below expected). */
  change: number;
  /** Peak |robust z| of the event. */
  score: number;
  direction: AnomalyDirection;
  /** 'point' = short event against the rolling median; 'shift' = sustained plateau. */
  kind: 'point' | 'shift';
  /** The event runs to the last point of the series: it may not be over. */
  ongoing: boolean;
  /** Sums over the event's days, e.g. for "about 3,000 conversions were not recorded". */
  totalValue: number;
  totalExpected: number;
}

export interface ScoredDay {
  date: string;
  value: number;
  expected: number;
  /** Signed robust z (positive = above expected). */
  z: number;
  flagged: boolean;
  kind: 'point' | 'shift';
}

const MAD_TO_SIGMA = 1.4826;
const WEEK = 7;
const DAY_MS = 86_400_000;

const dayNumber = (date: string): number => Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Robust standard deviation of values around a centre. */
const robustSigma = (values: readonly number[], centre: number): number =>
  MAD_TO_SIGMA * median(values.map((v) => Math.abs(v - centre)));

/** A full-width window [lo, lo + width) around i, shifted inward at the series edges. */
function windowStart(i: number, n: number, width: number): number {
  return Math.min(Math.max(i - (width >> 1), 0), Math.max(n - width, 0));
}

/** Indices of the window around i, without i itself: the expected value comes from the other days. */
function neighbours(i: number, n: number, width: number): number[] {
  const lo = windowStart(i, n, width);
  const out: number[] = [];
  for (let j = lo; j < Math.min(lo + width, n); j++) if (j !== i) out.push(j);
  return out;
}

/** Theil–Sen line through (j, y[j]) evaluated at x: a trend-aware, outlier-resistant edge estimate. */
function theilSenAt(indices: readonly number[], y: readonly number[], x: number): number {
  const slopes: number[] = [];
  for (let p = 0; p < indices.length; p++) {
    for (let q = p + 1; q < indices.length; q++) {
      const a = indices[p]!;
      const b = indices[q]!;
      slopes.push((y[b]! - y[a]!) / (b - a));
    }
  }
  const slope = median(slopes);
  const intercept = median(indices.map((j) => y[j]! - slope * j));
  return intercept + slope * x;
}

interface Seasonal {
  adjusted: number[];
  /** Puts an adjusted-scale expected value back into the series' units for day i. */
  restore: (value: number, i: number) => number;
}

/**
 * Weekday adjustment: factor = median over the series of (value / centred 7-day median) for that
 * weekday, normalised to average 1. Multiplicative for non-negative data with a positive level,
 * additive otherwise.
 */
function removeWeekday(values: number[], days: number[], weekly: boolean): Seasonal {
  const identity: Seasonal = { adjusted: values, restore: (v) => v };
  if (!weekly || values.length < 3 * WEEK) return identity;
  const n = values.length;
  const level = values.map((_, i) => {
    const lo = windowStart(i, n, WEEK);
    return median(values.slice(lo, lo + WEEK));
  });
  const multiplicative = values.every((v) => v >= 0) && level.every((l) => l > 0);
  const weekdayOf = days.map((d) => ((d % WEEK) + WEEK) % WEEK);
  const raw: number[] = [];
  for (let d = 0; d < WEEK; d++) {
    const ratios = values.flatMap((v, i) =>
      weekdayOf[i] === d ? [multiplicative ? v / level[i]! : v - level[i]!] : [],
    );
    raw.push(ratios.length >= 3 ? median(ratios) : multiplicative ? 1 : 0);
  }
  const mean = raw.reduce((s, f) => s + f, 0) / WEEK;
  if (multiplicative && !(raw.every((f) => f > 0) && mean > 0)) return identity;
  const factor = raw.map((f) => (multiplicative ? f / mean : f - mean));
  const f = (i: number): number => factor[weekdayOf[i]!]!;
  return multiplicative
    ? { adjusted: values.map((v, i) => v / f(i)), restore: (v, i) => v * f(i) }
    : { adjusted: values.map((v, i) => v - f(i)), restore: (v, i) => v + f(i) };
}

interface Baseline {
  expected: number[];
  scale: number[];
  kind: ('point' | 'shift')[];
}

/**
 * Stage 1: rolling median of the other days in the window (Theil–Sen at the edges), scaled by the
 * local MAD of residuals. Days in `skip` (sustained shifts) are left out of every window, so the
 * days next to a shift are compared with normal days only.
 */
function rollingBaseline(
  a: number[],
  width: number,
  skip?: readonly boolean[],
): { baseline: Baseline; noise: number } {
  const n = a.length;
  const half = width >> 1;
  const usable = (i: number): number[] => {
    const all = neighbours(i, n, width);
    const kept = skip ? all.filter((j) => !skip[j]) : all;
    return kept.length >= 3 ? kept : all;
  };
  const expected = a.map((_, i) => {
    const idx = usable(i);
    const interior = i >= half && i < n - half;
    return interior ? median(idx.map((j) => a[j]!)) : theilSenAt(idx, a, i);
  });
  const residual = a.map((v, i) => v - expected[i]!);
  const noise = robustSigma(residual, 0);
  // Floor the local scale at half the series-wide noise so a quiet stretch cannot turn a wiggle into a
  // large z; the tiny absolute floor only matters for a perfectly flat series.
  const scale = a.map((_, i) => {
    const local = robustSigma(
      usable(i).map((j) => residual[j]!),
      0,
    );
    return Math.max(local, 0.5 * noise, 1e-9 * Math.max(1, Math.abs(expected[i]!)));
  });
  return { baseline: { expected, scale, kind: a.map(() => 'point') }, noise };
}

const STEP_SHARPNESS = 0.7;

interface Step {
  at: number; // first index after the step
  z: number;
}

/** Abrupt steps: median of the k points after vs before each boundary, scaled by the noise on each side. */
function findSteps(a: number[], k: number, floor: number, threshold: number, minChange: number): Step[] {
  const n = a.length;
  const z: number[] = new Array<number>(n).fill(0);
  for (let b = k; b <= n - k; b++) {
    const before = a.slice(b - k, b);
    const after = a.slice(b, b + k);
    const mb = median(before);
    const ma = median(after);
    const spread =
      MAD_TO_SIGMA * median([...before.map((v) => Math.abs(v - mb)), ...after.map((v) => Math.abs(v - ma))]);
    const relative = mb === 0 ? Number.POSITIVE_INFINITY : Math.abs(ma / mb - 1);
    // Abrupt, not a ramp: the 3-point medians either side already show most of the step (a linear
    // ramp gives 3/7 of it).
    const sharp = (median(a.slice(b, b + 3)) - median(a.slice(b - 3, b))) / (ma - mb);
    z[b] = relative >= minChange && sharp >= STEP_SHARPNESS ? (ma - mb) / Math.max(spread, floor) : 0;
  }
  const steps: Step[] = [];
  for (let b = k; b <= n - k; b++) {
    const here = Math.abs(z[b]!);
    if (here < threshold) continue;
    // Keep only the strongest boundary within ±k (earliest on ties).
    let isMax = true;
    for (let c = Math.max(k, b - k); c <= Math.min(n - k, b + k) && isMax; c++) {
      const other = Math.abs(z[c]!);
      if (other > here || (other === here && c < b)) isMax = false;
    }
    if (isMax) steps.push({ at: b, z: z[b]! });
  }
  return steps;
}

interface Shift {
  from: number;
  to: number; // exclusive
  pre: number; // median level of the k points before
  post: number; // and after
  noise: number;
}

/**
 * Stage 2: a segment between a step out and the first step back is a sustained shift when it
 * returns near the earlier level, is flat (a plateau, unlike a seasonal bump) and departs from the
 * level around it by ≥ threshold robust z and ≥ minChange.
 */
function findShifts(a: number[], floor: number, opts: Required<AnomalyOptions>, k: number): Shift[] {
  // Aggregated ad series step up and down whenever campaign flights start or end, so a sustained
  // shift must clear twice the threshold: only a break far beyond that churn counts.
  const threshold = SHIFT_THRESHOLD_FACTOR * opts.threshold;
  const steps = findSteps(a, k, floor, threshold, opts.minChange);
  const shifts: Shift[] = [];
  for (const [p, out] of steps.entries()) {
    if (out.at < (shifts.at(-1)?.to ?? -1)) continue;
    for (const back of steps.slice(p + 1)) {
      if (back.at - out.at > opts.maxShiftDays) break;
      if (Math.sign(back.z) === Math.sign(out.z)) continue;
      const before = a.slice(out.at - k, out.at);
      const after = a.slice(back.at, back.at + k);
      const seg = a.slice(out.at, back.at);
      const pre = median(before);
      const post = median(after);
      const level = median(seg);
      const base = (pre + post) / 2;
      const departure = level - base;
      const reverts = Math.abs(post - pre) <= 0.5 * Math.abs(level - pre);
      const flat = robustSigma(seg, level) <= 0.5 * Math.abs(departure);
      const spread = [...before.map((v) => Math.abs(v - pre)), ...after.map((v) => Math.abs(v - post))];
      const noise = Math.max(MAD_TO_SIGMA * median(spread), floor);
      const material = base === 0 || Math.abs(departure / base) >= opts.minChange;
      if (reverts && flat && material && Math.abs(departure) / noise >= threshold) {
        shifts.push({ from: out.at, to: back.at, pre, post, noise });
        break;
      }
    }
    if (out.z < 0 && shifts.at(-1)?.from !== out.at) {
      const ongoing = ongoingShift(a, out, steps.slice(p + 1), k, floor, threshold, opts);
      if (ongoing) shifts.push(ongoing);
    }
  }
  return shifts;
}

/**
 * A step down with no step back before the series ends: still a shift (the latest days matter most
 * in a report), judged against the level before it alone, if it is recent (≤ maxShiftDays), flat
 * and far enough from that level. Only falls: a rise still under way at the end of a period is
 * nearly always a launch or a season starting, while a fall (lost tracking, creative fatigue, a
 * paused budget) is what a report must warn about.
 */
function ongoingShift(
  a: number[],
  out: Step,
  later: readonly Step[],
  k: number,
  floor: number,
  threshold: number,
  opts: Required<AnomalyOptions>,
): Shift | null {
  const n = a.length;
  if (n - out.at > opts.maxShiftDays || later.some((s) => Math.sign(s.z) !== Math.sign(out.z))) return null;
  const before = a.slice(out.at - k, out.at);
  const seg = a.slice(out.at);
  const pre = median(before);
  const level = median(seg);
  const departure = level - pre;
  const noise = Math.max(robustSigma(before, pre), floor);
  const flat = robustSigma(seg, level) <= 0.5 * Math.abs(departure);
  const material = pre === 0 || Math.abs(departure / pre) >= opts.minChange;
  return flat && material && Math.abs(departure) / noise >= threshold
    ? { from: out.at, to: n, pre, post: pre, noise }
    : null;
}

/** Shift days are scored against the line joining the levels before and after the shift. */
function withShifts(baseline: Baseline, shifts: readonly Shift[]): Baseline {
  const out: Baseline = {
    expected: [...baseline.expected],
    scale: [...baseline.scale],
    kind: [...baseline.kind],
  };
  for (const { from, to, pre, post, noise } of shifts) {
    for (let i = from; i < to; i++) {
      out.expected[i] = pre + ((post - pre) * (i - from + 1)) / (to - from + 1);
      out.scale[i] = noise;
      out.kind[i] = 'shift';
    }
  }
  return out;
}

/** (value − expected) / |expected|; 0 when expected is 0, so such a day never passes minChange. */
const relativeChange = (value: number, expected: number): number =>
  expected === 0 ? 0 : (value - expected) / Math.abs(expected);

/**
 * Counts of 0, 1, 2 a day (or ratios over them) are too quantised for a robust z: a window where
 * over a quarter of the days are 0 is not scored. A few zero days (a full outage) still are.
 */
function sparseAround(values: readonly number[], i: number, width: number): boolean {
  const idx = neighbours(i, values.length, width);
  return idx.filter((j) => values[j] === 0).length > idx.length / 4;
}

interface Analysis {
  points: (SeriesPoint & { day: number })[];
  /** Weekday-adjusted values; baseline.expected is on the same scale. */
  adjusted: number[];
  baseline: Baseline;
  /** Signed robust z per point. */
  z: number[];
  restore: (value: number, i: number) => number;
  /** Points that pass the thresholds, before the abruptness check on whole runs. */
  candidate: boolean[];
}

function analyse(series: readonly SeriesPoint[], options: AnomalyOptions): Analysis | null {
  const opts: Required<AnomalyOptions> = { ...ANOMALY_DEFAULTS, ...options };
  const points = series
    .filter((p) => Number.isFinite(p.value) && Number.isFinite(dayNumber(p.date)))
    .map((p) => ({ date: p.date, value: p.value, day: dayNumber(p.date) }))
    .sort((x, y) => x.day - y.day);
  const n = points.length;
  let width = Math.min(Math.max(5, Math.floor(opts.window)), n);
  if (width % 2 === 0) width -= 1;
  if (n < Math.max(opts.minPoints, 5) || width < 5) return null;

  const { adjusted, restore } = removeWeekday(
    points.map((p) => p.value),
    points.map((p) => p.day),
    opts.weekly,
  );
  const first = rollingBaseline(adjusted, width);
  const shifts = findShifts(adjusted, Math.max(0.5 * first.noise, 1e-12), opts, width >> 1);
  // With sustained shifts found, redo the rolling stage for the other days without the shift days.
  const inShift = adjusted.map((_, i) => shifts.some((sh) => i >= sh.from && i < sh.to));
  const baseline = withShifts(
    shifts.length > 0 ? rollingBaseline(adjusted, width, inShift).baseline : first.baseline,
    shifts,
  );
  const z = adjusted.map((v, i) => (v - baseline.expected[i]!) / baseline.scale[i]!);
  const values = points.map((p) => p.value);
  const candidate = adjusted.map((v, i) => {
    const e = baseline.expected[i]!;
    return (
      !sparseAround(values, i, width) &&
      Math.abs(z[i]!) >= opts.threshold &&
      Math.abs(relativeChange(v, e)) >= opts.minChange
    );
  });
  return { points, adjusted, baseline, z, restore, candidate };
}

interface Run {
  from: number;
  to: number; // inclusive
  sign: 1 | -1;
}

/** Candidate points merged into runs of consecutive calendar days with the same direction. */
function runsOf(an: Analysis): Run[] {
  const runs: Run[] = [];
  an.candidate.forEach((isCandidate, i) => {
    if (!isCandidate) return;
    const sign = an.z[i]! > 0 ? 1 : -1;
    const last = runs.at(-1);
    if (last && last.to === i - 1 && last.sign === sign && an.points[i]!.day - an.points[i - 1]!.day === 1) {
      last.to = i;
    } else {
      runs.push({ from: i, to: i, sign });
    }
  });
  return runs;
}

const ABRUPTNESS = 0.5;

/**
 * Incidents (a budget error, a broken pixel, a worn-out creative) begin and end abruptly; seasonal
 * peaks such as 11.11 build up over days, and the day beside a level step only looks odd against a
 * window that straddles the step. So a run counts only if the jump into it and the jump out of it
 * (where the series has a day before/after) are each at least half its mean departure.
 */
function isAbrupt(run: Run, an: Analysis): boolean {
  const a = an.adjusted;
  let departure = 0;
  for (let i = run.from; i <= run.to; i++) departure += run.sign * (a[i]! - an.baseline.expected[i]!);
  const needed = (ABRUPTNESS * departure) / (run.to - run.from + 1);
  const jumpIn = run.from > 0 ? run.sign * (a[run.from]! - a[run.from - 1]!) : Number.POSITIVE_INFINITY;
  const jumpOut = run.to < a.length - 1 ? run.sign * (a[run.to]! - a[run.to + 1]!) : Number.POSITIVE_INFINITY;
  return jumpIn >= needed && jumpOut >= needed;
}

const anomalousRuns = (an: Analysis): Run[] => runsOf(an).filter((run) => isAbrupt(run, an));

/** Per-day expected value (series units), robust z and flag (a day of a reported event); [] when too short. */
export function scoreSeries(series: readonly SeriesPoint[], options: AnomalyOptions = {}): ScoredDay[] {
  const an = analyse(series, options);
  if (!an) return [];
  const flagged = new Array<boolean>(an.points.length).fill(false);
  for (const run of anomalousRuns(an)) flagged.fill(true, run.from, run.to + 1);
  return an.points.map((p, i) => ({
    date: p.date,
    value: p.value,
    expected: an.restore(an.baseline.expected[i]!, i),
    z: an.z[i]!,
    flagged: flagged[i]!,
    kind: an.baseline.kind[i]!,
  }));
}

/**
 * Anomalous days merged into events: consecutive calendar days in the same direction form one
 * event, reported when it starts or ends abruptly. Sorted by start date; deterministic.
 */
export function detectAnomalies(
  series: readonly SeriesPoint[],
  options: AnomalyOptions = {},
): AnomalyEvent[] {
  const an = analyse(series, options);
  if (!an) return [];
  return anomalousRuns(an).map((run) => {
    let peak = run.from;
    let totalValue = 0;
    let totalExpected = 0;
    let shift = false;
    for (let i = run.from; i <= run.to; i++) {
      if (Math.abs(an.z[i]!) > Math.abs(an.z[peak]!)) peak = i;
      totalValue += an.points[i]!.value;
      totalExpected += an.restore(an.baseline.expected[i]!, i);
      shift ||= an.baseline.kind[i] === 'shift';
    }
    const p = an.points[peak]!;
    const expected = an.restore(an.baseline.expected[peak]!, peak);
    return {
      start: an.points[run.from]!.date,
      end: an.points[run.to]!.date,
      days: run.to - run.from + 1,
      peakDate: p.date,
      peakValue: p.value,
      expected,
      change: relativeChange(p.value, expected),
      score: Math.abs(an.z[peak]!),
      direction: run.sign > 0 ? 'spike' : 'drop',
      kind: shift ? 'shift' : 'point',
      ongoing: run.to === an.points.length - 1,
      totalValue,
      totalExpected,
    };
  });
}
