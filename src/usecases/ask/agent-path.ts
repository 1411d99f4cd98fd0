import { toScoutError } from '../../errors.ts';
import type { Agent } from '../../ports.ts';
import { askViaAgent } from './agent-orchestration.ts';
import type { AskDeps, LlmDeps } from './deps.ts';
import type { AnswerDraft, PathAnswer } from './draft.ts';
import { answerOffline, type OfflineReading } from './offline-path.ts';

/**
 * With ASK_ORCHESTRATOR=agent: a Bedrock Agent plans, Scout runs its function calls. When Bedrock
 * is unavailable the offline engine answers and says so.
 */
export async function answerWithAgent(
  deps: AskDeps,
  draft: AnswerDraft,
  llm: LlmDeps,
  agent: Agent,
  reading: OfflineReading,
): Promise<PathAnswer> {
  const agentStarted = performance.now();
  try {
    const result = await askViaAgent(deps, agent, deps.retriever ?? null, draft.question, {
      sessionId: draft.sessionId ?? `cli-${draft.id}`,
      answerId: draft.id,
      renderChart: draft.renderChart,
      audience: draft.audience,
      ...draft.withDeadline,
    });
    await llm.breaker.recordSuccess();
    draft.timings.modelMs = performance.now() - agentStarted;
    const last = result.lastQuery;
    // A figure the function results do not contain is never shown: fall back to Scout's own narrative.
    const text =
      result.grounded && result.text
        ? result.text
        : (last?.answer ?? 'I could not find a grounded answer to that.');
    return {
      status: result.text || last ? 'answered' : 'clarify',
      path: 'model',
      answer: text,
      screen: {},
      suggestions: [],
      citations: result.citations,
      ...(last
        ? {
            understood: last.understood,
            query: last.query,
            sql: last.sql,
            columns: last.columns,
            rows: last.rows,
            table: last.table,
            chart: last.chart,
          }
        : {}),
    };
  } catch (error) {
    const typed = toScoutError(error);
    if (typed.code !== 'llm_unavailable') throw typed;
    await llm.breaker.recordFailure();
    deps.onError?.(draft.id, error);
    return answerOffline(deps, draft, reading.settled, { degraded: true });
  }
}
