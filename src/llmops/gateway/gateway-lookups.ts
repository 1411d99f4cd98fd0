import { ScoutError } from '../../errors.ts';
import type { Guardrail, Retriever } from '../../ports.ts';
import { withCallPolicy } from './call-policy.ts';
import { auditFailure, type GatewayScope, maskOutgoing } from './scope.ts';
import type { GatewayOperation, GuardrailDecision } from './types.ts';

/** The policy, timing and audit event every lookup shares. */
async function audited<T>(
  scope: GatewayScope,
  operation: GatewayOperation,
  outer: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
  after: (value: T) => Promise<{ decisions: GuardrailDecision[] }>,
  before: GuardrailDecision[] = [],
): Promise<T> {
  const started = performance.now();
  try {
    const { value, attempts, callMs } = await withCallPolicy(run, {
      callTimeoutMs: scope.options.callTimeoutMs,
      signal: outer,
    });
    const { decisions } = await after(value);
    const latencyMs = performance.now() - started;
    scope.audit({
      operation,
      outcome: 'ok',
      latencyMs,
      overheadMs: Math.max(0, latencyMs - callMs),
      attempts,
      costUsd: 0,
      decisions: [...before, ...decisions],
    });
    return value;
  } catch (error) {
    throw auditFailure(scope, operation, started, error, before);
  }
}

/**
 * ApplyGuardrail through the gateway: it is itself a guardrail, so it needs no budget hold, but
 * its text units are booked, and its verdict is a decision on the record.
 */
export function gatewayGuardrail(scope: GatewayScope, raw: Guardrail): Guardrail {
  return {
    assess(input) {
      return audited(
        scope,
        'apply_guardrail',
        input.signal,
        (signal) => raw.assess({ ...input, signal }),
        async (verdict) => {
          scope.budget.settleGuardrail(input.text);
          const decision: GuardrailDecision = {
            stage: input.source === 'INPUT' ? 'input' : 'output',
            check: 'bedrock_guardrail',
            fired: verdict.intervened,
            operation: 'apply_guardrail',
          };
          scope.decisions.push(decision);
          return { decisions: [decision] };
        },
      );
    },
  };
}

/** Retrieve (Bedrock Knowledge Bases) through the gateway: the query masked, the call audited. */
export function gatewayRetriever(scope: GatewayScope, raw: Retriever): Retriever {
  return {
    retrieve(query) {
      const masked = maskOutgoing(scope, 'retrieve', query.text);
      return audited(
        scope,
        'retrieve',
        undefined,
        // The Retriever port has no deadline of its own: the gateway's ends a hung lookup.
        (signal) => raceAbort(raw.retrieve({ ...query, text: masked.text }), signal),
        async () => ({ decisions: [] }),
        [masked.decision],
      );
    },
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(
        new ScoutError('retriever_failed', 'document search passed its deadline', {
          cause: signal.reason,
          retryable: true,
          retried: true,
          userMessage: 'Document search is not answering just now.',
        }),
      );
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
