import type { Audience } from '../../domain/audience.ts';
import { answerText, composeGroundedAnswer } from '../../domain/documents/grounded-answer.ts';
import { trustedPassage } from '../../domain/documents/untrusted-text.ts';
import { type VerifiedModelText, verifyModelText } from '../../domain/documents/verify-model-text.ts';
import { metricQuerySchema } from '../../domain/metric-query.ts';
import { describeQuery } from '../../domain/parser/describe.ts';
import { guardSql } from '../../domain/sql/guard.ts';
import { isScoutError } from '../../errors.ts';
import type { Agent, AgentFunctionCall, CellValue, RetrievedChunk, Retriever } from '../../ports.ts';
import { renderDocumentResults, screenExcerpt } from './agent-documents.ts';
import type { Citation } from './answer-types.ts';
import type { AskDeps } from './deps.ts';
import { type QueryAnswerParts, runMetricQuery } from './run-metric-query.ts';

export interface AgentAnswer {
  text: string;
  citations: Citation[];
  /** The last metric query the agent ran: its table and chart go with the answer. */
  lastQuery: (QueryAnswerParts & { understood: string }) | null;
  /**
   * True when `text` is verified: the agent's sentences that a source or a query result supports,
   * or, when none is, Scout's own extractive answer from the documents the agent found.
   */
  grounded: boolean;
  turns: number;
  /** What the check kept and dropped of the agent's own text. */
  verification: VerifiedModelText | null;
  /** The versioned prompts the agent was handed (document results), for the answer record. */
  prompts: { id: string; version: string; hash: string }[];
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
  // Scout's own words about the queries it ran: figures may come from these and the rows only.
  const queryTexts: string[] = [deps.asOf];
  // What the agent was shown of each document: the screened text, never the raw one.
  const sources: { source: string; text: string }[] = [];
  const retrieved: RetrievedChunk[] = [];
  const prompts: AgentAnswer['prompts'] = [];
  let lastQuery: AgentAnswer['lastQuery'] = null;
  let turn = await agent.invoke({ sessionId: options.sessionId, text: question, ...withDeadline });
  for (let turns = 1; ; turns++) {
    if (turn.kind === 'final') return finalAnswer(turn.text, turn.citations, turns);
    if (turns >= maxTurns) {
      return { text: '', citations: [], lastQuery, grounded: false, turns, verification: null, prompts };
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
        const understood = describeQuery(parsed.data, deps.semanticModel, deps.asOf);
        const parts = await runMetricQuery(deps, parsed.data, understood, {
          renderChart: options.renderChart,
          answerId: options.answerId,
          audience: options.audience,
        });
        lastQuery = { ...parts, understood };
        seenRows.push(...(parts.rows ?? []));
        queryTexts.push(understood, parts.answer);
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
        const query = call.parameters.query ?? question;
        const chunks = await retriever.retrieve({ text: query, topK: 5, audience: options.audience });
        return documentResults(query, chunks);
      }
      default:
        return JSON.stringify({ error: `unknown function ${call.function}` });
    }
  }

  /** Document excerpts go to the agent screened and delimited as data, by a versioned prompt. */
  function documentResults(query: string, chunks: RetrievedChunk[]): string {
    const template = deps.llm?.prompts.agentDocuments;
    if (!template) return JSON.stringify({ error: 'document search is not available' });
    const excerpts = chunks.map(screenExcerpt);
    retrieved.push(...chunks);
    sources.push(...excerpts.map((e) => ({ source: e.source, text: e.text })));
    const compiled = renderDocumentResults(template, query, excerpts);
    prompts.push({ id: compiled.id, version: compiled.version, hash: compiled.hash });
    return compiled.text;
  }

  /**
   * The agent's text is posted only as far as it is verified; when nothing of it is, Scout's own
   * extractive answer from the documents the agent retrieved stands in, or nothing does.
   */
  function finalAnswer(text: string, agentCitations: AgentCitations, turns: number): AgentAnswer {
    // The agent's own knowledge-base citations are documents too: screened the same way.
    const cited = agentCitations
      .flatMap((c) => c.sources)
      .map((c) => ({
        ...c,
        excerpt: trustedPassage(c.excerpt, { declaredSources: [c.source] }).text,
      }));
    const evidence = [...sources, ...cited.map((c) => ({ source: c.source, text: c.excerpt }))];
    const verification = verifyModelText(text, { sources: evidence, rows: seenRows, queryTexts });
    const done = { lastQuery, turns, verification, prompts };
    if (verification.kept.length > 0) {
      return {
        ...done,
        text: verification.text,
        // The agent's own attributions, their excerpts screened like every document.
        citations: cited,
        grounded: true,
      };
    }
    const offline = composeGroundedAnswer(question, retrieved, { asOf: deps.asOf, strict: true });
    if (offline.found) {
      const citations = offline.citations.map((c) => ({
        title: `[${c.n}] ${c.title}`,
        source: c.source,
        excerpt: c.excerpt,
      }));
      return { ...done, text: answerText(offline), citations, grounded: true };
    }
    return { ...done, text: '', citations: [], grounded: false };
  }
}

type AgentCitations = Extract<Awaited<ReturnType<Agent['invoke']>>, { kind: 'final' }>['citations'];
