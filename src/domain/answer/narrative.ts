import type { CellValue } from '../../ports.ts';
import type { MetricDef } from '../semantic/model-schema.ts';
import type { OutputColumn } from '../sql/compile.ts';
import { formatBucket, formatChange, formatForTable, formatForText, formatPercent } from './format-value.ts';
import { columnIndex, numberAt, type ResultView, textAt } from './result-view.ts';

export interface AnswerTable {
  headers: string[];
  rows: string[][];
}

/**
 * A short narrative stating the figures with units and the period. Every number in it is a
 * value of the result rows (or a sum of them); nothing is estimated.
 */
export function writeNarrative(view: ResultView): string {
  const { compiled, rows } = view;
  const scope = scopeText(view);
  if (rows.length === 0) return `No data matched ${scope}.`;
  const metric = view.model.metrics.get(view.query.metrics[0] ?? '') as MetricDef;
  const hasTime = compiled.columns.some((c) => c.role === 'time');
  const dims = compiled.columns.filter((c) => c.role === 'dimension');

  if (view.query.share) return shareSentence(view, metric, scope);
  if (!hasTime && dims.length === 0) return singleRowSentence(view, scope);
  if (hasTime && dims.length === 0 && !view.query.compare) return seriesSentence(view, metric, scope, rows);
  return rankingSentence(view, metric, scope);
}

function scopeText(view: ResultView): string {
  const filters = view.query.filters.map((f) => `${f.exclude ? 'excluding ' : ''}${f.values.join(' and ')}`);
  const period = view.compiled.period ? `in ${view.compiled.period.label}` : 'over all the data';
  return [filters.length > 0 ? `for ${filters.join(', ')}` : '', period].filter(Boolean).join(' ');
}

function singleRowSentence(view: ResultView, scope: string): string {
  const row = view.rows[0] as CellValue[];
  const parts = view.query.metrics.map((name) => {
    const def = view.model.metrics.get(name) as MetricDef;
    const value = numberAt(
      row,
      columnIndex(view, (c) => c.role === 'metric' && c.metric === name),
    );
    let text = `${def.label} ${scope} was ${formatForText(value, def.format)}`;
    if (view.query.compare && view.compiled.comparison) {
      const previous = numberAt(
        row,
        columnIndex(view, (c) => c.role === 'previous' && c.metric === name),
      );
      const change = numberAt(
        row,
        columnIndex(view, (c) => c.role === 'change' && c.metric === name),
      );
      const direction =
        change === null
          ? 'compared with'
          : change > 0
            ? 'up from'
            : change < 0
              ? 'down from'
              : 'unchanged from';
      const delta = change === null ? '' : ` (${formatChange(change)})`;
      text += `, ${direction} ${formatForText(previous, def.format)} in ${view.compiled.comparison.label}${delta}`;
    }
    return text;
  });
  return `${parts.join('; ')}.`;
}

function seriesSentence(view: ResultView, metric: MetricDef, scope: string, rows: CellValue[][]): string {
  const time = view.compiled.columns.find((c) => c.role === 'time');
  const grain = time?.role === 'time' ? time.grain : 'month';
  const valueAt = columnIndex(view, (c) => c.role === 'metric' && c.metric === metric.name);
  const points = rows
    .map((row) => ({ label: formatBucket(textAt(row, 0), grain), value: numberAt(row, valueAt) }))
    .filter((p): p is { label: string; value: number } => p.value !== null);
  if (points.length === 0) return `No ${metric.label} values ${scope}.`;
  const first = points[0] as { label: string; value: number };
  const last = points.at(-1) as { label: string; value: number };
  const high = points.reduce((a, b) => (b.value > a.value ? b : a));
  const low = points.reduce((a, b) => (b.value < a.value ? b : a));
  const f = (v: number) => formatForText(v, metric.format);
  if (points.length === 1) return `${metric.label} ${scope} was ${f(first.value)} (${first.label}).`;
  return (
    `${metric.label} by ${grain} ${scope}: ${f(first.value)} in ${first.label} and ${f(last.value)} in ${last.label}; ` +
    `highest in ${high.label} (${f(high.value)}), lowest in ${low.label} (${f(low.value)}).`
  );
}

function rankingSentence(view: ResultView, metric: MetricDef, scope: string): string {
  const dims = view.compiled.columns.flatMap((c, i) =>
    c.role === 'dimension' || c.role === 'time' ? [{ c, i }] : [],
  );
  const orderMetric = view.query.order?.metric ?? metric.name;
  const def = view.model.metrics.get(orderMetric) as MetricDef;
  const valueAt = columnIndex(view, (c) => c.role === 'metric' && c.metric === orderMetric);
  const changeAt = columnIndex(view, (c) => c.role === 'change' && c.metric === orderMetric);
  const label = (row: CellValue[]) =>
    dims
      .map(({ c, i }) => (c.role === 'time' ? formatBucket(textAt(row, i), c.grain) : textAt(row, i)))
      .join(' · ');
  const shown = view.rows.slice(0, 10).map((row, k) => {
    const change = changeAt >= 0 ? ` (${formatChange(numberAt(row, changeAt))})` : '';
    const rank = view.query.order ? `${k + 1}. ` : '';
    return `${rank}${label(row)} ${formatForText(numberAt(row, valueAt), def.format)}${change}`;
  });
  const groups = dims.map(({ c }) =>
    (c.role === 'dimension'
      ? (view.model.dimensions.get(c.dimension)?.label ?? c.name)
      : c.grain
    ).toLowerCase(),
  );
  const comparison =
    view.query.compare && view.compiled.comparison
      ? ` vs ${view.compiled.comparison.label} (change in brackets)`
      : '';
  const first = view.rows[0];
  if (view.query.order && view.query.limit === 1 && first) {
    const word = view.query.order.direction === 'desc' ? 'highest' : 'lowest';
    return `${label(first)} had the ${word} ${metricWord(def)} ${scope}: ${formatForText(numberAt(first, valueAt), def.format)}.`;
  }
  const direction = view.query.order?.direction === 'desc' ? 'Top' : 'Bottom';
  const head = view.query.order
    ? `${direction} ${view.rows.length} ${groups.map(plural).join(' and ')} by ${metricWord(def)} ${scope}`
    : `${def.label} by ${groups.join(' and ')} ${scope}${comparison}`;
  const more =
    view.rows.length > shown.length ? `; and ${view.rows.length - shown.length} more in the table` : '';
  return `${head}: ${shown.join('; ')}${more}.`;
}

function shareSentence(view: ResultView, metric: MetricDef, scope: string): string {
  const shareAt = columnIndex(view, (c) => c.role === 'share');
  const valueAt = columnIndex(view, (c) => c.role === 'metric');
  const totalAt = columnIndex(view, (c) => c.role === 'total');
  const share = view.query.share;
  if (share?.values && view.compiled.columns.every((c) => c.role !== 'dimension' && c.role !== 'time')) {
    const row = view.rows[0] as CellValue[];
    return (
      `${share.values.join(' and ')} took ${formatPercent(numberAt(row, shareAt) ?? Number.NaN)} of ${metric.label.toLowerCase()} ${scope} ` +
      `(${formatForText(numberAt(row, valueAt), metric.format)} of ${formatForText(numberAt(row, totalAt), metric.format)}).`
    );
  }
  const dims = view.compiled.columns.flatMap((c, i) =>
    c.role === 'dimension' || c.role === 'time' ? [{ c, i }] : [],
  );
  const label = (row: CellValue[]) =>
    dims
      .map(({ c, i }) => (c.role === 'time' ? formatBucket(textAt(row, i), c.grain) : textAt(row, i)))
      .join(' · ');
  const parts = view.rows
    .slice(0, 12)
    .map((row) => `${label(row)} ${formatPercent(numberAt(row, shareAt) ?? Number.NaN)}`);
  const target = share?.values ? `${share.values.join(' and ')}'s share` : `Share`;
  const by = share?.values
    ? ''
    : ` by ${(view.model.dimensions.get(share?.dimension ?? '')?.label ?? '').toLowerCase()}`;
  const more =
    view.rows.length > parts.length ? `; and ${view.rows.length - parts.length} more in the table` : '';
  return `${target} of ${metric.label.toLowerCase()}${by} ${scope}: ${parts.join('; ')}${more}.`;
}

/** The result as a display table: labelled headers, values formatted exactly. */
export function buildTable(view: ResultView): AnswerTable {
  const headers = view.compiled.columns.map((c) => headerFor(view, c));
  const rows = view.rows.map((row) =>
    view.compiled.columns.map((c, i) => {
      switch (c.role) {
        case 'time':
          return formatBucket(textAt(row, i), c.grain);
        case 'dimension':
          return textAt(row, i);
        case 'change':
          return formatChange(numberAt(row, i));
        case 'share':
          return formatPercent(numberAt(row, i) ?? Number.NaN);
        default:
          return formatForTable(numberAt(row, i), view.model.metrics.get(c.metric)?.format ?? 'decimal');
      }
    }),
  );
  return { headers, rows };
}

function headerFor(view: ResultView, c: OutputColumn): string {
  switch (c.role) {
    case 'time':
      return c.grain.charAt(0).toUpperCase() + c.grain.slice(1);
    case 'dimension':
      return view.model.dimensions.get(c.dimension)?.label ?? c.name;
    case 'metric':
      return view.model.metrics.get(c.metric)?.label ?? c.name;
    case 'previous':
      return `${view.model.metrics.get(c.metric)?.label} (${view.compiled.comparison?.label ?? 'previous'})`;
    case 'change':
      return 'Change';
    case 'share':
      return 'Share';
    case 'total':
      return `Total ${(view.model.metrics.get(c.metric)?.label ?? '').toLowerCase()}`;
  }
}

/** Acronyms stay as written (CTR, ROAS); words read lower-case mid-sentence (spend, video views). */
function metricWord(def: MetricDef): string {
  return def.label === def.label.toUpperCase() ? def.label : def.label.toLowerCase();
}

function plural(word: string): string {
  return word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`;
}
