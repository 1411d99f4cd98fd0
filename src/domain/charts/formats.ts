/**
 * Number and time formats for chart axes and labels, as d3-format / d3-time-format strings that
 * Vega evaluates. Pure: no I/O.
 */

export type ValueFormat = 'currency' | 'percent' | 'integer' | 'decimal' | 'ratio';
export type TimeGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Past this magnitude long digit strings become hard to read: switch to SI-style `1.2M`. */
const COMPACT_FROM = 1_000_000;

/**
 * d3-format string for axis ticks and value labels, given the largest absolute value plotted.
 * Ratios such as CTR arrive as fractions (0.0123 = 1.23%), so `%` formats multiply by 100.
 */
export function numberFormat(format: ValueFormat, maxAbs: number): string {
  switch (format) {
    case 'currency':
      if (maxAbs >= COMPACT_FROM) return '$.2~s';
      // CPC / CPM are small amounts where cents matter.
      return maxAbs < 10 ? '$,.2f' : '$,.0f';
    case 'percent':
      // CTR-like fractions need two decimals; rates of tens of percent need at most one.
      return maxAbs >= 0.1 ? '.1~%' : '.2%';
    case 'integer':
      return maxAbs >= COMPACT_FROM ? '.3~s' : ',d';
    case 'decimal':
      return ',.2f';
    case 'ratio':
      return '.2f';
  }
}

/**
 * d3's SI prefix for 10^9 is `G`; finance readers expect `B`. Returned as a Vega label expression
 * to apply on top of the format, or undefined when the format cannot produce a `G`.
 */
export function siLabelExpr(format: string): string | undefined {
  return format.endsWith('s') ? "replace(datum.label, 'G', 'B')" : undefined;
}

/** Axis label format per time grain; quarters have no d3 directive and use `quarterLabelExpr`. */
export function timeFormat(grain: TimeGrain): string {
  switch (grain) {
    case 'day':
    case 'week':
      return '%d %b';
    case 'month':
      return '%b %Y';
    case 'quarter':
      return '%b %Y';
    case 'year':
      return '%Y';
  }
}

/** Vega expression that labels a UTC timestamp as `Q1 2025`. */
export const quarterLabelExpr = "'Q' + utcquarter(datum.value) + ' ' + utcyear(datum.value)";

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses `YYYY-MM-DD` (or a longer ISO timestamp) as a UTC date; null when it is not a date. */
export function parseIsoDate(value: string | number | null): Date | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Human label for a period start date, used where a period is a category (a bar per quarter)
 * rather than a position on a time axis. Falls back to the raw value when it is not a date.
 */
export function periodLabel(value: string | number | null, grain: TimeGrain | undefined): string {
  const date = parseIsoDate(value);
  if (!date) return value === null ? '(none)' : String(value);
  const year = date.getUTCFullYear();
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const day = String(date.getUTCDate()).padStart(2, '0');
  switch (grain) {
    case 'year':
      return String(year);
    case 'quarter':
      return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${year}`;
    case 'month':
      return `${month} ${year}`;
    default:
      return `${day} ${month} ${year}`;
  }
}

/** Format for a value printed next to its bar: one more significant digit than the axis. */
export function valueLabelFormat(format: ValueFormat, maxAbs: number): string {
  switch (format) {
    case 'currency':
      return maxAbs >= COMPACT_FROM ? '$.3~s' : numberFormat(format, maxAbs);
    case 'percent':
      return '.2%';
    default:
      return numberFormat(format, maxAbs);
  }
}
