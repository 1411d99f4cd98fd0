/**
 * How report figures and metadata are written, shared by the Markdown and HTML renderers so both
 * show the same strings and link to the same anchors.
 */
import { formatChange, formatForText } from '../../domain/answer/format-value.ts';
import type { Figure, Insight, ReportDocument } from '../../domain/report/report-document.ts';
import { formatDay } from '../../domain/time/calendar.ts';

/** A figure as written in prose and KPI cards: compact money, signed changes, "n/a" for null. */
export function formatFigure(figure: Figure): string {
  if (figure.value === null) return 'n/a';
  return figure.format === 'change' ? formatChange(figure.value) : formatForText(figure.value, figure.format);
}

/** Ids are kept as-is when URL-safe so links read `#q-kpis`; anything else becomes a dash. */
function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]+/g, '-') || 'x';
}

export const queryAnchor = (queryId: string): string => slug(queryId);
export const documentAnchor = (sourceId: string): string => `doc-${slug(sourceId)}`;
export const insightAnchor = (insightId: string): string => `insight-${slug(insightId)}`;
export const sectionAnchor = (sectionId: string): string => `sec-${slug(sectionId)}`;

/** A stretch of prose, tagged with the figure it shows when it is one. */
export interface TextSpan {
  text: string;
  figure: Figure | null;
}

/** Writings of a figure to look for in prose: "+12.3%" may be written "12.3%" after "rose". */
function spellings(figure: Figure): string[] {
  const exact = formatFigure(figure);
  if (exact === 'n/a') return [];
  return figure.format === 'change' ? [exact, exact.replace(/^[+−±]/, '')] : [exact];
}

/** True when text[start, end) is a whole number, not part of a longer one ("12%" in "112%"). */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return !/[\w.,$+−-]/.test(before) && !/[\w%]/.test(after) && !/[.,]\d/.test(text.slice(end, end + 2));
}

/**
 * Splits prose at the figures it mentions, so renderers can turn each mention into a link to
 * its query. Figures the prose does not spell out verbatim are simply not linked there.
 */
export function splitOnFigures(text: string, figures: readonly Figure[]): TextSpan[] {
  const claimed: { start: number; end: number; figure: Figure }[] = [];
  for (const figure of figures) {
    const hit = spellings(figure)
      .flatMap((s) => occurrences(text, s))
      .find(
        ({ start, end }) =>
          standsAlone(text, start, end) && claimed.every((c) => end <= c.start || start >= c.end),
      );
    if (hit) claimed.push({ ...hit, figure });
  }
  claimed.sort((a, b) => a.start - b.start);
  const spans: TextSpan[] = [];
  let at = 0;
  for (const c of claimed) {
    if (c.start > at) spans.push({ text: text.slice(at, c.start), figure: null });
    spans.push({ text: text.slice(c.start, c.end), figure: c.figure });
    at = c.end;
  }
  if (at < text.length) spans.push({ text: text.slice(at), figure: null });
  return spans;
}

function occurrences(text: string, needle: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    found.push({ start: i, end: i + needle.length });
  }
  return found;
}

/** Most important first; ties keep the document's order (Array.prototype.sort is stable). */
export function byImportance(insights: readonly Insight[]): Insight[] {
  return [...insights].sort((a, b) => b.importance - a.importance);
}

/** "Oct 6, 2025" for a date, "Oct 6, 2025, 09:14 UTC" for a timestamp; anything else as given. */
export function formatWhen(iso: string): string {
  const date = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso);
  if (!date?.[1]) return iso;
  if (!date[2]) return formatDay(date[1]);
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return formatDay(date[1]);
  const utc = parsed.toISOString();
  return `${formatDay(utc.slice(0, 10))}, ${utc.slice(11, 16)} UTC`;
}

export function formatRange(range: { label: string; start: string; end: string }): string {
  return `${range.label} (${formatWhen(range.start)} – ${formatWhen(range.end)})`;
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatRows(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`;
}

/** The header facts both renderers show under the title, in order. */
export function reportFacts(doc: ReportDocument): { label: string; value: string }[] {
  return [
    { label: 'Period', value: formatRange(doc.period) },
    { label: 'Compared with', value: doc.comparison ? formatRange(doc.comparison) : 'no comparison period' },
    { label: 'Data as of', value: formatWhen(doc.asOf) },
    { label: 'Generated', value: formatWhen(doc.generatedAt) },
    { label: 'Engine', value: doc.engine },
  ];
}

export const AI_NOTICE = 'AI-generated by Scout — every figure links to the query that produced it';

/** Table columns whose cells all read as numbers are right-aligned so digits line up. */
export function numericColumns(headers: readonly string[], rows: readonly string[][]): boolean[] {
  const numeric = /^(?:[+−-]?\$?[\d.,]+(?:[%KMBx]| ?pp)?|n\/a|—|)$/;
  return headers.map((_, i) => rows.length > 0 && rows.every((row) => numeric.test((row[i] ?? '').trim())));
}
