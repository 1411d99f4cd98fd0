/**
 * All variants as CSV, in the columns ad platforms' bulk imports take (headline, description,
 * primary text, call to action), with Scout's variant id first so performance can be traced back
 * to the variant and its persona (the feedback loop's key).
 */
import type { Variant } from '../../domain/adcopy/copy.ts';

export const CSV_COLUMNS = [
  'Scout Variant ID',
  'Channel',
  'Persona',
  'Headline',
  'Description',
  'Primary Text',
  'Call to Action',
  'Score',
  'Sources',
] as const;

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading =+-@ is neutralised for spreadsheets. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function variantsCsv(variants: readonly Variant[]): string {
  const rows = variants.map((v) => [
    v.id,
    v.channel,
    v.persona,
    v.headline,
    v.description,
    v.primary_text ?? '',
    v.cta,
    v.score.toFixed(2),
    v.claims.map((c) => `${c.text} (${c.source})`).join('; '),
  ]);
  return `${[[...CSV_COLUMNS], ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
