import { chartRequestFor } from '../../domain/answer/chart-request.ts';
import { buildTable, writeNarrative } from '../../domain/answer/narrative.ts';
import type { ResultView } from '../../domain/answer/result-view.ts';
import type { Audience } from '../../domain/audience.ts';
import { buildChartSpec } from '../../domain/charts/chart-spec.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { compileMetricQuery } from '../../domain/sql/compile.ts';
import { guardSql } from '../../domain/sql/guard.ts';
import type { CacheStatus } from '../../llmops/gateway/types.ts';
import type { AskAnswer } from './answer-types.ts';
import { queryThroughCache } from './cached-query.ts';
import type { AskDeps } from './deps.ts';

export type QueryAnswerParts = Pick<
  AskAnswer,
  'answer' | 'query' | 'sql' | 'columns' | 'rows' | 'table' | 'chart'
> & {
  queryMs: number;
  chartMs: number;
  /** Whether the rows came from the answer cache. */
  cache: CacheStatus;
};

/** Compiles, guards and runs a metric query; the narrative and chart come from the rows alone. */
export async function runMetricQuery(
  deps: AskDeps,
  query: MetricQuery,
  understood: string,
  options: {
    renderChart: boolean;
    answerId: string;
    /** Who reads the answer: part of the answer cache's key (without it, the cache is bypassed). */
    audience?: Audience;
  },
): Promise<QueryAnswerParts> {
  const compiled = compileMetricQuery(query, deps.semanticModel, {
    dialect: deps.warehouse.dialect,
    asOf: deps.asOf,
    maxRows: deps.maxRows,
  });
  const sql = guardSql(compiled.sql, { allowlist: deps.allowlist, maxRows: deps.maxRows }).sql;
  const { result, cache } = await queryThroughCache(deps, query, sql, options.audience, (error) =>
    deps.onError?.(options.answerId, error),
  );
  const view: ResultView = { query, compiled, model: deps.semanticModel, rows: result.rows };
  const chartStarted = performance.now();
  const request = chartRequestFor(view, understood);
  const spec = request ? buildChartSpec(request) : null;
  let chart: AskAnswer['chart'] = null;
  if (spec && deps.charts && options.renderChart) {
    try {
      chart = { png: await deps.charts.renderPng(spec), spec };
    } catch (error) {
      // A chart that fails to draw must not cost the user the numbers.
      deps.onError?.(options.answerId, error);
    }
  } else if (spec) {
    chart = { png: new Uint8Array(), spec };
  }
  return {
    answer: writeNarrative(view),
    query,
    sql,
    columns: result.columns,
    rows: result.rows,
    table: buildTable(view),
    chart,
    queryMs: result.elapsedMs,
    chartMs: performance.now() - chartStarted,
    cache,
  };
}
