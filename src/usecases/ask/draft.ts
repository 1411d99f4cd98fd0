import { type Audience, workspaceAudience } from '../../domain/audience.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { maskPersonalData, type PersonalDataKind } from '../../domain/privacy/personal-data.ts';
import type { ScoutError } from '../../errors.ts';
import type { CacheStatus, GuardrailDecision } from '../../llmops/gateway/types.ts';
import type { LlmCallMeta } from '../../ports.ts';
import type { AskAnswer } from './answer-types.ts';
import type { AskDeps, AskOptions } from './deps.ts';

/** What a path decided about the answer; the draft adds the id, the timings, the calls and the cost. */
export type AnswerParts = Pick<AskAnswer, 'status' | 'answer' | 'suggestions'> & Partial<AskAnswer>;

/**
 * A path's answer. `screen` marks text the model wrote or Scout will post from documents: the
 * router passes it through the output guardrail (with the quoted sources, when there are any).
 */
export type PathAnswer = AnswerParts & { screen?: { groundingSource?: string } };

/**
 * One question on its way to an answer: what was asked (masked) and how, and what the answer
 * collects on the way — timings, every model call, the guardrail's decisions. Each step gets it
 * as an argument, so no step shares hidden state with another.
 */
export class AnswerDraft {
  readonly id: string;
  /** The question as Scout reads, stores and sends it: personal data masked. */
  readonly question: string;
  readonly personalData: PersonalDataKind[];
  readonly renderChart: boolean;
  readonly previous: MetricQuery | null;
  readonly audience: Audience;
  readonly sessionId: string | undefined;
  /** One deadline for all model work of this question; each call has its own as well. */
  readonly signal: AbortSignal | undefined;
  readonly timings: AskAnswer['timings'] = { parseMs: 0, modelMs: 0, queryMs: 0, chartMs: 0, totalMs: 0 };
  readonly calls: LlmCallMeta[] = [];
  /** Present whenever a guardrail is configured, filled in as it decides. */
  readonly guardrail: NonNullable<AskAnswer['guardrail']> | undefined;
  /** The local guardrail checks that ran on the question (the gateway and output screen add theirs). */
  readonly decisions: GuardrailDecision[] = [];
  /** The answer cache's verdict on the query the answer shows (bypass until one ran). */
  cache: CacheStatus = 'bypass';
  private readonly started = performance.now();
  private readonly costOf: ((call: LlmCallMeta) => number) | null;

  constructor(deps: AskDeps, asked: string, options: AskOptions = {}) {
    this.id = deps.newId();
    // Personal data never goes further than this: not to the parser, the model, logs or records.
    const { text, kinds } = maskPersonalData(asked);
    this.question = text;
    this.personalData = kinds;
    this.renderChart = options.renderChart !== false;
    this.previous = options.previous ?? null;
    this.audience = options.audience ?? workspaceAudience();
    this.sessionId = options.sessionId;
    const llm = deps.llm ?? null;
    this.signal = llm ? AbortSignal.timeout(llm.questionTimeoutMs) : undefined;
    this.costOf = llm ? llm.costOf : null;
    this.guardrail = llm?.guardrail ? { id: '', version: '' } : undefined;
  }

  /** Spread into a port call that takes the question's deadline. */
  get withDeadline(): { signal?: AbortSignal } {
    return this.signal ? { signal: this.signal } : {};
  }

  /** The parser is done: everything so far (the input guardrail included) counts as parsing. */
  markParsed(): void {
    this.timings.parseMs = performance.now() - this.started;
  }

  addCalls(calls: readonly LlmCallMeta[]): void {
    this.calls.push(...calls);
  }

  /** The warehouse and chart times of the query the answer shows. */
  tookQuery(times: { queryMs: number; chartMs: number; cache?: CacheStatus }): void {
    this.timings.queryMs = times.queryMs;
    this.timings.chartMs = times.chartMs;
    if (times.cache) this.cache = times.cache;
  }

  finish(parts: AnswerParts): AskAnswer {
    const costOf = this.costOf;
    this.timings.totalMs = performance.now() - this.started;
    return {
      id: this.id,
      question: this.question,
      personalData: this.personalData,
      route: 'data',
      path: 'offline',
      degraded: false,
      citations: [],
      chart: null,
      ...parts,
      guardrailDecisions: [...this.decisions, ...(parts.guardrailDecisions ?? [])],
      llmCalls: this.calls,
      costUsd: costOf ? this.calls.reduce((sum, call) => sum + costOf(call), 0) : 0,
      ...(this.guardrail ? { guardrail: this.guardrail } : {}),
      cache: this.cache,
      timings: this.timings,
    };
  }
}

/** An error the answer admits to, with a reference the user can quote to support. */
export function failedAnswer(
  deps: AskDeps,
  draft: AnswerDraft,
  error: ScoutError,
  query?: MetricQuery,
): AnswerParts {
  deps.onError?.(draft.id, error);
  const refused = error.code === 'guardrail_intervened';
  return {
    status: refused ? 'refused' : 'error',
    answer: refused ? error.userMessage : `${error.userMessage} (reference ${draft.id})`,
    suggestions: [],
    ...(query ? { query } : {}),
    errorCode: error.code,
  };
}
