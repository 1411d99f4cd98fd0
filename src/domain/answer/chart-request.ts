import type { ValueFormat as ChartFormat, ChartRequest } from '../charts/chart-spec.ts';
import { chooseChartKind } from '../charts/chart-spec.ts';
import type { MetricDef, ValueFormat } from '../semantic/model-schema.ts';
import { columnIndex, numberAt, type ResultView, textAt } from './result-view.ts';

function chartFormat(format: ValueFormat): ChartFormat {
  return format === 'currency_precise' ? 'currency' : format;
}

/**
 * Chooses the chart for a result from its shape (time series -> line, one category -> sorted
 * bar, share -> stacked bar, single value -> none) and lays the rows out for it.
 */
export function chartRequestFor(view: ResultView, title: string): ChartRequest | null {
  const { compiled, rows, query } = view;
  const metricName = query.order?.metric ?? query.metrics[0] ?? '';
  const metric = view.model.metrics.get(metricName) as MetricDef;
  const timeAt = columnIndex(view, (c) => c.role === 'time');
  const time = compiled.columns[timeAt];
  const grain = time?.role === 'time' ? time.grain : undefined;
  const dims = compiled.columns.flatMap((c, i) => (c.role === 'dimension' ? [{ i, name: c.dimension }] : []));
  const valueAt = columnIndex(view, (c) => c.role === 'metric' && c.metric === metricName);
  const previousAt = columnIndex(view, (c) => c.role === 'previous' && c.metric === metricName);
  const totalAt = columnIndex(view, (c) => c.role === 'total');
  const y = { field: 'value', label: metric.label, format: chartFormat(metric.format) };
  const dimLabel = (name: string) => view.model.dimensions.get(name)?.label ?? name;
  const subtitle = `Source: ${view.model.file.fact.table}`;
  const kind = chooseChartKind({
    hasTime: timeAt >= 0,
    categoryDimensions: dims.length,
    isShare: Boolean(query.share),
    rowCount: rows.length,
    metricCount: query.metrics.length,
  });

  if (query.share?.values && timeAt < 0 && dims.length === 0) {
    const row = rows[0];
    const part = row ? numberAt(row, valueAt) : null;
    const total = row ? numberAt(row, totalAt) : null;
    if (part === null || total === null) return null;
    const rest = `Other ${dimLabel(query.share.dimension).toLowerCase()}s`;
    return {
      kind: 'stacked-bar',
      title,
      subtitle,
      x: { field: 'segment', label: dimLabel(query.share.dimension), type: 'nominal' },
      y,
      rows: [
        { segment: query.share.values.join(' + '), value: part },
        { segment: rest, value: total - part },
      ],
    };
  }

  if (query.compare && compiled.comparison && compiled.period && previousAt >= 0) {
    const current = compiled.period.label;
    const previous = compiled.comparison.label;
    const xAt = timeAt >= 0 ? timeAt : dims[0]?.i;
    if (xAt === undefined) {
      const row = rows[0];
      if (!row) return null;
      return {
        kind: 'bar',
        title,
        subtitle,
        x: { field: 'period', label: 'Period', type: 'nominal' },
        y,
        rows: [
          { period: current, value: numberAt(row, valueAt) },
          { period: previous, value: numberAt(row, previousAt) },
        ],
      };
    }
    const xName = timeAt >= 0 ? (grain ?? 'period') : dimLabel(dims[0]?.name ?? '');
    return {
      kind: timeAt >= 0 ? 'line' : 'grouped-bar',
      title,
      subtitle,
      x: {
        field: 'x',
        label: capitalize(xName),
        type: timeAt >= 0 ? 'temporal' : 'nominal',
        ...(grain ? { grain } : {}),
      },
      y,
      series: { field: 'series', label: 'Period' },
      rows: rows.flatMap((row) => [
        { x: textAt(row, xAt), series: current, value: numberAt(row, valueAt) },
        { x: textAt(row, xAt), series: previous, value: numberAt(row, previousAt) },
      ]),
    };
  }

  if (kind === 'none') return null;
  const xAt = timeAt >= 0 ? timeAt : (dims[0]?.i ?? -1);
  const seriesAt = timeAt >= 0 ? dims[0]?.i : dims[1]?.i;
  const xLabel = timeAt >= 0 ? capitalize(grain ?? 'date') : dimLabel(dims[0]?.name ?? '');
  const seriesName = timeAt >= 0 ? dims[0]?.name : dims[1]?.name;
  return {
    kind,
    title,
    subtitle,
    x: { field: 'x', label: xLabel, type: timeAt >= 0 ? 'temporal' : 'nominal', ...(grain ? { grain } : {}) },
    y,
    ...(seriesAt !== undefined && seriesName
      ? { series: { field: 'series', label: dimLabel(seriesName) } }
      : {}),
    rows: rows.map((row) => ({
      x: textAt(row, xAt),
      ...(seriesAt !== undefined ? { series: textAt(row, seriesAt) } : {}),
      value: numberAt(row, valueAt),
    })),
  };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
