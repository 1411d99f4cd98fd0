import { maskPersonalData } from '../../domain/privacy/personal-data.ts';
import type { Agent, Guardrail, Llm, LlmCallMeta, LlmRequest, ModelTier, Retriever } from '../../ports.ts';
import type { SpendGate } from '../ledger/spend-gate.ts';
import type { AnswerBudget } from './answer-budget.ts';
import { CallFailed } from './call-policy.ts';
import type { GatewayAuditEvent, GuardrailDecision } from './types.ts';

/** The Bedrock adapters the gateway is the only caller of. */
export interface RawModelPorts {
  llm: Llm;
  agent: Agent | null;
  guardrail: Guardrail | null;
  retriever: Retriever | null;
}

export interface GatewayOptions {
  raw: RawModelPorts;
  spend: SpendGate | null;
  costOf: (call: LlmCallMeta) => number;
  /** The tier a prompt's front matter sets, when the registry has that version. */
  tierOf: (prompt: { id: string; version: string }) => ModelTier | undefined;
  /** The model behind the Bedrock Agent, for costing its turns. */
  agentModelId: string;
  callTimeoutMs: number;
  onAudit: (event: GatewayAuditEvent) => void;
}

/** What every wrapped call shares within one answer. */
export interface GatewayScope {
  answerId: string;
  options: GatewayOptions;
  budget: AnswerBudget;
  decisions: GuardrailDecision[];
  promptCache: { calls: number; reads: number; writes: number };
  agentCalls: LlmCallMeta[];
  audit(event: Omit<GatewayAuditEvent, 'answerId'>): void;
}

/** Stage 1 of every call: personal data in what a person wrote is masked before it is sent. */
export function maskOutgoing(
  scope: GatewayScope,
  operation: GatewayAuditEvent['operation'],
  text: string,
): { text: string; decision: GuardrailDecision } {
  const masked = maskPersonalData(text);
  const fired = masked.kinds.length > 0;
  const decision: GuardrailDecision = {
    stage: 'input',
    check: 'personal_data',
    fired,
    operation,
    ...(fired ? { detail: masked.kinds.join(',') } : {}),
  };
  scope.decisions.push(decision);
  return { text: masked.text, decision };
}

/** Stage 4: the prompt's front matter decides the tier; a long system prompt gets a cache point. */
export function routeRequest<R extends LlmRequest>(scope: GatewayScope, request: R): R {
  const tier = scope.options.tierOf(request.system) ?? request.tier;
  const cacheSystem = request.cacheSystem ?? request.system.text.length >= MIN_CACHEABLE_CHARS;
  return { ...request, tier, cacheSystem };
}

/**
 * Bedrock caches a prefix of at least 1,024 tokens (2,048 on Haiku); about four characters a
 * token. A shorter system prompt gets no cache point (it would be ignored).
 */
export const MIN_CACHEABLE_CHARS = 4_096;

/**
 * The audit event of a call that did not return: an error from the call (after the policy), or a
 * call the gateway itself stopped (a budget). Returns what the caller should throw.
 */
export function auditFailure(
  scope: GatewayScope,
  operation: GatewayAuditEvent['operation'],
  started: number,
  error: unknown,
  decisions: GuardrailDecision[],
): unknown {
  const failed = error instanceof CallFailed ? error : null;
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'internal';
  scope.audit({
    operation,
    outcome: failed ? 'error' : 'blocked',
    latencyMs: performance.now() - started,
    overheadMs: 0,
    attempts: failed?.attempts ?? 0,
    costUsd: 0,
    decisions,
    errorCode: failed ? failed.error.code : code,
  });
  return failed ? failed.error : error;
}
