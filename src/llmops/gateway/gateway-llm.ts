import type { Llm, LlmCallMeta, LlmRequest } from '../../ports.ts';
import { screenOutputText } from '../guardrails/output-screen.ts';
import { withCallPolicy } from './call-policy.ts';
import { auditFailure, type GatewayScope, maskOutgoing, routeRequest } from './scope.ts';
import type { GuardrailDecision } from './types.ts';

type Operation = 'converse' | 'converse_stream';

/** Stages 1 and 2: masked user turns, then the budget hold (a call past a budget is not made). */
async function prepare<R extends LlmRequest>(
  scope: GatewayScope,
  operation: Operation,
  request: R,
  decisions: GuardrailDecision[],
): Promise<R> {
  const messages = request.messages.map((m) => {
    if (m.role !== 'user') return m;
    const { text, decision } = maskOutgoing(scope, operation, m.text);
    decisions.push(decision);
    return { ...m, text };
  });
  await scope.budget.require();
  // Stages 3 and 4: the prompt cache point and the tier.
  return routeRequest(scope, { ...request, messages });
}

function promptCacheOf(calls: readonly LlmCallMeta[]): 'read' | 'write' | 'none' {
  if (calls.some((c) => c.usage.cacheReadTokens > 0)) return 'read';
  return calls.some((c) => c.usage.cacheWriteTokens > 0) ? 'write' : 'none';
}

function outputDecisions(
  scope: GatewayScope,
  operation: Operation,
  text: string,
): { text: string; decisions: GuardrailDecision[] } {
  const screened = screenOutputText(text);
  const decisions = screened.checks.map((c) => ({ stage: 'output' as const, operation, ...c }));
  scope.decisions.push(...decisions);
  return { text: screened.text, decisions };
}

/** Stages 7 and 8: every call's cost booked at once, then one audit event. */
async function settleAndAudit(
  scope: GatewayScope,
  operation: Operation,
  routed: LlmRequest,
  calls: readonly LlmCallMeta[],
  timing: { started: number; callMs: number; attempts: number },
  decisions: GuardrailDecision[],
): Promise<void> {
  const costUsd = scope.budget.settleCalls(calls);
  for (const call of calls) {
    scope.promptCache.calls += 1;
    if (call.usage.cacheReadTokens > 0) scope.promptCache.reads += 1;
    else if (call.usage.cacheWriteTokens > 0) scope.promptCache.writes += 1;
  }
  const latencyMs = performance.now() - timing.started;
  scope.audit({
    operation,
    outcome: 'ok',
    latencyMs,
    overheadMs: Math.max(0, latencyMs - timing.callMs),
    attempts: timing.attempts,
    modelId: calls[calls.length - 1]?.modelId ?? '',
    tier: routed.tier,
    prompt: `${routed.system.id}@${routed.system.version}`,
    costUsd,
    promptCache: promptCacheOf(calls),
    decisions,
  });
}

/** Converse and ConverseStream through the gateway. */
export function gatewayLlm(scope: GatewayScope, raw: Llm): Llm {
  const { callTimeoutMs } = scope.options;
  return {
    async callTool(request, validate) {
      const started = performance.now();
      const decisions: GuardrailDecision[] = [];
      try {
        const routed = await prepare(scope, 'converse', request, decisions);
        const {
          value: result,
          attempts,
          callMs,
        } = await withCallPolicy((signal) => raw.callTool({ ...routed, signal }, validate), {
          callTimeoutMs,
          signal: request.signal,
        });
        // Stage 6: structured output is checked by its own schema and its figures downstream;
        // personal data or filtered words in it are recorded here.
        decisions.push(...outputDecisions(scope, 'converse', JSON.stringify(result.value)).decisions);
        await settleAndAudit(
          scope,
          'converse',
          routed,
          result.calls,
          { started, callMs, attempts },
          decisions,
        );
        return result;
      } catch (error) {
        throw auditFailure(scope, 'converse', started, error, decisions);
      }
    },

    async streamText(request, onDelta) {
      const started = performance.now();
      const decisions: GuardrailDecision[] = [];
      try {
        const routed = await prepare(scope, 'converse_stream', request, decisions);
        const {
          value: result,
          attempts,
          callMs,
        } = await withCallPolicy((signal) => raw.streamText({ ...routed, signal }, onDelta), {
          callTimeoutMs,
          signal: request.signal,
        });
        const screened = outputDecisions(scope, 'converse_stream', result.text);
        decisions.push(...screened.decisions);
        await settleAndAudit(
          scope,
          'converse_stream',
          routed,
          [result.meta],
          { started, callMs, attempts },
          decisions,
        );
        return { text: screened.text, meta: result.meta };
      } catch (error) {
        throw auditFailure(scope, 'converse_stream', started, error, decisions);
      }
    },
  };
}
