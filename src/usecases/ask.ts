import { chartRequestFor } from '../domain/answer/chart-request.ts';
import { type AnswerTable, buildTable, writeNarrative } from '../domain/answer/narrative.ts';
import type { ResultView } from '../domain/answer/result-view.ts';
import { buildChartSpec } from '../domain/charts/chart-spec.ts';
import type { MetricQuery } from '../domain/metric-query.ts';
import { parseInConversation } from '../domain/parser/follow-up.ts';
import type { Lexicon } from '../domain/parser/lexicon.ts';
import type { SemanticModel } from '../domain/semantic/semantic-model.ts';
import { compileMetricQuery } from '../domain/sql/compile.ts';
import { guardSql } from '../domain/sql/guard.ts';
import { isScoutError, toScoutError } from '../errors.ts';
import type { CellValue, ChartRenderer, ChartSpec, ResultColumn, Warehouse } from '../ports.ts';

export interface Citation {
  title: string;
  source: string;
  excerpt: string;
}

export type AskStatus = 'answered' | 'clarify' | 'refused' | 'error';

export interface AskAnswer {
  id: string;
  status: AskStatus;
  /** The text shown to the user. */
  answer: string;
  understood?: string;
  suggestions: string[];
  query?: MetricQuery;
  sql?: string;
  columns?: ResultColumn[];
  rows?: CellValue[][];
  table?: AnswerTable;
  chart: { png: Uint8Array; spec: ChartSpec } | null;
  citations: Citation[];
  /** Which engine answered; the model path arrives with the Bedrock adapters. */
  path: 'offline';
  /** Error code for status 'error' (stable, for logs and support). */
  errorCode?: string;
  timings: { parseMs: number; queryMs: number; chartMs: number; totalMs: number };
}

export interface AskDeps {
  warehouse: Warehouse;
  charts: ChartRenderer | null;
  model: SemanticModel;
  lexicon: Lexicon;
  allowlist: Map<string, Set<string>>;
  asOf: string;
  maxRows: number;
  queryTimeoutMs: number;
  newId: () => string;
  onError?: (id: string, error: unknown) => void;
}

export interface AskOptions {
  /** Skip drawing the chart (the spec is still returned). */
  renderChart?: boolean;
  /** The previous query of the conversation, for follow-ups ("and for video only?"). */
  previous?: MetricQuery | null;
}

/** Answers one question: parse -> compile -> guard -> query -> narrative, table and chart. */
export async function ask(deps: AskDeps, question: string, options: AskOptions = {}): Promise<AskAnswer> {
  const id = deps.newId();
  const started = performance.now();
  const timings = { parseMs: 0, queryMs: 0, chartMs: 0, totalMs: 0 };
  const finish = (
    answer: Omit<AskAnswer, 'id' | 'timings' | 'path' | 'citations' | 'chart'> & Partial<AskAnswer>,
  ) => {
    timings.totalMs = performance.now() - started;
    return { id, path: 'offline' as const, citations: [], chart: null, ...answer, timings };
  };

  const parsed = parseInConversation(
    question,
    { model: deps.model, lexicon: deps.lexicon, asOf: deps.asOf },
    options.previous ?? null,
  );
  timings.parseMs = performance.now() - started;
  if (parsed.status === 'refused')
    return finish({ status: 'refused', answer: parsed.reason, suggestions: [] });
  if (parsed.status === 'clarify') {
    const understood = parsed.understood ? `I understood: ${parsed.understood}. ` : '';
    return finish({
      status: 'clarify',
      answer: `${understood}${parsed.missing}`,
      understood: parsed.understood,
      suggestions: parsed.suggestions,
    });
  }

  const query = parsed.query;
  let sql: string | undefined;
  try {
    const compiled = compileMetricQuery(query, deps.model, {
      dialect: deps.warehouse.dialect,
      asOf: deps.asOf,
      maxRows: deps.maxRows,
    });
    sql = guardSql(compiled.sql, { allowlist: deps.allowlist, maxRows: deps.maxRows }).sql;
    timings.parseMs = performance.now() - started;
    const result = await deps.warehouse.query(sql, { timeoutMs: deps.queryTimeoutMs });
    timings.queryMs = result.elapsedMs;
    const view: ResultView = { query, compiled, model: deps.model, rows: result.rows };
    const chartStarted = performance.now();
    const request = chartRequestFor(view, parsed.understood);
    const spec = request ? buildChartSpec(request) : null;
    let chart: AskAnswer['chart'] = null;
    if (spec && deps.charts && options.renderChart !== false) {
      try {
        chart = { png: await deps.charts.renderPng(spec), spec };
      } catch (error) {
        // A chart that fails to draw must not cost the user the numbers.
        deps.onError?.(id, error);
      }
    } else if (spec) {
      chart = { png: new Uint8Array(), spec };
    }
    timings.chartMs = performance.now() - chartStarted;
    return finish({
      status: 'answered',
      answer: writeNarrative(view),
      understood: parsed.understood,
      suggestions: [],
      query,
      sql,
      columns: result.columns,
      rows: result.rows,
      table: buildTable(view),
      chart,
    });
  } catch (error) {
    const scoutError = toScoutError(error);
    deps.onError?.(id, error);
    if (scoutError.code === 'bad_input') {
      return finish({
        status: 'clarify',
        answer: scoutError.userMessage,
        understood: parsed.understood,
        suggestions: [],
        query,
      });
    }
    return finish({
      status: 'error',
      answer: `${scoutError.userMessage} (reference ${id})`,
      understood: parsed.understood,
      suggestions: [],
      query,
      ...(sql ? { sql } : {}),
      errorCode: isScoutError(error) ? error.code : 'internal',
    });
  }
}
