import { type Audience, workspaceAudience } from '../domain/audience.ts';
import { NOT_FOUND_EITHER, nothingToGoOnMessage } from '../domain/documents/messages.ts';
import { looksNonEnglish, routeQuestion, withPlainShorthand } from '../domain/documents/route.ts';
import type { MetricQuery } from '../domain/metric-query.ts';
import { describeQuery } from '../domain/parser/describe.ts';
import { namesMetric, parseInConversation } from '../domain/parser/follow-up.ts';
import type { Lexicon } from '../domain/parser/lexicon.ts';
import { certainOrClarify, type ParseOutcome } from '../domain/parser/parse-question.ts';
import { scanTerms } from '../domain/parser/scan-terms.ts';
import { normalizeText } from '../domain/parser/text.ts';
import { maskPersonalData } from '../domain/privacy/personal-data.ts';
import type { SemanticModel } from '../domain/semantic/semantic-model.ts';
import { isScoutError, type ScoutError, toScoutError } from '../errors.ts';
import { type InputIncident, inputIncident, screenUserInput } from '../llmops/guardrails/input-screen.ts';
import type { Agent, ChartRenderer, LlmCallMeta, Retriever, Warehouse } from '../ports.ts';
import { askViaAgent } from './agent-orchestration.ts';
import { answerFromDocuments } from './answer-documents.ts';
import type { AskAnswer } from './answer-types.ts';
import type { ModelDeps } from './model-deps.ts';
import { understandWithModel } from './model-understanding.ts';
import { runMetricQuery } from './run-metric-query.ts';
import { openSpendSession, type SpendSession } from './spend-session.ts';
import { answerWithSql } from './sql-answer.ts';

export type { AskAnswer, AskStatus, Citation } from './answer-types.ts';

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
  /** The Bedrock path; null on the offline default. */
  ai?: ModelDeps | null;
  /** With ASK_ORCHESTRATOR=agent: a Bedrock Agent plans and Scout runs its function calls. */
  agent?: Agent | null;
  retriever?: Retriever | null;
  onError?: (id: string, error: unknown) => void;
  /** A question the local input guardrail refused (the rule that fired, never the text). */
  onIncident?: (incident: InputIncident) => void;
}

export interface AskOptions {
  /** Skip drawing the chart (the spec is still returned). */
  renderChart?: boolean;
  /** The previous query of the conversation, for follow-ups ("and for video only?"). */
  previous?: MetricQuery | null;
  /** The agent session (one per Slack thread), for ASK_ORCHESTRATOR=agent. */
  sessionId?: string;
  /** Who reads the answer; without it, nobody in particular: internal documents only. */
  audience?: Audience;
  /** The asker's Slack team, for its monthly budget. */
  team?: string;
}

const degradedNote = '_(degraded: answered without the model)_';

/**
 * Answers one question. The offline parser goes first; when it is certain (it placed every
 * word) no tokens are spent. Otherwise the model fills the metric query (or, outside the
 * semantic model, writes guarded SQL). When the model is unavailable, the offline engine
 * answers what it can exactly and says so.
 */
export async function ask(deps: AskDeps, asked: string, options: AskOptions = {}): Promise<AskAnswer> {
  const audience = options.audience ?? workspaceAudience();
  const who = { user: audience.asker, channel: audience.channel, team: options.team ?? null };
  const spend = openSpendSession(deps.ai?.spend, who);
  return spend.close(await answerQuestion(deps, asked, options, spend));
}

async function answerQuestion(
  deps: AskDeps,
  asked: string,
  options: AskOptions,
  spend: SpendSession,
): Promise<AskAnswer> {
  const id = deps.newId();
  // Personal data never goes further than this: not to the parser, the model, logs or records.
  const { text: question, kinds: personalData } = maskPersonalData(asked);
  const started = performance.now();
  const timings = { parseMs: 0, modelMs: 0, queryMs: 0, chartMs: 0, totalMs: 0 };
  const calls: LlmCallMeta[] = [];
  const ai = deps.ai ?? null;
  // One deadline for all model work of this question; each call has its own as well.
  const deadline = ai ? AbortSignal.timeout(ai.questionTimeoutMs) : undefined;
  const withDeadline = deadline ? { signal: deadline } : {};
  // The offline reading of the question, once parsed: what a model failure degrades to.
  let offlineFallback: Exclude<ParseOutcome, { status: 'refused' }> | null = null;
  const guardrailRecord: NonNullable<AskAnswer['guardrail']> | undefined = ai?.guardrail
    ? { id: '', version: '' }
    : undefined;
  const finish = (
    answer: Pick<AskAnswer, 'status' | 'answer' | 'suggestions'> & Partial<AskAnswer>,
  ): AskAnswer => {
    timings.totalMs = performance.now() - started;
    return {
      id,
      question,
      personalData,
      route: 'data',
      path: 'offline',
      degraded: false,
      citations: [],
      chart: null,
      ...answer,
      llmCalls: calls,
      costUsd: ai ? calls.reduce((sum, call) => sum + ai.costOf(call), 0) : 0,
      ...(guardrailRecord ? { guardrail: guardrailRecord } : {}),
      timings,
    };
  };
  const renderChart = options.renderChart !== false;
  const previous = options.previous ?? null;
  const audience = options.audience ?? workspaceAudience();
  // 0. The local input guardrail, always on: injection attempts and denied topics go no further.
  const screen = screenUserInput(question);
  if (screen.verdict !== 'allow') {
    deps.onIncident?.(inputIncident(id, screen));
    return finish({ status: 'refused', answer: screen.reply, suggestions: [] });
  }

  try {
    // 1. Input guardrail before any model call.
    let modelUsable = Boolean(ai);
    if (ai?.guardrail && guardrailRecord) {
      try {
        const verdict = await ai.guardrail.assess({ source: 'INPUT', text: question, ...withDeadline });
        Object.assign(guardrailRecord, verdict.guardrail, { input: verdict.assessments });
        if (verdict.intervened) {
          return finish({
            status: 'refused',
            answer: verdict.outputText || 'I cannot help with that request.',
            suggestions: [],
          });
        }
      } catch (error) {
        deps.onError?.(id, error);
        if (toScoutError(error).code === 'llm_unavailable') await ai.breaker.recordFailure();
        modelUsable = false;
      }
    }

    // 2. The offline parser.
    const offline = parseInConversation(
      withPlainShorthand(question),
      { model: deps.model, lexicon: deps.lexicon, asOf: deps.asOf },
      previous,
    );
    timings.parseMs = performance.now() - started;
    if (offline.status === 'refused')
      return finish({ status: 'refused', answer: offline.reason, suggestions: [] });
    offlineFallback = offline;
    // A figure asked for a measure the data does not hold ("brand lift in 2025") is asked back, not routed on.
    if (offline.status === 'clarify' && offline.unmeasured) return await answerOffline(offline, false);
    const parseContext = { model: deps.model, lexicon: deps.lexicon, asOf: deps.asOf };
    // The knowledge base is in English: a question in another language is read by the parser
    // (which understands the common data words of our markets' languages) or asked back.
    if (looksNonEnglish(question) && !ai) return await answerOffline(offline, false);
    const metricNamed = namesMetric(question, parseContext);
    const routed = routeQuestion(question, {
      parsedAsQuery: offline.status === 'query',
      namesMetric: metricNamed,
      wordsLeftOver: offline.status === 'query' && offline.ignored.length > 0,
    });
    // A probe: the parser cannot place the question and it names no measure, so the knowledge
    // base may hold it. With a model configured, the model makes that choice (search_documents).
    const probing = routed === 'probe' && !ai;
    const route = routed === 'probe' ? (probing ? 'documents' : 'data') : routed;
    if (route !== 'data' && deps.retriever) {
      const dataQuery =
        route === 'both' && offline.status === 'query' ? withPreviousPeriod(offline.query) : null;
      const understood = dataQuery ? describeQuery(dataQuery, deps.model, deps.asOf) : '';
      const parts = await answerFromDocuments(deps, deps.retriever, question, {
        dataQuery,
        understood,
        answerId: id,
        renderChart,
        audience,
        ...(probing
          ? { strict: true, namesMetric: metricNamed, dataWords: dataVocabulary(question, parseContext) }
          : {}),
      });
      const settled = certainOrClarify(offline, parseContext);
      if (probing && parts.status !== 'answered' && settled.status === 'clarify') {
        // The knowledge base was only a guess: the data clarification stands, or, when the parser
        // read nothing either, one message that says so without asking for a measure.
        // Saying the documents were searched too keeps "couldn't find" honest for a topic they lack.
        if (settled.understood) return await answerOffline(offline, false, ` ${NOT_FOUND_EITHER}`);
        return finish({
          status: 'clarify',
          route: 'data',
          answer: nothingToGoOnMessage(),
          suggestions: settled.suggestions,
        });
      }
      if (parts.data) {
        timings.queryMs = parts.data.queryMs;
        timings.chartMs = parts.data.chartMs;
      }
      const {
        answer: _dataNarrative,
        queryMs: _q,
        chartMs: _c,
        ...dataParts
      } = parts.data ?? { answer: '', queryMs: 0, chartMs: 0 };
      return finish({
        status: parts.status,
        route,
        ...(await documentAnswer(parts)),
        ...(understood ? { understood } : {}),
        ...dataParts,
      });
    }
    const certain = offline.status === 'query' && offline.ignored.length === 0;
    if (!ai || certain) return await answerOffline(offline, false);
    if (!modelUsable || !(await ai.breaker.allow())) return await answerOffline(offline, true);
    // Budgets: the worst case is held before the model is called; over a budget, offline, saying which.
    const budget = await spend.reserve(id);
    if (!budget.allowed) return await answerOffline(offline, true, '', budget.note);

    // 3a. A Bedrock Agent orchestrates, Scout runs its function calls.
    if (deps.agent) {
      const agentStarted = performance.now();
      try {
        const result = await askViaAgent(deps, deps.agent, deps.retriever ?? null, question, {
          sessionId: options.sessionId ?? `cli-${id}`,
          answerId: id,
          renderChart,
          audience,
          ...withDeadline,
        });
        await ai.breaker.recordSuccess();
        timings.modelMs = performance.now() - agentStarted;
        const last = result.lastQuery;
        // A figure the function results do not contain is never shown: fall back to Scout's own narrative.
        const text =
          result.grounded && result.text
            ? result.text
            : (last?.answer ?? 'I could not find a grounded answer to that.');
        return finish({
          status: result.text || last ? 'answered' : 'clarify',
          path: 'model',
          answer: await screenOutput(text),
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
        });
      } catch (error) {
        const typed = toScoutError(error);
        if (typed.code !== 'llm_unavailable') throw typed;
        await ai.breaker.recordFailure();
        deps.onError?.(id, error);
        return await answerOffline(offline, true);
      }
    }

    // 3b. The model fills the metric query.
    const modelStarted = performance.now();
    let understanding: Awaited<ReturnType<typeof understandWithModel>>['understanding'];
    try {
      const result = await understandWithModel(deps, ai, question, previous, deadline);
      calls.push(...result.calls);
      understanding = result.understanding;
      await ai.breaker.recordSuccess();
    } catch (error) {
      const typed = toScoutError(error);
      if (typed.code === 'llm_unavailable') {
        await ai.breaker.recordFailure();
        deps.onError?.(id, error);
        return await answerOffline(offline, true);
      }
      if (typed.code === 'guardrail_intervened')
        return finish({ status: 'refused', answer: typed.userMessage, suggestions: [] });
      if (typed.code === 'llm_invalid_output') return await answerOffline(offline, false);
      throw typed;
    } finally {
      timings.modelMs = performance.now() - modelStarted;
    }

    if (understanding.kind === 'clarify') {
      return finish({
        status: 'clarify',
        path: 'model',
        answer: understanding.question,
        suggestions: offline.status === 'clarify' ? offline.suggestions : [],
      });
    }
    if (understanding.kind === 'documents') {
      // The model chose the knowledge base (a tool choice): the same grounded, verified answer.
      if (!deps.retriever) {
        return finish({
          status: 'clarify',
          route: 'documents',
          path: 'model',
          answer: 'That is a question for the knowledge base, which is not set up here.',
          suggestions: [],
        });
      }
      const parts = await answerFromDocuments(deps, deps.retriever, understanding.search, {
        dataQuery: null,
        understood: '',
        answerId: id,
        renderChart,
        audience,
      });
      return finish({
        status: parts.status,
        route: 'documents',
        path: 'model',
        ...(await documentAnswer(parts)),
      });
    }
    if (understanding.kind === 'sql') {
      const sqlAnswer = await answerWithSql(deps, ai, question, understanding.sql, deadline);
      calls.push(...sqlAnswer.calls);
      timings.queryMs = sqlAnswer.result.elapsedMs;
      const narrative = await screenOutput(sqlAnswer.narrative);
      return finish({
        status: 'answered',
        path: 'model',
        answer: narrative,
        understood: understanding.explanation || 'A custom SQL query',
        suggestions: [],
        sql: sqlAnswer.sql,
        columns: sqlAnswer.result.columns,
        rows: sqlAnswer.result.rows,
        table: {
          headers: sqlAnswer.result.columns.map((c) => c.name),
          rows: sqlAnswer.result.rows.map((r) => r.map((v) => (v === null ? 'n/a' : String(v)))),
        },
      });
    }
    const understood = describeQuery(understanding.query, deps.model, deps.asOf);
    const parts = await runMetricQuery(deps, understanding.query, understood, { renderChart, answerId: id });
    timings.queryMs = parts.queryMs;
    timings.chartMs = parts.chartMs;
    return finish({
      status: 'answered',
      path: 'model',
      understood,
      suggestions: [],
      ...parts,
      answer: await screenOutput(parts.answer),
    });
  } catch (error) {
    const typed = toScoutError(error);
    // Bedrock failed (or ran out of time) after the model path was chosen: the offline answer, said so.
    if (typed.code === 'llm_unavailable' && ai && offlineFallback) {
      await ai.breaker.recordFailure();
      deps.onError?.(id, typed);
      return await answerOffline(offlineFallback, true);
    }
    return failure(typed);
  }

  /** The offline engine's answer; `degraded` when it stands in for an unavailable model. */
  async function answerOffline(
    parsed: Exclude<ParseOutcome, { status: 'refused' }>,
    degraded: boolean,
    /** Appended to a clarification only (a note that the documents were searched as well). */
    clarifyNote = '',
    /** Why the model was not used, when it was not (an outage by default). */
    degradedReason = degradedNote,
  ): Promise<AskAnswer> {
    const note = degraded ? ` ${degradedReason}` : '';
    const parseContext = { model: deps.model, lexicon: deps.lexicon, asOf: deps.asOf };
    parsed = certainOrClarify(parsed, parseContext) as typeof parsed;
    if (parsed.status === 'clarify') {
      const understood = parsed.understood ? `I understood: ${parsed.understood}. ` : '';
      return finish({
        status: 'clarify',
        degraded,
        answer: `${understood}${parsed.missing}${clarifyNote}${note}`,
        understood: parsed.understood,
        suggestions: parsed.suggestions,
      });
    }
    try {
      const parts = await runMetricQuery(deps, parsed.query, parsed.understood, {
        renderChart,
        answerId: id,
      });
      timings.queryMs = parts.queryMs;
      timings.chartMs = parts.chartMs;
      const readings = parsed.readings.length > 0 ? ` (I ${parsed.readings.join('; ')}.)` : '';
      return finish({
        status: 'answered',
        degraded,
        understood: parsed.understood,
        suggestions: [],
        ...parts,
        answer: `${parts.answer}${readings}${note}`,
      });
    } catch (error) {
      const typed = toScoutError(error);
      if (typed.code === 'bad_input')
        return finish({
          status: 'clarify',
          answer: typed.userMessage,
          understood: parsed.understood,
          suggestions: [],
          query: parsed.query,
        });
      return failure(typed, parsed.query);
    }
  }

  /** The parts of an answer that come from documents: text (screened), citations, grounding. */
  async function documentAnswer(parts: Awaited<ReturnType<typeof answerFromDocuments>>) {
    return {
      // With a guardrail, its contextual grounding check sees the quoted sources.
      answer: await screenOutput(parts.answer, parts.citations.map((c) => c.excerpt).join('\n')),
      suggestions: [],
      citations: parts.citations,
      confidence: { level: parts.grounded.confidence, score: parts.grounded.confidenceScore },
      grounding: {
        sentences: parts.grounded.sentences,
        citations: parts.grounded.citations.map(({ n, kind, sourceId, title, source }) => ({
          n,
          kind,
          sourceId,
          title,
          source,
        })),
      },
    };
  }

  /** The output guardrail on text the model wrote or Scout will post, when one is configured. */
  async function screenOutput(text: string, groundingSource?: string): Promise<string> {
    if (!ai?.guardrail || !guardrailRecord) return text;
    const verdict = await ai.guardrail.assess({
      source: 'OUTPUT',
      text,
      query: question,
      ...withDeadline,
      ...(groundingSource ? { groundingSource: groundingSource.slice(0, 100_000) } : {}),
    });
    guardrailRecord.output = verdict.assessments;
    return verdict.intervened ? verdict.outputText || 'I cannot share that answer.' : text;
  }

  function failure(error: ScoutError, query?: MetricQuery): AskAnswer {
    deps.onError?.(id, error);
    return finish({
      status: error.code === 'guardrail_intervened' ? 'refused' : 'error',
      answer:
        error.code === 'guardrail_intervened' ? error.userMessage : `${error.userMessage} (reference ${id})`,
      suggestions: [],
      ...(query ? { query } : {}),
      errorCode: isScoutError(error) ? error.code : 'internal',
    });
  }
}

/** The words of a question that the semantic model owns as dimension names ("market", "advertisers"). */
function dataVocabulary(question: string, ctx: Parameters<typeof namesMetric>[1]): string[] {
  return scanTerms(normalizeText(question), question, ctx.lexicon).matches.flatMap((m) =>
    m.entry.kind === 'dimension' ? [m.entry.phrase] : [],
  );
}

/** A "why" about a period compares it with the one before, so the move itself is shown. */
function withPreviousPeriod(query: MetricQuery): MetricQuery {
  if (query.compare || query.grain || query.time.kind === 'all' || query.share) return query;
  return { ...query, compare: { kind: 'previous_period' } };
}
