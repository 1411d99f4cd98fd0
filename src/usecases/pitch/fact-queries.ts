import { type MetricQuery, metricQuerySchema } from '../../domain/metric-query.ts';
import type { Fact, FactBook, FactFormat } from '../../domain/pitch/facts.ts';
import type { Quarter } from '../../domain/pitch/program-fit.ts';
import { compileMetricQuery } from '../../domain/sql/compile.ts';
import { sqlString } from '../../domain/sql/dialects.ts';
import { guardSql } from '../../domain/sql/guard.ts';
import type { CellValue } from '../../ports.ts';
import type { PitchDeps } from './pitch-deps.ts';

export type Filters = Record<string, string[]>;

/** A single-figure metric query over one quarter, compiled by the semantic layer. */
export function metricSql(
  deps: PitchDeps,
  metric: string,
  filters: Filters,
  quarter: Quarter,
  compare?: 'previous_period' | 'previous_year',
): string {
  const query: MetricQuery = metricQuerySchema.parse({
    metrics: [metric],
    filters: Object.entries(filters).map(([dimension, values]) => ({ dimension, values })),
    time: { kind: 'quarter', year: quarter.year, quarter: quarter.quarter },
    ...(compare ? { compare: { kind: compare } } : {}),
  });
  return compileMetricQuery(query, deps.semanticModel, {
    dialect: deps.warehouse.dialect,
    asOf: deps.asOf,
    maxRows: deps.maxRows,
  }).sql;
}

/** Puts one column of a statement first (and NULL as 0 when asked), so the fact's value is row 1, column 1. */
export function pick(sql: string, column: string, options: { zeroForNull?: boolean } = {}): string {
  const value = options.zeroForNull ? `COALESCE(q.${column}, 0)` : `q.${column}`;
  return `SELECT ${value} AS ${column} FROM (\n${sql}\n) AS q`;
}

export function programSql(column: string, programId: string): string {
  return `SELECT ${column} FROM programs WHERE program_id = ${sqlString(programId)}`;
}

/** Runs one guarded statement; the guarded text is what the fact records. */
export async function runGuarded(
  deps: Pick<PitchDeps, 'warehouse' | 'allowlist' | 'maxRows' | 'queryTimeoutMs'>,
  sql: string,
): Promise<{ sql: string; rows: CellValue[][] }> {
  const guarded = guardSql(sql, { allowlist: deps.allowlist, maxRows: deps.maxRows }).sql;
  const result = await deps.warehouse.query(guarded, { timeoutMs: deps.queryTimeoutMs });
  return { sql: guarded, rows: result.rows };
}

export interface FactRequest {
  key: string;
  label: string;
  format: FactFormat;
  sql: string;
}

/**
 * Runs every request (in parallel: DuckDB and Athena both overlap them) and adds each non-null
 * result to the book in request order, so fact ids do not depend on which query finished first.
 * Each fact's value is exactly what its own SQL returned.
 */
export async function addQueryFacts(
  deps: PitchDeps,
  book: FactBook,
  requests: FactRequest[],
): Promise<(Fact | null)[]> {
  const results = await Promise.all(requests.map((request) => runGuarded(deps, request.sql)));
  return requests.map((request, i) => {
    const result = results[i];
    const cell = result?.rows[0]?.[0];
    const value = typeof cell === 'number' ? cell : null;
    return book.add(request.key, {
      label: request.label,
      value,
      format: request.format,
      sql: result?.sql ?? null,
      source: `query:q${book.all().length + 1}`,
    });
  });
}
