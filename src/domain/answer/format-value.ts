import type { ValueFormat } from '../semantic/model-schema.ts';
import { formatFixed } from './fixed-number.ts';

/** Compact money and counts for sentences: $12.35M, 4.2K. Exact values go in the table. */
function compact(value: number, prefix = ''): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  for (const [limit, suffix] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ] as const) {
    if (abs >= limit) {
      // Thousands read best with one decimal ($205.0K is noise), millions and billions with two.
      const text = formatFixed(abs / limit, suffix === 'K' ? 1 : 2).replace(/\.0+$/, '');
      return `${sign}${prefix}${text}${suffix}`;
    }
  }
  return `${sign}${prefix}${formatFixed(abs, abs >= 100 || Number.isInteger(abs) ? 0 : 2)}`;
}

/** A value as written in a sentence. Ratios are fractions: 0.0123 is 1.23%. */
export function formatForText(value: number | null, format: ValueFormat): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (format) {
    case 'currency':
      return compact(value, '$');
    case 'currency_precise':
      return `$${formatFixed(value, 2)}`;
    case 'percent':
      return formatPercent(value);
    case 'integer':
      return compact(Math.round(value));
    case 'decimal':
      return formatFixed(value, 2);
    case 'ratio':
      return formatFixed(value, 2);
  }
}

/** A value as shown in a table cell: exact to the cent or unit. */
export function formatForTable(value: number | null, format: ValueFormat): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (format) {
    case 'currency':
      return `$${formatFixed(value, 2)}`;
    case 'integer':
      return formatFixed(Math.round(value), 0);
    default:
      return formatForText(value, format);
  }
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const pct = fraction * 100;
  const digits = Math.abs(pct) < 0.1 && pct !== 0 ? 3 : 2;
  return `${formatFixed(pct, digits)}%`;
}

/** A relative change as "+12.3%" / "−4.5%"; null when there is no base to compare with. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return 'n/a';
  const pct = change * 100;
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${formatFixed(Math.abs(pct), 1)}%`;
}

/** en-US short month names, as toLocaleString writes them, without starting ICU's date formatter. */
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats a time bucket start date for its grain: "Mar 2025", "Q3 2025", "2025", "Mar 3, 2025". */
export function formatBucket(iso: string, grain: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = SHORT_MONTHS[new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)).getUTCMonth()];
  switch (grain) {
    case 'year':
      return String(y);
    case 'quarter':
      return `Q${Math.floor(((m ?? 1) - 1) / 3) + 1} ${y}`;
    case 'month':
      return `${month} ${y}`;
    case 'week':
      return `week of ${month} ${d}, ${y}`;
    default:
      return `${month} ${d}, ${y}`;
  }
}
