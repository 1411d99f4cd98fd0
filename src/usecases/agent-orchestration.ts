import { unsupportedFigures } from '../domain/answer/verify-numbers.ts';
import type { Audience } from '../domain/audience.ts';
import { metricQuerySchema } from '../domain/metric-query.ts';
import { describeQuery } from '../domain/parser/describe.ts';
import { guardSql } from '../domain/sql/guard.ts';
import { isScoutError } from '../errors.ts';
import type { Agent, AgentFunctionCall, CellValue, Retriever } from '../ports.ts';
import type { Citation } from './answer-types.ts';
import type { AskDeps } from './ask.ts';
import { type QueryAnswerParts, runMetricQuery } from './run-metric-query.ts';

export interface AgentAnswer {
  text: string;
  citations: Citation[];
  /** The last metric query the agent ran: its table and chart go with the answer. */
  lastQuery: (QueryAnswerParts & { understood: string }) | null;
  /** False when the agent's text stated a figure no function result contained. */
  grounded: boolean;
  turns: number;
}

const maxTurns = 6;

/**
 * Bedrock Agent orchestration with return of control: the agent plans, Scout executes its
 * function calls (metric query, SQL, document search) against its own warehouse and retriever,
 * and sends the results back in the same session until the agent answers.
 */
export async function askViaAgent(
  deps: AskDeps,
  agent: Agent,
  retriever: Retriever | null,
  question: string,
  options: {
    sessionId: string;
    answerId: string;
    renderChart: boolean;
    signal?: AbortSignal;
    /** Who reads the answer: `search_documents` returns only documents they all may see. */
    audience: Audience;
  },
): Promise<AgentAnswer> {
  const withDeadline = options.signal ? { signal: options.signal } : {};
  const seenRows: CellValue[][] = [];
  const seenText: string[] = [];
  let lastQuery: AgentAnswer['lastQuery'] = null;
  let turn = await agent.invoke({ sessionId: options.sessionId, text: question, ...withDeadline });
  for (let turns = 1; ; turns++) {
    if (turn.kind === 'final') {
      const citations = turn.citations.flatMap((c) => c.sources);
      const unsupported = unsupportedFigures(turn.text, seenRows, [...seenText, deps.asOf]);
      return { text: turn.text, citations, lastQuery, grounded: unsupported.length === 0, turns };
    }
    if (turns >= maxTurns) {
      return { text: '', citations: [], lastQuery, grounded: false, turns };
    }
    const results = [];
    for (const call of turn.calls) {
      const body = await execute(call).catch((error: unknown) =>
        JSON.stringify({ error: isScoutError(error) ? error.userMessage : 'the function failed' }),
      );
      results.push({ ...call, body });
    }
    turn = await agent.invoke({
      sessionId: options.sessionId,
      text: question,
      returnResults: { invocationId: turn.invocationId, results },
      ...withDeadline,
    });
  }

  async function execute(call: AgentFunctionCall): Promise<string> {
    switch (call.function) {
      case 'run_metric_query': {
        const parsed = metricQuerySchema.safeParse(JSON.parse(call.parameters.query ?? 'null'));
        if (!parsed.success) return JSON.stringify({ error: 'query does not match the metric query schema' });
        const understood = describeQuery(parsed.data, deps.model, deps.asOf);
        const parts = await runMetricQuery(deps, parsed.data, understood, {
          renderChart: options.renderChart,
          answerId: options.answerId,
        });
        lastQuery = { ...parts, understood };
        seenRows.push(...(parts.rows ?? []));
        seenText.push(parts.answer);
        return JSON.stringify({
          understood,
          columns: parts.columns,
          rows: (parts.rows ?? []).slice(0, 50),
          summary: parts.answer,
        });
      }
      case 'run_sql': {
        const sql = guardSql(call.parameters.sql ?? '', {
          allowlist: deps.allowlist,
          maxRows: deps.maxRows,
        }).sql;
        const result = await deps.warehouse.query(sql, { timeoutMs: deps.queryTimeoutMs });
        seenRows.push(...result.rows);
        return JSON.stringify({ columns: result.columns, rows: result.rows.slice(0, 50) });
      }
      case 'search_documents': {
        if (!retriever) return JSON.stringify({ error: 'no knowledge base is configured' });
        const chunks = await retriever.retrieve({
          text: call.parameters.query ?? question,
          topK: 5,
          audience: options.audience,
        });
        seenText.push(...chunks.map((c) => c.text));
        return JSON.stringify(
          chunks.map((c) => ({ title: c.title, source: c.source, text: c.text.slice(0, 800) })),
        );
      }
      default:
        return JSON.stringify({ error: `unknown function ${call.function}` });
    }
  }
}
