import { z } from 'zod';
import { unsupportedFigures } from '../../domain/answer/verify-numbers.ts';
import { guardSql } from '../../domain/sql/guard.ts';
import { isScoutError, ScoutError } from '../../errors.ts';
import type { LlmCallMeta, QueryResult } from '../../ports.ts';
import type { AskDeps, LlmDeps } from './deps.ts';
import type { AnswerDraft, PathAnswer } from './draft.ts';
import { withSentPrompts } from './sent-prompts.ts';

/** The run_sql tool of the repair turn; its description is the versioned prompt `run-sql-tool`. */
const runSqlTool = (description: string) => ({
  name: 'run_sql',
  description,
  inputSchema: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] },
});
const runSqlInput = z.object({ sql: z.string().min(1).max(20_000) });

export interface SqlAnswer {
  sql: string;
  result: QueryResult;
  narrative: string;
  calls: LlmCallMeta[];
  repairs: number;
}

/** The model wrote SQL for a question the semantic model cannot express: guarded, run, narrated. */
export async function answerModelSql(
  deps: AskDeps,
  draft: AnswerDraft,
  llm: LlmDeps,
  written: { sql: string; explanation: string },
): Promise<PathAnswer> {
  const sqlAnswer = await answerWithSql(deps, llm, draft.question, written.sql, draft.signal);
  draft.addCalls(sqlAnswer.calls);
  draft.timings.queryMs = sqlAnswer.result.elapsedMs;
  return {
    status: 'answered',
    path: 'model',
    answer: sqlAnswer.narrative,
    screen: {},
    understood: written.explanation || 'A custom SQL query',
    suggestions: [],
    sql: sqlAnswer.sql,
    columns: sqlAnswer.result.columns,
    rows: sqlAnswer.result.rows,
    table: {
      headers: sqlAnswer.result.columns.map((c) => c.name),
      rows: sqlAnswer.result.rows.map((r) => r.map((v) => (v === null ? 'n/a' : String(v)))),
    },
  };
}

/**
 * Free-form SQL from the model (for questions outside the semantic model): it must pass the
 * SQL guard, is dry-run where the engine can explain it, and is repaired at most twice from
 * the engine's own error message. The narrative states only figures found in the result.
 */
export async function answerWithSql(
  deps: AskDeps,
  llm: LlmDeps,
  question: string,
  firstSql: string,
  signal?: AbortSignal,
): Promise<SqlAnswer> {
  const calls: LlmCallMeta[] = [];
  const withDeadline = signal ? { signal } : {};
  let sql = firstSql;
  for (let repairs = 0; ; repairs++) {
    try {
      const guarded = guardSql(sql, { allowlist: deps.allowlist, maxRows: deps.maxRows }).sql;
      if (deps.warehouse.explain) await deps.warehouse.explain(guarded);
      const result = await deps.warehouse.query(guarded, { timeoutMs: deps.queryTimeoutMs });
      const narrative = await narrate(deps, llm, { question, result, calls, ...withDeadline });
      return { sql: guarded, result, narrative, calls, repairs };
    } catch (error) {
      const repairable =
        isScoutError(error) && (error.code === 'sql_rejected' || error.code === 'query_failed');
      if (!repairable || repairs >= 2) throw error;
      const prompt = llm.prompts.sqlRepair.render({ sql, error: error.message.slice(0, 2000) });
      const toolText = llm.prompts.runSqlTool.render({});
      const repaired = await llm.client.callTool(
        {
          tier: prompt.tier,
          system: prompt,
          messages: [{ role: 'user', text: question }],
          tool: runSqlTool(toolText.text),
          ...withDeadline,
        },
        (input) => {
          const parsed = runSqlInput.safeParse(input);
          return parsed.success
            ? { ok: true, value: parsed.data.sql }
            : { ok: false, error: 'provide {"sql": "<one SELECT>"}' };
        },
      );
      calls.push(...withSentPrompts(repaired.calls, [toolText]));
      sql = repaired.value;
    }
  }
}

async function narrate(
  deps: AskDeps,
  llm: LlmDeps,
  input: { question: string; result: QueryResult; calls: LlmCallMeta[]; signal?: AbortSignal },
): Promise<string> {
  const { question, result, calls } = input;
  const fallback = `The query returned ${result.rows.length} row${result.rows.length === 1 ? '' : 's'}; the figures are in the table.`;
  if (result.rows.length === 0) return 'The query returned no rows.';
  const payload = JSON.stringify({
    columns: result.columns.map((c) => c.name),
    rows: result.rows.slice(0, 50),
  });
  const prompt = llm.prompts.narrative.render({
    question,
    result_json: payload,
    period: `data as of ${deps.asOf}`,
  });
  try {
    const written = await llm.client.streamText({
      tier: prompt.tier,
      system: prompt,
      messages: [{ role: 'user', text: question }],
      maxTokens: 400,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    calls.push(written.meta);
    // A figure the result does not contain is never shown as fact.
    if (unsupportedFigures(written.text, result.rows, [deps.asOf]).length > 0) return fallback;
    return written.text.trim() || fallback;
  } catch (error) {
    if (isScoutError(error) && error.code === 'guardrail_intervened') throw error;
    if (error instanceof ScoutError && error.code === 'llm_unavailable') {
      // The figures are already in the table; the failed call still counts against Bedrock.
      await llm.breaker.recordFailure();
      return fallback;
    }
    throw error;
  }
}
