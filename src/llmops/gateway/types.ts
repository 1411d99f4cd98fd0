import type { Agent, Guardrail, Llm, LlmCallMeta, ModelTier, Retriever } from '../../ports.ts';
import type { Spender } from '../ledger/ledger-entry.ts';
import type { SpendDecision } from '../ledger/spend-gate.ts';

/**
 * The model gateway: every call to Bedrock (Converse, ConverseStream, InvokeAgent,
 * ApplyGuardrail, Retrieve) goes through it, in one order: input guardrails -> budget
 * reservation -> cache -> model routing -> the call (deadline, one retry policy) -> output
 * guardrails -> cost settlement -> audit event. Use cases see only the ports it hands out.
 */

export type GatewayOperation =
  | 'converse'
  | 'converse_stream'
  | 'invoke_agent'
  | 'apply_guardrail'
  | 'retrieve';

/** One guardrail check that ran on a call: which, where, whether it fired (never the text). */
export interface GuardrailDecision {
  stage: 'input' | 'output';
  check: string;
  fired: boolean;
  operation: GatewayOperation | 'answer';
  detail?: string;
}

/** Whether the answer came from the answer cache (bypass: not cacheable, or no cache). */
export type CacheStatus = 'hit' | 'miss' | 'bypass';

/** The budget state of one answer, as the record keeps it. */
export interface BudgetRecord {
  /** `none`: no budget applies; `unchecked`: the ledger could not be reached (the model was not called). */
  state: 'none' | 'ok' | 'warning' | 'blocked' | 'unchecked';
  /** The worst case held before the first model call (0 when nothing was held). */
  reservedUsd: number;
  /** What this answer's calls were booked at. */
  settledUsd: number;
  scopes: { scope: string; limitUsd: number; spentUsd: number; remainingUsd: number }[];
  /** The note or warning the answer carried. */
  note?: string;
}

/** One audit event per gateway call (logged; the answer record keeps their decisions). */
export interface GatewayAuditEvent {
  answerId: string;
  operation: GatewayOperation;
  outcome: 'ok' | 'error' | 'blocked';
  latencyMs: number;
  /** The gateway's own time around the call (the bench's figure). */
  overheadMs: number;
  attempts: number;
  modelId?: string;
  tier?: ModelTier;
  prompt?: string;
  costUsd: number;
  /** Bedrock prompt cache: read from it, wrote to it, or neither. */
  promptCache?: 'read' | 'write' | 'none';
  errorCode?: string;
  decisions: GuardrailDecision[];
}

/** What the gateway says about one answer once its calls are done. */
export interface GatewayReport {
  decisions: GuardrailDecision[];
  budget: BudgetRecord;
  promptCache: { calls: number; reads: number; writes: number };
  /** The 80% warning to add to the answer, or ''. */
  warning: string;
  /** Agent turns costed from their traces (Converse calls are reported by the Llm port). */
  agentCalls: LlmCallMeta[];
}

/** The ports of one answer (one question, pitch or report), all through the gateway. */
export interface ModelPorts {
  llm: Llm;
  agent: Agent | null;
  guardrail: Guardrail | null;
  retriever: Retriever | null;
  /** Holds the answer's worst case against the asker's budgets (once; later calls reuse it). */
  reserve(): Promise<SpendDecision>;
  /** Releases the hold; the calls were settled one by one. */
  close(): Promise<GatewayReport>;
}

export interface GatewayCaller {
  answerId: string;
  who: Spender;
}

export interface ModelGateway {
  open(caller: GatewayCaller): ModelPorts;
}
