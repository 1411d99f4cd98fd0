import type { CellValue } from '../../ports.ts';
import type { MetricQuery } from '../metric-query.ts';
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
  if (view.query.per) return averageSentence(view, scope);
  if (!hasTime && dims.length === 0) return singleRowSentence(view, scope);
  if (view.query.order?.by && view.query.order.by !== 'value') return changeRankingSentence(view, scope);
  if (hasTime && dims.length === 0 && !view.query.compare && !view.query.order)
    return seriesSentence(view, metric, scope, rows);
  return rankingSentence(view, metric, scope);
}

function scopeText(view: ResultView): string {
  const included = view.query.filters.filter((f) => !f.exclude).map((f) => f.values.join(' and '));
  const excluded = view.query.filters
    .filter((f) => f.exclude)
    .map((f) => `excluding ${f.values.join(' and ')}`);
  const period = view.compiled.period ? `in ${view.compiled.period.label}` : 'over all the data';
  return [included.length > 0 ? `for ${included.join(', ')}` : '', excluded.join(', '), period]
    .filter(Boolean)
    .join(' ');
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
  // Every measure asked for is stated, the ranked one first ("clicks and conversions by device").
  const others = view.query.metrics.filter((name) => name !== orderMetric);
  const otherValues = (row: CellValue[]) =>
    others
      .map((name) => {
        const other = view.model.metrics.get(name) as MetricDef;
        const at = columnIndex(view, (c) => c.role === 'metric' && c.metric === name);
        return `, ${formatForText(numberAt(row, at), other.format)} ${metricWord(other)}`;
      })
      .join('');
  const valueText = (row: CellValue[]) =>
    `${formatForText(numberAt(row, valueAt), def.format)}${others.length > 0 ? ` ${metricWord(def)}` : ''}${otherValues(row)}`;
  const shown = view.rows.slice(0, 10).map((row, k) => {
    const change = changeAt >= 0 ? ` (${formatChange(numberAt(row, changeAt))})` : '';
    const rank = view.query.order ? `${k + 1}. ` : '';
    return `${rank}${label(row)} ${valueText(row)}${change}`;
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
    return `${label(first)} had the ${word} ${metricWord(def)} ${scope}: ${valueText(first)}.`;
  }
  const direction = view.query.order?.direction === 'desc' ? 'Top' : 'Bottom';
  const measures = [def, ...others.map((name) => view.model.metrics.get(name) as MetricDef)];
  const head = view.query.order
    ? `${direction} ${view.rows.length} ${groups.map(plural).join(' and ')} by ${metricWord(def)} ${scope}`
    : `${measures.map((m) => m.label).join(' and ')} by ${groups.join(' and ')} ${scope}${comparison}`;
  const more =
    view.rows.length > shown.length ? `; and ${view.rows.length - shown.length} more in the table` : '';
  return `${head}: ${shown.join('; ')}${more}.`;
}

/** "Average daily spend in October 2025 was $X (over 31 days)." */
function averageSentence(view: ResultView, scope: string): string {
  const per = view.query.per ?? 'day';
  const countAt = columnIndex(view, (c) => c.role === 'periods');
  const dims = view.compiled.columns.flatMap((c, i) => (c.role === 'dimension' ? [i] : []));
  const adjective = per === 'day' ? 'daily' : `${per}ly`;
  const describe = (row: CellValue[]) =>
    view.query.metrics
      .map((name) => {
        const def = view.model.metrics.get(name) as MetricDef;
        const at = columnIndex(view, (c) => c.role === 'metric' && c.metric === name);
        return `${formatForText(numberAt(row, at), def.format)} ${metricWord(def)}`;
      })
      .join(', ');
  const count = (row: CellValue[]) => {
    const n = numberAt(row, countAt) ?? 0;
    return `${n} ${n === 1 ? per : `${per}s`}`;
  };
  const labels = view.query.metrics.map((name) => metricWord(view.model.metrics.get(name) as MetricDef));
  const first = view.rows[0] as CellValue[];
  if (dims.length === 0)
    return `Average ${adjective} ${labels.join(' and ')} ${scope}: ${describe(first)} (the mean of ${count(first)}' totals).`;
  const shown = view.rows
    .slice(0, 10)
    .map((row) => `${dims.map((i) => textAt(row, i)).join(' · ')} ${describe(row)} (${count(row)})`);
  const more =
    view.rows.length > shown.length ? `; and ${view.rows.length - shown.length} more in the table` : '';
  return `Average ${adjective} ${labels.join(' and ')} ${scope}: ${shown.join('; ')}${more}.`;
}

/** A ranking by change names the measure of change and shows both periods and both changes. */
function changeRankingSentence(view: ResultView, scope: string): string {
  const order = view.query.order as NonNullable<MetricQuery['order']>;
  const def = view.model.metrics.get(order.metric) as MetricDef;
  const at = (role: string) =>
    columnIndex(view, (c) => c.role === role && 'metric' in c && c.metric === def.name);
  const [valueAt, previousAt, changeAt, deltaAt] = [at('metric'), at('previous'), at('change'), at('delta')];
  const dims = view.compiled.columns.flatMap((c, i) => (c.role === 'dimension' ? [i] : []));
  const f = (v: number | null) => formatForText(v, def.format);
  const line = (row: CellValue[], k: number) => {
    const current = numberAt(row, valueAt);
    const previous = numberAt(row, previousAt);
    const delta = numberAt(row, deltaAt);
    const signed = delta === null ? 'n/a' : `${delta >= 0 ? '+' : '−'}${f(Math.abs(delta))}`;
    return `${k + 1}. ${dims.map((i) => textAt(row, i)).join(' · ')} ${f(current)} vs ${f(previous)} (${signed}, ${formatChange(numberAt(row, changeAt))})`;
  };
  const measure = order.by === 'change_pct' ? 'percentage change' : 'absolute change';
  const direction = order.direction === 'desc' ? 'largest increase first' : 'largest decrease first';
  const versus = view.compiled.comparison ? ` vs ${view.compiled.comparison.label}` : '';
  const excluded =
    order.by === 'change_pct'
      ? ' Groups with nothing in the earlier period have no growth rate and are left out.'
      : '';
  const shown = view.rows.slice(0, 10).map(line);
  return `${def.label} ${scope}${versus}, ranked by ${measure} (${direction}): ${shown.join('; ')}.${excluded}`;
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
        case 'periods':
          return formatForTable(numberAt(row, i), 'integer');
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
    case 'delta':
      return `${view.model.metrics.get(c.metric)?.label} change`;
    case 'periods':
      return c.name.charAt(0).toUpperCase() + c.name.slice(1);
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

/** "industry" -> "industries", but "day" -> "days": a vowel before the y keeps it. */
function plural(word: string): string {
  return /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`;
}
