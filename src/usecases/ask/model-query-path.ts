import type { ModelUnderstanding } from '../../domain/llm/metric-query-tool.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { describeQuery } from '../../domain/parser/describe.ts';
import { toScoutError } from '../../errors.ts';
import type { AskDeps, LlmDeps } from './deps.ts';
import { answerModelSearch } from './documents-path.ts';
import type { AnswerDraft, PathAnswer } from './draft.ts';
import { answerModelSql } from './model-sql-path.ts';
import { understandWithModel } from './model-understanding.ts';
import { answerOffline, type OfflineReading } from './offline-path.ts';
import { runMetricQuery } from './run-metric-query.ts';

/**
 * The model fills the metric query (or asks back, searches the documents, or writes SQL outside
 * the semantic model). When Bedrock is unavailable the offline engine answers and says so.
 */
export async function answerWithModel(
  deps: AskDeps,
  draft: AnswerDraft,
  llm: LlmDeps,
  reading: OfflineReading,
): Promise<PathAnswer> {
  const understood = await understand(deps, draft, llm, reading);
  if (understood.kind === 'answer') return understood.answer;
  const understanding = understood.understanding;
  switch (understanding.kind) {
    case 'clarify':
      return {
        status: 'clarify',
        path: 'model',
        answer: understanding.question,
        suggestions: reading.parsed.status === 'clarify' ? reading.parsed.suggestions : [],
      };
    case 'documents':
      return answerModelSearch(deps, draft, understanding.search);
    case 'sql':
      return answerModelSql(deps, draft, llm, understanding);
    case 'query':
      return answerModelQuery(deps, draft, understanding.query);
  }
}

/** The model's understanding, or the answer that stands in when the model cannot give one. */
async function understand(
  deps: AskDeps,
  draft: AnswerDraft,
  llm: LlmDeps,
  reading: OfflineReading,
): Promise<
  { kind: 'understood'; understanding: ModelUnderstanding } | { kind: 'answer'; answer: PathAnswer }
> {
  const modelStarted = performance.now();
  try {
    const result = await understandWithModel(deps, llm, draft.question, draft.previous, draft.signal);
    draft.addCalls(result.calls);
    await llm.breaker.recordSuccess();
    return { kind: 'understood', understanding: result.understanding };
  } catch (error) {
    const typed = toScoutError(error);
    if (typed.code === 'llm_unavailable') {
      await llm.breaker.recordFailure();
      deps.onError?.(draft.id, error);
      return {
        kind: 'answer',
        answer: await answerOffline(deps, draft, reading.settled, { degraded: true }),
      };
    }
    if (typed.code === 'guardrail_intervened')
      return { kind: 'answer', answer: { status: 'refused', answer: typed.userMessage, suggestions: [] } };
    if (typed.code === 'llm_invalid_output')
      return { kind: 'answer', answer: await answerOffline(deps, draft, reading.settled) };
    throw typed;
  } finally {
    draft.timings.modelMs = performance.now() - modelStarted;
  }
}

/** The model's metric query, run like the parser's: the narrative and chart come from the rows alone. */
async function answerModelQuery(deps: AskDeps, draft: AnswerDraft, query: MetricQuery): Promise<PathAnswer> {
  const understood = describeQuery(query, deps.semanticModel, deps.asOf);
  const parts = await runMetricQuery(deps, query, understood, {
    renderChart: draft.renderChart,
    answerId: draft.id,
    audience: draft.audience,
  });
  draft.tookQuery(parts);
  return { status: 'answered', path: 'model', understood, suggestions: [], ...parts, screen: {} };
}
