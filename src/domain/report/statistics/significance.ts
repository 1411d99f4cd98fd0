/**
 * Significance of a change in a rate that is a ratio of counts (CTR = clicks/impressions,
 * CVR = conversions/clicks): the pooled two-proportion z-test, two-sided.
 */

export const SIGNIFICANCE_METHOD =
  'Changes in CTR and CVR are tested with a two-sided pooled two-proportion z-test at α = 0.05; ' +
  'a test needs at least 5 expected successes and failures in each period, otherwise it is reported as not significant.';

const SQRT_2PI = 2.506628274631;

/**
 * Upper tail Q(x) = P(Z > x) for x ≥ 0, computed directly (no 1 − Φ cancellation), using Hart's
 * rational approximation as given by West (2005): absolute error below 1e-14.
 */
function upperTail(x: number): number {
  if (x > 37) return 0;
  const e = Math.exp((-x * x) / 2);
  if (x >= 7.07106781186547) {
    // Continued fraction for the far tail.
    let b = x + 0.65;
    b = x + 4 / b;
    b = x + 3 / b;
    b = x + 2 / b;
    b = x + 1 / b;
    return e / b / SQRT_2PI;
  }
  let num = 3.52624965998911e-2 * x + 0.700383064443688;
  num = num * x + 6.37396220353165;
  num = num * x + 33.912866078383;
  num = num * x + 112.079291497871;
  num = num * x + 221.213596169931;
  num = num * x + 220.206867912376;
  let den = 8.83883476483184e-2 * x + 1.75566716318264;
  den = den * x + 16.064177579207;
  den = den * x + 86.7807322029461;
  den = den * x + 296.564248779674;
  den = den * x + 637.333633378831;
  den = den * x + 793.826512519948;
  den = den * x + 440.413735824752;
  return (e * num) / den;
}

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

export interface ProportionTest {
  /** Positive when rate 1 (successes1/trials1) is above rate 2. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  significant: boolean;
  /** False when the counts are invalid or too small for the normal approximation. */
  adequateSample: boolean;
}

/** Smallest expected count of successes and of failures per group for the normal approximation. */
const MIN_EXPECTED = 5;

const validCounts = (successes: number, trials: number): boolean =>
  Number.isFinite(successes) &&
  Number.isFinite(trials) &&
  successes >= 0 &&
  trials > 0 &&
  successes <= trials;

/**
 * Pooled two-proportion z-test, two-sided. Group 1 is normally the current period, group 2 the
 * comparison period, so z > 0 means the rate rose. Tiny samples are never significant.
 */
export function twoProportionTest(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  alpha = 0.05,
): ProportionTest {
  const none: ProportionTest = { z: 0, pValue: 1, significant: false, adequateSample: false };
  if (!validCounts(successes1, trials1) || !validCounts(successes2, trials2)) return none;
  const pooled = (successes1 + successes2) / (trials1 + trials2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / trials1 + 1 / trials2));
  if (!(se > 0)) return none; // both rates 0 or both 1: nothing to test
  const z = (successes1 / trials1 - successes2 / trials2) / se;
  const pValue = Math.min(1, 2 * upperTail(Math.abs(z)));
  const smallest = Math.min(trials1, trials2) * Math.min(pooled, 1 - pooled);
  const adequateSample = smallest >= MIN_EXPECTED;
  return { z, pValue, significant: adequateSample && pValue < alpha, adequateSample };
}
