/** Pure calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day. */

export interface DateParts {
  year: number;
  month: number; // 1-12
  day: number;
}

export function parseIsoDate(iso: string): DateParts {
  const [y, m, d] = iso.split('-').map(Number);
  return { year: y ?? 0, month: m ?? 1, day: d ?? 1 };
}

export function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const { year, month, day } = parseIsoDate(iso);
  return isoDate(year, month, day + days);
}

/** Adds months, clamping the day to the target month's length (Mar 31 - 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = parseIsoDate(iso);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDate(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(day, lastDay));
}

export function lastDayOfMonth(year: number, month: number): string {
  return isoDate(year, month + 1, 0);
}

/** Days from a to b inclusive. */
export function daysBetweenInclusive(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Monday of the ISO week containing the date. */
export function startOfWeek(iso: string): string {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((weekday + 6) % 7));
}

export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

export function isValidIsoDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const { year, month, day } = parseIsoDate(iso);
  return isoDate(year, month, day) === iso;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthName(month: number): string {
  return monthNames[month - 1] ?? String(month);
}

/** "Jun 3, 2025" style, for narratives. */
export function formatDay(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${monthName(month).slice(0, 3)} ${day}, ${year}`;
}
