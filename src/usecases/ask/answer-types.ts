import type { AnswerTable } from '../../domain/answer/narrative.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import type { PersonalDataKind } from '../../domain/privacy/personal-data.ts';
import type { ErrorCode } from '../../errors.ts';
import type { ServedVariant } from '../../llmops/experiments/ports.ts';
import type { BudgetRecord, CacheStatus, GuardrailDecision } from '../../llmops/gateway/types.ts';
import type { CellValue, ChartSpec, LlmCallMeta, ResultColumn } from '../../ports.ts';

export interface Citation {
  title: string;
  source: string;
  excerpt: string;
}

export type AskStatus = 'answered' | 'clarify' | 'refused' | 'error';

export interface AskAnswer {
  id: string;
  /** The question as Scout read, stored and sent it: personal data masked. */
  question: string;
  /** The kinds of personal data that were masked in it. */
  personalData: PersonalDataKind[];
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
  /** Data, documents, or both: the routing decision, recorded. */
  route: 'data' | 'documents' | 'both';
  /** For document answers: computed from retrieval, citation coverage and verification. */
  confidence?: { level: 'high' | 'medium' | 'low'; score: number };
  /** For document answers: each sentence with its citation, and the sources (for audits and the eval). */
  grounding?: {
    sentences: { text: string; citation: number; verified: boolean }[];
    citations: { n: number; kind: 'document' | 'query'; sourceId: string; title: string; source: string }[];
  };
  /** Which engine understood the question: the offline parser, or the model. */
  path: 'offline' | 'model';
  /** A model step failed and the offline engine answered instead (said in the answer). */
  degraded: boolean;
  /** Every model call made for this answer (prompt versions, model ids, tokens, latency). */
  llmCalls: LlmCallMeta[];
  costUsd: number;
  /** Guardrail decisions, kept on the answer record. */
  guardrail?: { id: string; version: string; input?: unknown[]; output?: unknown[] };
  /** Every guardrail check that ran on this answer (local and Bedrock, input and output) and whether it fired. */
  guardrailDecisions?: GuardrailDecision[];
  /** Whether the answer's query result came from the answer cache. */
  cache?: CacheStatus;
  /** The asker's budgets around this answer (held, settled, what is left). */
  budget?: BudgetRecord;
  /** Bedrock prompt caching over this answer's Converse calls. */
  promptCache?: { calls: number; reads: number; writes: number };
  /** Error code for status 'error' (stable, for logs and support). */
  errorCode?: ErrorCode;
  timings: { parseMs: number; modelMs: number; queryMs: number; chartMs: number; totalMs: number };
  /** The prompt variants that served it, where a task runs an experiment or production moved. */
  variants?: ServedVariant[];
  /** The shadow run of a candidate prompt on this request: stored, costed, never posted. */
  shadow?: AskAnswer;
  /** On a shadow answer: the id of the answer it shadowed. */
  shadowOf?: string;
}
