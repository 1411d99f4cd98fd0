import { ScoutError } from '../../errors.ts';
import type { SqlDialect } from '../../ports.ts';
import type { MetricQuery } from '../metric-query.ts';
import type { DimensionDef, MetricDef, TimeGrain } from '../semantic/model-schema.ts';
import type { SemanticModel } from '../semantic/semantic-model.ts';
import { addDays, daysBetweenInclusive, parseIsoDate } from '../time/calendar.ts';
import { comparisonPeriod, type Period, resolvePeriod } from '../time/resolve-period.ts';
import { type DialectRules, dialectRules, sqlDate, sqlString } from './dialects.ts';

/** What each output column means, so answers and charts never guess from names. */
export type OutputColumn =
  | { name: string; role: 'time'; grain: TimeGrain }
  | { name: string; role: 'dimension'; dimension: string }
  | {
      name: string;
      role: 'metric' | 'previous' | 'change' | 'delta' | 'share' | 'total' | 'periods';
      metric: string;
    };

export interface CompiledQuery {
  sql: string;
  dialect: SqlDialect;
  period: Period | null;
  comparison: Period | null;
  columns: OutputColumn[];
}

export interface CompileOptions {
  dialect: SqlDialect;
  asOf: string;
  maxRows: number;
}

function fail(message: string): never {
  throw new ScoutError('bad_input', message, { userMessage: message });
}

/** Checks every name and value against the model: the compiler is the last gate before SQL text. */
function lookup(query: MetricQuery, model: SemanticModel) {
  const metrics = query.metrics.map((name) => model.metrics.get(name) ?? fail(`unknown metric "${name}"`));
  const dimensions = query.dimensions.map(
    (name) => model.dimensions.get(name) ?? fail(`unknown dimension "${name}"`),
  );
  const known = (dimension: string, values: string[]) => {
    const def = model.dimensions.get(dimension) ?? fail(`unknown dimension "${dimension}"`);
    const valid = model.values.get(dimension) ?? [];
    for (const value of values)
      if (!valid.includes(value)) fail(`unknown ${def.label.toLowerCase()} "${value}"`);
    return def;
  };
  const filters = query.filters.map((f) => ({ ...f, def: known(f.dimension, f.values) }));
  const share = query.share
    ? { ...query.share, def: known(query.share.dimension, query.share.values ?? []) }
    : null;
  if (query.grain && !model.file.time.grains.includes(query.grain))
    fail(`unsupported time grain "${query.grain}"`);
  if (query.order && !query.metrics.includes(query.order.metric))
    fail('can only order by a requested metric');
  if (query.order?.by && query.order.by !== 'value' && !query.compare)
    fail('ranking by change needs two periods to compare');
  if (query.per) {
    for (const metric of metrics) {
      if (metric.kind !== 'sum')
        fail(
          `an average per ${query.per} of ${metric.label} is not meaningful: ${metric.label} is already a ratio over the period`,
        );
    }
    if (query.compare || query.share || query.grain) fail('an average per period stands alone for now');
  }
  if (share) {
    for (const metric of metrics) {
      if (metric.kind !== 'sum') fail(`a share of ${metric.label} is not meaningful: shares apply to totals`);
    }
    if (query.compare) fail('shares cannot be combined with a period comparison yet');
  }
  return { metrics, dimensions, filters, share };
}

/**
 * Compiles a metric query into one canonical SELECT for the dialect: the same query, as-of
 * date and dialect always give the same text, which Athena's result reuse relies on.
 */
export function compileMetricQuery(
  query: MetricQuery,
  model: SemanticModel,
  options: CompileOptions,
): CompiledQuery {
  if (query.per) return compileAveragePerPeriod(query, query.per, model, options);
  const rules = dialectRules(options.dialect);
  const { metrics, dimensions, filters, share } = lookup(query, model);
  const fact = model.file.fact;
  const timeColumn = `${fact.alias}.${fact.time_column}`;
  const period = resolvePeriod(query.time, options.asOf);
  const comparison =
    query.compare && period ? comparisonPeriod(period, query.time, query.compare.kind) : null;
  if (query.compare && !period) fail('a comparison needs a period, for example "in Q3 2025 vs Q3 2024"');

  const columnOf = (def: DimensionDef) => {
    if (def.table === fact.table) return `${fact.alias}.${def.column}`;
    const join = model.file.joins.find((j) => j.table === def.table);
    if (!join) fail(`dimension ${def.name} is not reachable`);
    return `${join.alias}.${def.column}`;
  };
  const inList = (def: DimensionDef, values: string[]) =>
    `${columnOf(def)} IN (${[...values].sort().map(sqlString).join(', ')})`;

  const select: string[] = [];
  const columns: OutputColumn[] = [];
  const groupBy: string[] = [];

  // Time bucket first; with a comparison, the previous period's rows land in the bucket they align with.
  let bucketExpr: string | null = null;
  if (query.grain) {
    const grain = query.grain;
    bucketExpr = rules.bucket(grain, timeColumn);
    if (comparison && period) {
      const shifted = rules.bucket(grain, shiftToCurrent(rules, timeColumn, period, comparison));
      bucketExpr = `CASE WHEN ${between(timeColumn, period)} THEN ${bucketExpr} ELSE ${shifted} END`;
    }
    select.push(`${bucketExpr} AS ${grain}`);
    columns.push({ name: grain, role: 'time', grain });
    groupBy.push(String(select.length));
  }
  for (const def of dimensions) {
    select.push(`${columnOf(def)} AS ${def.name}`);
    columns.push({ name: def.name, role: 'dimension', dimension: def.name });
    groupBy.push(String(select.length));
  }

  const currentFilter = comparison && period ? between(timeColumn, period) : null;
  // A relative change from nothing is undefined: those groups drop out of a growth ranking.
  const having: string[] = [];
  for (const metric of metrics) {
    if (share) {
      const total = aggregate(rules, fact.alias, metric, null);
      if (share.values && share.values.length > 0) {
        const part = aggregate(rules, fact.alias, metric, inList(share.def, share.values));
        select.push(`${part} AS ${metric.name}`);
        select.push(`${total} AS ${metric.name}_total`);
        select.push(`${rules.ratio(part, total)} AS ${metric.name}_share`);
        columns.push({ name: metric.name, role: 'metric', metric: metric.name });
        columns.push({ name: `${metric.name}_total`, role: 'total', metric: metric.name });
      } else {
        // Share of each value of the dimension within its time bucket (or overall).
        const partition = bucketExpr ? `PARTITION BY ${bucketExpr}` : '';
        const window = `SUM(${total}) OVER (${partition})`;
        select.push(`${total} AS ${metric.name}`);
        select.push(`${rules.ratio(total, window)} AS ${metric.name}_share`);
        columns.push({ name: metric.name, role: 'metric', metric: metric.name });
      }
      columns.push({ name: `${metric.name}_share`, role: 'share', metric: metric.name });
      continue;
    }
    const current = aggregate(rules, fact.alias, metric, currentFilter);
    select.push(`${current} AS ${metric.name}`);
    columns.push({ name: metric.name, role: 'metric', metric: metric.name });
    if (comparison) {
      const previous = aggregate(rules, fact.alias, metric, between(timeColumn, comparison));
      select.push(`${previous} AS ${metric.name}_previous`);
      select.push(`${rules.ratio(`(${current} - ${previous})`, previous)} AS ${metric.name}_change`);
      columns.push({ name: `${metric.name}_previous`, role: 'previous', metric: metric.name });
      columns.push({ name: `${metric.name}_change`, role: 'change', metric: metric.name });
      const rankedByChange = query.order?.by === 'change' || query.order?.by === 'change_pct';
      if (rankedByChange && query.order?.metric === metric.name) {
        select.push(`(${current} - ${previous}) AS ${metric.name}_delta`);
        columns.push({ name: `${metric.name}_delta`, role: 'delta', metric: metric.name });
      }
      if (query.order?.by === 'change_pct' && query.order.metric === metric.name)
        having.push(`${previous} <> 0`);
    }
  }

  const where: string[] = [];
  if (period && comparison)
    where.push(`(${between(timeColumn, period)} OR ${between(timeColumn, comparison)})`);
  else if (period) where.push(between(timeColumn, period));
  for (const filter of [...filters].sort((a, b) => a.dimension.localeCompare(b.dimension))) {
    where.push(
      filter.exclude ? `NOT ${inList(filter.def, filter.values)}` : inList(filter.def, filter.values),
    );
  }

  const joins = requiredJoins(model, [
    ...dimensions,
    ...filters.map((f) => f.def),
    ...(share ? [share.def] : []),
  ]);
  const orderBy = orderClause(query, columns, metrics);
  const limit = Math.min(query.limit ?? options.maxRows, options.maxRows);

  const lines = [`SELECT ${select.join(', ')}`, `FROM ${fact.table} AS ${fact.alias}`];
  for (const join of joins) {
    lines.push(
      `LEFT JOIN ${join.table} AS ${join.alias} ON ${join.alias}.${join.on.column} = ${fact.alias}.${join.on.fact_column}`,
    );
  }
  if (where.length > 0) lines.push(`WHERE ${where.join(' AND ')}`);
  if (groupBy.length > 0) lines.push(`GROUP BY ${groupBy.join(', ')}`);
  if (having.length > 0) lines.push(`HAVING ${having.join(' AND ')}`);
  if (orderBy) lines.push(`ORDER BY ${orderBy}`);
  lines.push(`LIMIT ${limit}`);
  return { sql: lines.join('\n'), dialect: options.dialect, period, comparison, columns };
}

function between(column: string, period: Period): string {
  return `${column} BETWEEN ${sqlDate(period.start)} AND ${sqlDate(period.end)}`;
}

/** Moves a date of the comparison period onto the matching date of the current period. */
function shiftToCurrent(rules: DialectRules, column: string, period: Period, comparison: Period): string {
  const a = parseIsoDate(comparison.start);
  const b = parseIsoDate(period.start);
  const sameDay = a.day === b.day && comparison.start.slice(8) === period.start.slice(8);
  if (sameDay && a.day === 1) {
    const months = (b.year - a.year) * 12 + (b.month - a.month);
    return rules.shiftDate(column, months, 'month');
  }
  const days = daysBetweenInclusive(comparison.start, period.start) - 1;
  if (addDays(comparison.start, days) !== period.start) fail('cannot align the two periods');
  return rules.shiftDate(column, days, 'day');
}

/** Conditional aggregates use CASE rather than FILTER: both engines and the SQL guard's parser read it. */
function aggregate(rules: DialectRules, alias: string, metric: MetricDef, filter: string | null): string {
  const value = (column: string) =>
    filter ? `CASE WHEN ${filter} THEN ${alias}.${column} END` : `${alias}.${column}`;
  switch (metric.kind) {
    case 'sum':
      return `SUM(${value(metric.column)})`;
    case 'count_distinct':
      return `COUNT(DISTINCT ${value(metric.column)})`;
    case 'ratio': {
      const numerator = `SUM(${value(metric.numerator)})`;
      const scaled = metric.multiplier === 1 ? numerator : `${metric.multiplier} * ${numerator}`;
      return rules.ratio(scaled, `SUM(${value(metric.denominator)})`);
    }
  }
}

function requiredJoins(model: SemanticModel, defs: DimensionDef[]) {
  const tables = new Set(defs.map((d) => d.table));
  return model.file.joins.filter((j) => tables.has(j.table));
}

/** Explicit order first; then the natural order for the shape; dimension names break ties. */
function orderClause(query: MetricQuery, columns: OutputColumn[], metrics: MetricDef[]): string | null {
  const position = (name: string) => columns.findIndex((c) => c.name === name) + 1;
  const keys = columns
    .filter((c) => c.role === 'time' || c.role === 'dimension')
    .map((c) => position(c.name));
  if (keys.length === 0) return null;
  const time = columns.find((c) => c.role === 'time');
  const parts: string[] = [];
  // "best week", "which month had the most spend": with nothing else grouped, the periods are what is ranked.
  const rankPeriods = Boolean(query.order && time && keys.length === 1);
  if (time && !rankPeriods) parts.push(`${position(time.name)} ASC`);
  if (query.order) {
    const suffix = query.order.by === 'change' ? '_delta' : query.order.by === 'change_pct' ? '_change' : '';
    parts.push(
      `${position(`${query.order.metric}${suffix}`)} ${query.order.direction.toUpperCase()} NULLS LAST`,
    );
  } else if (!time && metrics[0]) {
    const shareColumn = columns.find((c) => c.role === 'share');
    parts.push(`${position(shareColumn?.name ?? metrics[0].name)} DESC NULLS LAST`);
  }
  for (const key of keys) if (!parts.some((p) => p.startsWith(`${key} `))) parts.push(`${key} ASC`);
  return parts.join(', ');
}

/**
 * "average daily spend in October": each bucket's total first, then their mean, with the number
 * of buckets so the answer can say what it averaged over.
 */
function compileAveragePerPeriod(
  query: MetricQuery,
  per: TimeGrain,
  model: SemanticModel,
  options: CompileOptions,
): CompiledQuery {
  const { per: _per, order, limit, ...rest } = query;
  const inner = compileMetricQuery({ ...rest, grain: per }, model, { ...options, maxRows: 100_000 });
  const body = inner.sql.split('\n').filter((line) => !/^(ORDER BY|LIMIT) /.test(line));
  const dims = inner.columns.filter((c) => c.role === 'dimension');
  const select = [
    ...dims.map((c) => `b.${c.name}`),
    ...query.metrics.map((m) => `AVG(b.${m}) AS ${m}`),
    `COUNT(*) AS ${per}s`,
  ];
  const columns: OutputColumn[] = [
    ...dims,
    ...query.metrics.map((m): OutputColumn => ({ name: m, role: 'metric', metric: m })),
    { name: `${per}s`, role: 'periods', metric: query.metrics[0] ?? '' },
  ];
  const lines = [`SELECT ${select.join(', ')}`, `FROM (\n${body.join('\n')}\n) AS b`];
  if (dims.length > 0) lines.push(`GROUP BY ${dims.map((_, i) => i + 1).join(', ')}`);
  const orderBy = order
    ? `${dims.length + query.metrics.indexOf(order.metric) + 1} ${order.direction.toUpperCase()} NULLS LAST`
    : dims.length > 0
      ? `${dims.length + 1} DESC NULLS LAST`
      : null;
  if (orderBy) lines.push(`ORDER BY ${[orderBy, ...dims.map((_, i) => `${i + 1} ASC`)].join(', ')}`);
  lines.push(`LIMIT ${Math.min(limit ?? options.maxRows, options.maxRows)}`);
  return { ...inner, sql: lines.join('\n'), columns };
}
