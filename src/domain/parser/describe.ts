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
  const parts: string[] = [];
  const label = (name: string) => model.metrics.get(name)?.label ?? name;
  const dimLabel = (name: string) => (model.dimensions.get(name)?.label ?? name).toLowerCase();
  if (!options.withoutMetrics) {
    const metrics = query.metrics.map(label).join(' and ');
    parts.push(query.share ? `share of ${metrics.toLowerCase()}` : metrics);
  }
  const groups = [
    ...(query.grain ? [query.grain] : []),
    ...(query.dimensions ?? []).map(dimLabel),
    ...(query.share && !query.share.values ? [dimLabel(query.share.dimension)] : []),
  ];
  if (groups.length > 0) parts.push(`by ${unique(groups).join(' and ')}`);
  if (query.share?.values) parts.push(`going to ${query.share.values.join(' or ')}`);
  const filters = (query.filters ?? []).map(
    (f) => `${f.exclude ? 'excluding ' : ''}${f.values.join(' and ')}`,
  );
  if (filters.length > 0) parts.push(`for ${filters.join(', ')}`);
  const period = query.time ? resolvePeriod(query.time, asOf) : null;
  if (period) parts.push(`in ${period.label}`);
  else if (!options.withoutMetrics) parts.push('over all the data');
  if (query.compare)
    parts.push(
      query.compare.kind === 'previous_year' ? 'vs the same period a year earlier' : 'vs the previous period',
    );
  if (query.order && query.limit) {
    const word = query.order.direction === 'desc' ? 'highest' : 'lowest';
    parts.push(
      query.limit === 1
        ? `the ${word} ${label(query.order.metric)}`
        : `${query.limit} ${word} by ${label(query.order.metric)}`,
    );
  }
  const text = parts
    .join(', ')
    .replace(/, by /, ' by ')
    .replace(/, for /, ' for ')
    .replace(/, going to /, ' going to ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
