import type { TimeSpec } from '../metric-query.ts';
import {
  addDays,
  addMonths,
  daysBetweenInclusive,
  formatDay,
  isoDate,
  lastDayOfMonth,
  monthName,
  parseIsoDate,
  quarterOf,
  startOfWeek,
} from './calendar.ts';

/** A resolved, inclusive date range with a human label ("Q3 2025", "the last 30 days"). */
export interface Period {
  start: string;
  end: string;
  label: string;
}

function yearPeriod(year: number): Period {
  return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31), label: String(year) };
}

function quarterPeriod(year: number, quarter: number): Period {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    start: isoDate(year, firstMonth, 1),
    end: lastDayOfMonth(year, firstMonth + 2),
    label: `Q${quarter} ${year}`,
  };
}

function monthPeriod(year: number, month: number): Period {
  return {
    start: isoDate(year, month, 1),
    end: lastDayOfMonth(year, month),
    label: `${monthName(month)} ${year}`,
  };
}

function rangeLabel(start: string, end: string): string {
  return start === end ? formatDay(start) : `${formatDay(start)} – ${formatDay(end)}`;
}

/**
 * Resolves a time spec against the as-of date. "this X" is the calendar X containing the as-of
 * date, "last X" the one before; "the last N days" ends on the as-of date; weeks start on Monday.
 * Returns null for 'all' (no time restriction).
 */
export function resolvePeriod(spec: TimeSpec, asOf: string): Period | null {
  const today = parseIsoDate(asOf);
  switch (spec.kind) {
    case 'all':
      return null;
    case 'year':
      return yearPeriod(spec.year);
    case 'half': {
      const first = spec.half === 1 ? 1 : 7;
      return {
        start: isoDate(spec.year, first, 1),
        end: lastDayOfMonth(spec.year, first + 5),
        label: `H${spec.half} ${spec.year}`,
      };
    }
    case 'quarter':
      return quarterPeriod(spec.year, spec.quarter);
    case 'month':
      return monthPeriod(spec.year, spec.month);
    case 'range':
      return { start: spec.start, end: spec.end, label: rangeLabel(spec.start, spec.end) };
    case 'since':
      return { start: spec.start, end: asOf, label: `${formatDay(spec.start)} – ${formatDay(asOf)}` };
    case 'last_n': {
      const start =
        spec.unit === 'day'
          ? addDays(asOf, -(spec.n - 1))
          : spec.unit === 'week'
            ? addDays(asOf, -(7 * spec.n - 1))
            : addDays(addMonths(asOf, -spec.n), 1);
      return { start, end: asOf, label: `the last ${spec.n} ${spec.unit}${spec.n === 1 ? '' : 's'}` };
    }
    case 'relative': {
      const which =
        spec.offset === 0 ? 'this' : spec.offset === -1 ? 'last' : `${-spec.offset} ${spec.unit}s ago`;
      const prefix = (label: string) =>
        spec.offset === 0 || spec.offset === -1 ? `${label} (${which} ${spec.unit})` : label;
      switch (spec.unit) {
        case 'day': {
          const day = addDays(asOf, spec.offset);
          return { start: day, end: day, label: prefix(formatDay(day)) };
        }
        case 'week': {
          const start = addDays(startOfWeek(asOf), 7 * spec.offset);
          const end = addDays(start, 6);
          return { start, end, label: prefix(`the week of ${formatDay(start)}`) };
        }
        case 'month': {
          const first = addMonths(isoDate(today.year, today.month, 1), spec.offset);
          const { year, month } = parseIsoDate(first);
          const period = monthPeriod(year, month);
          return { ...period, label: prefix(period.label) };
        }
        case 'quarter': {
          const index = today.year * 4 + quarterOf(today.month) - 1 + spec.offset;
          const period = quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
          return { ...period, label: prefix(period.label) };
        }
        case 'year': {
          const period = yearPeriod(today.year + spec.offset);
          return { ...period, label: prefix(period.label) };
        }
      }
    }
  }
}

/** The period to compare against: the one just before (same length) or the same one a year before. */
export function comparisonPeriod(
  period: Period,
  spec: TimeSpec,
  kind: 'previous_period' | 'previous_year',
): Period {
  if (kind === 'previous_year') {
    const start = addMonths(period.start, -12);
    const end = isMonthEnd(period.end) ? monthEndOf(addMonths(period.end, -12)) : addMonths(period.end, -12);
    return { start, end, label: shiftLabel(spec, start, end) };
  }
  // Calendar periods step back by their own unit; other ranges by their length in days.
  const months = calendarMonths(spec);
  if (months) {
    const start = addMonths(period.start, -months);
    const end = monthEndOf(addMonths(period.start, -1));
    return { start, end, label: shiftLabel(spec, start, end) };
  }
  const length = daysBetweenInclusive(period.start, period.end);
  const end = addDays(period.start, -1);
  const start = addDays(end, -(length - 1));
  return { start, end, label: rangeLabel(start, end) };
}

function calendarMonths(spec: TimeSpec): number | null {
  if (spec.kind === 'year') return 12;
  if (spec.kind === 'half') return 6;
  if (spec.kind === 'quarter') return 3;
  if (spec.kind === 'month') return 1;
  if (spec.kind === 'relative') return { day: null, week: null, month: 1, quarter: 3, year: 12 }[spec.unit];
  return null;
}

function isMonthEnd(iso: string): boolean {
  return addDays(iso, 1).endsWith('-01');
}

function monthEndOf(iso: string): string {
  const { year, month } = parseIsoDate(iso);
  return lastDayOfMonth(year, month);
}

/** Labels a shifted calendar period in the same style as the original ("Q3 2024"). */
function shiftLabel(spec: TimeSpec, start: string, end: string): string {
  const { year, month } = parseIsoDate(start);
  const months = calendarMonths(spec);
  if (months === 12 && start.endsWith('-01-01')) return String(year);
  if (months === 6 && (month === 1 || month === 7)) return `H${month === 1 ? 1 : 2} ${year}`;
  if (months === 3 && (month - 1) % 3 === 0) return `Q${quarterOf(month)} ${year}`;
  if (months === 1) return `${monthName(month)} ${year}`;
  return rangeLabel(start, end);
}
