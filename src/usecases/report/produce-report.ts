import { chartRequestFor } from '../../domain/answer/chart-request.ts';
import type { Audience } from '../../domain/audience.ts';
import { buildChartSpec } from '../../domain/charts/chart-spec.ts';
import { insightRules } from '../../domain/report/insight-rules.ts';
import type { ReportResults } from '../../domain/report/query-results.ts';
import type { ReportChart, ReportDocument } from '../../domain/report/report-document.ts';
import { draftReport } from '../../domain/report/report-draft.ts';
import { reportQueries } from '../../domain/report/report-queries.ts';
import type { ReportRequest } from '../../domain/report/report-request.ts';
import { computeReportStats } from '../../domain/report/report-statistics.ts';
import { compileMetricQuery } from '../../domain/sql/compile.ts';
import { guardSql } from '../../domain/sql/guard.ts';
import { comparisonPeriod, resolvePeriod } from '../../domain/time/resolve-period.ts';
import { isScoutError, retriesSpent, ScoutError, worthRetrying } from '../../errors.ts';
import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type { Retriever } from '../../ports.ts';
import type { AskDeps } from '../ask/deps.ts';
import { phraseInsightsWithModel } from './model-insights.ts';

export const reportStages = ['scope', 'data', 'statistics', 'charts', 'insights', 'draft'] as const;
export type ReportStage = (typeof reportStages)[number];

export interface ReportDeps {
  ask: AskDeps;
  template: PromptTemplate;
  /** With Bedrock: the model phrases the insights (figures verified); null offline. */
  insightsTemplate?: PromptTemplate | null;
  retriever: Retriever | null;
  now: () => Date;
  /** Waits between stage retries (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
  /** Test hook: pause before a stage, to kill a worker mid-report. */
  beforeStage?: (stage: ReportStage) => Promise<void>;
}

export interface ReportProgress {
  stage: ReportStage;
  index: number; // 1-based
  total: number;
}

/**
 * Runs one stage with its own retries: a transient failure that no layer below retried (an
 * Athena query FAILED with AthenaError.Retryable, a Bedrock stream cut short) backs off and
 * retries; what the SDK already retried, and bad input, do not. When the stage gives up, the
 * error is marked `retried`, so no layer above need retry it again.
 */
async function stage<T>(deps: ReportDeps, name: ReportStage, work: () => Promise<T> | T): Promise<T> {
  await deps.beforeStage?.(name);
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!worthRetrying(error)) throw error;
      if (attempt >= 3) throw isScoutError(error) ? retriesSpent(error) : error;
      await (deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(200 * 2 ** attempt);
    }
  }
}

/**
 * The industry report pipeline: scope -> data -> statistics -> charts -> insights -> draft.
 * Deterministic offline; every figure comes from a query result and keeps its query id.
 */
export async function produceReport(
  deps: ReportDeps,
  request: ReportRequest,
  options: {
    reportId: string;
    onProgress?: (progress: ReportProgress) => Promise<void> | void;
    /** Who reads the report where it is posted: only documents they all may see are used. */
    audience: Audience;
  },
): Promise<ReportDocument> {
  const { ask } = deps;
  const period = resolvePeriod(request.time, ask.asOf);
  if (!period)
    throw new ScoutError('bad_input', 'a report needs a period', {
      userMessage: 'A report covers one period, for example Q3 2025.',
    });
  if (period.end < ask.semanticModel.dataRange.start || period.start > ask.semanticModel.dataRange.end) {
    throw new ScoutError('bad_input', `report period ${period.label} is outside the data`, {
      userMessage: `The data covers ${ask.semanticModel.dataRange.start} to ${ask.semanticModel.dataRange.end}; ${period.label} is outside it.`,
    });
  }
  const comparison = comparisonPeriod(period, request.time, request.compare);
  const periodLabel = period.label.replace(/ \(.*\)$/, '');
  const comparisonLabel = comparison.label;
  let index = 0;
  const progress = async (name: ReportStage) => {
    index += 1;
    await options.onProgress?.({ stage: name, index, total: reportStages.length });
  };

  await progress('scope');
  const scope = await stage(deps, 'scope', () =>
    deps.template
      .render({ industry: request.industry, period: periodLabel, comparison: comparisonLabel })
      .text.split('\n')
      .map((line) => line.replace(/^\s*-\s*/, '').trim())
      .filter(Boolean),
  );

  await progress('data');
  const queries = reportQueries(request, period, { period: periodLabel, comparison: comparisonLabel });
  const results = await stage(deps, 'data', async () => {
    const out: ReportResults = {};
    for (const item of queries) {
      const compiled = compileMetricQuery(item.query, ask.semanticModel, {
        dialect: ask.warehouse.dialect,
        asOf: ask.asOf,
        maxRows: ask.maxRows,
      });
      const sql = guardSql(compiled.sql, { allowlist: ask.allowlist, maxRows: ask.maxRows }).sql;
      const result = await ask.warehouse.query(sql, { timeoutMs: ask.queryTimeoutMs });
      out[item.id] = {
        id: item.id,
        question: item.question,
        query: item.query,
        compiled,
        sql,
        rows: result.rows,
        elapsedMs: result.elapsedMs,
      };
    }
    return out;
  });

  await progress('statistics');
  const stats = await stage(deps, 'statistics', () => computeReportStats(results, request.industry));

  await progress('charts');
  const charts = await stage(deps, 'charts', () =>
    renderCharts(deps, results, request.industry, periodLabel),
  );

  await progress('insights');
  const context = { industry: request.industry, period: periodLabel, comparison: comparisonLabel };
  const ruled = await stage(deps, 'insights', () => insightRules(stats, context));
  let insights = ruled;
  let engine = 'offline engine (rules over statistics; no model)';
  const llm = deps.ask.llm;
  if (llm && deps.insightsTemplate && ruled.length > 0) {
    try {
      const phrased = await phraseInsightsWithModel(llm, deps.insightsTemplate, ruled, context);
      insights = phrased.insights;
      engine = `${[...new Set(phrased.calls.map((c) => c.modelId))].join(', ')} (insights phrased by the model, every figure verified)`;
    } catch (error) {
      // The rule-based insights stand; the report says the model was not used.
      engine = `offline engine (degraded: the model was unavailable: ${isScoutError(error) ? error.code : 'error'})`;
    }
  }
  const documents = await stage(deps, 'insights', () =>
    relatedDocuments(deps, request.industry, periodLabel, options.audience),
  );

  await progress('draft');
  return stage(deps, 'draft', () =>
    draftReport({
      id: options.reportId,
      industry: request.industry,
      period: { label: periodLabel, start: period.start, end: period.end },
      comparison: { label: comparisonLabel, start: comparison.start, end: comparison.end },
      asOf: ask.asOf,
      generatedAt: deps.now().toISOString(),
      engine,
      scope,
      results,
      stats,
      insights,
      charts,
      documents,
    }),
  );
}

const chartPlan: {
  id: string;
  queryId: string;
  title: (industry: string, period: string) => string;
  limit?: number;
}[] = [
  { id: 'c-trend', queryId: 'q-trend', title: (i) => `${i}: monthly spend, last twelve months` },
  { id: 'c-channels', queryId: 'q-channels', title: (i, p) => `${i}: spend by channel, ${p} vs comparison` },
  { id: 'c-markets', queryId: 'q-markets', title: (i, p) => `${i}: spend by market, ${p} vs comparison` },
  { id: 'c-brands', queryId: 'q-brands', title: (i, p) => `${i}: top brands by spend, ${p}`, limit: 10 },
  { id: 'c-benchmark', queryId: 'q-benchmark', title: (_i, p) => `CTR by industry, ${p}` },
  { id: 'c-daily', queryId: 'q-daily', title: (i, p) => `${i}: daily spend, ${p}` },
];

async function renderCharts(
  deps: ReportDeps,
  results: ReportResults,
  industry: string,
  period: string,
): Promise<ReportChart[]> {
  const charts: ReportChart[] = [];
  if (!deps.ask.charts) return charts;
  for (const plan of chartPlan) {
    const result = results[plan.queryId];
    if (!result || result.rows.length === 0) continue;
    const title = plan.title(industry, period);
    const view = {
      query: result.query,
      compiled: result.compiled,
      model: deps.ask.semanticModel,
      rows: result.rows.slice(0, plan.limit ?? result.rows.length),
    };
    const request = chartRequestFor(view, title);
    const spec = request ? buildChartSpec(request) : null;
    if (!spec) continue;
    const png = await deps.ask.charts.renderPng(spec);
    charts.push({ id: plan.id, title, png, fileName: `${plan.id}.png`, queryId: plan.queryId });
  }
  return charts;
}

/** Knowledge-base documents about the industry and period, when a knowledge base is there. */
async function relatedDocuments(
  deps: ReportDeps,
  industry: string,
  period: string,
  audience: Audience,
): Promise<ReportDocument['documents']> {
  if (!deps.retriever) return [];
  try {
    const chunks = await deps.retriever.retrieve({
      text: `${industry} ${period} industry brief post-mortem`,
      topK: 6,
      audience,
    });
    const seen = new Set<string>();
    return chunks
      .filter((c) => {
        const industries = Array.isArray(c.metadata.industries) ? (c.metadata.industries as unknown[]) : [];
        return industries.length === 0 || industries.includes(industry);
      })
      .flatMap((c) => {
        const sourceId = String(c.metadata.source_id ?? c.source);
        if (seen.has(sourceId)) return [];
        seen.add(sourceId);
        return [{ sourceId, title: c.title, source: c.source }];
      })
      .slice(0, 4);
  } catch {
    // Documents enrich a report; their absence must not fail it.
    return [];
  }
}
