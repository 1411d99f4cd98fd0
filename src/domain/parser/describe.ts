import type { MetricQueryInput } from '../metric-query.ts';
import type { SemanticModel } from '../semantic/semantic-model.ts';
import { resolvePeriod } from '../time/resolve-period.ts';

/**
 * One line saying what Scout understood, in the user's terms: "Spend by brand for Gaming,
 * Q3 2025 (last quarter), top 5". Shown with every answer and every clarification.
 */
export function describeQuery(
  query: MetricQueryInput,
  model: SemanticModel,
  asOf: string,
  options: { withoutMetrics?: boolean } = {},
): string {
  const label = (name: string) => model.metrics.get(name)?.label ?? name;
  const dimLabel = (name: string) => (model.dimensions.get(name)?.label ?? name).toLowerCase();
  let core = '';
  if (!options.withoutMetrics) {
    const metrics = query.metrics.map(label).join(' and ');
    core = query.share ? `share of ${metrics.toLowerCase()}` : metrics;
  }
  const groups = [
    ...(query.grain ? [query.grain] : []),
    ...(query.dimensions ?? []).map(dimLabel),
    ...(query.share && !query.share.values ? [dimLabel(query.share.dimension)] : []),
  ];
  if (groups.length > 0) core += ` by ${unique(groups).join(' and ')}`;
  if (query.share?.values) core += ` going to ${query.share.values.join(' or ')}`;
  const filters = (query.filters ?? []).map(
    (f) => `${f.exclude ? 'excluding ' : ''}${f.values.join(' and ')}`,
  );
  if (filters.length > 0) core += ` for ${filters.join(', ')}`;
  const period = query.time ? resolvePeriod(query.time, asOf) : null;
  if (period) core += ` in ${period.label}`;
  else if (!options.withoutMetrics) core += ' over all the data';
  const parts = [core.trim()];
  if (query.compare)
    parts.push(
      query.compare.kind === 'previous_year' ? 'vs the same period a year earlier' : 'vs the previous period',
    );
  if (query.order) {
    const word = query.order.direction === 'desc' ? 'highest' : 'lowest';
    const metric = label(query.order.metric);
    if (query.limit === 1) parts.push(`${word} ${metric} only`);
    else if (query.limit)
      parts.push(`${query.order.direction === 'desc' ? 'top' : 'bottom'} ${query.limit} by ${metric}`);
    else parts.push(`${word} ${metric} first`);
  }
  const text = parts.filter(Boolean).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
