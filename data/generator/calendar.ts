/**
 * Day arithmetic for the sample window. Days are integers counted from 1970-01-01 (the unit
 * DuckDB's DATE uses), so the generator never touches time zones or Date objects per row.
 */

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` to days since 1970-01-01. */
export function dayFromIso(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** Days since 1970-01-01 to `YYYY-MM-DD`. */
export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export const WINDOW_START_ISO = '2024-01-01';
export const WINDOW_END_ISO = '2025-12-31';
/** The sample data's as-of date: relative periods resolve against its last day. */
export const AS_OF_ISO = '2025-12-31';

export const FIRST_DAY = dayFromIso(WINDOW_START_ISO);
export const LAST_DAY = dayFromIso(WINDOW_END_ISO);
/** 731: 2024 is a leap year. */
export const DAY_COUNT = LAST_DAY - FIRST_DAY + 1;

/** 0 = Monday … 6 = Sunday (weeks start on Monday, as in the architecture). 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  return weekdayOf(day) >= 5;
}

/** Calendar year and 1-based month of a day. */
export function yearMonthOf(day: number): { year: number; month: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}
