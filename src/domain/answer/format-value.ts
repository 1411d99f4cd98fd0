import type { ValueFormat } from '../semantic/model-schema.ts';

const grouped = (digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

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
      const text = grouped(suffix === 'K' ? 1 : 2)
        .format(abs / limit)
        .replace(/\.0+$/, '');
      return `${sign}${prefix}${text}${suffix}`;
    }
  }
  return `${sign}${prefix}${grouped(abs >= 100 || Number.isInteger(abs) ? 0 : 2).format(abs)}`;
}

/** A value as written in a sentence. Ratios are fractions: 0.0123 is 1.23%. */
export function formatForText(value: number | null, format: ValueFormat): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (format) {
    case 'currency':
      return compact(value, '$');
    case 'currency_precise':
      return `$${grouped(2).format(value)}`;
    case 'percent':
      return formatPercent(value);
    case 'integer':
      return compact(Math.round(value));
    case 'decimal':
      return grouped(2).format(value);
    case 'ratio':
      return grouped(2).format(value);
  }
}

/** A value as shown in a table cell: exact to the cent or unit. */
export function formatForTable(value: number | null, format: ValueFormat): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  switch (format) {
    case 'currency':
      return `$${grouped(2).format(value)}`;
    case 'integer':
      return grouped(0).format(Math.round(value));
    default:
      return formatForText(value, format);
  }
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const pct = fraction * 100;
  const digits = Math.abs(pct) < 0.1 && pct !== 0 ? 3 : 2;
  return `${grouped(digits).format(pct)}%`;
}

/** A relative change as "+12.3%" / "−4.5%"; null when there is no base to compare with. */
export function formatChange(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return 'n/a';
  const pct = change * 100;
  const sign = pct > 0 ? '+' : pct < 0 ? '−' : '±';
  return `${sign}${grouped(1).format(Math.abs(pct))}%`;
}

/** Formats a time bucket start date for its grain: "Mar 2025", "Q3 2025", "2025", "Mar 3, 2025". */
export function formatBucket(iso: string, grain: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)).toLocaleString('en-US', {
    month: 'short',
    timeZone: 'UTC',
  });
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
