import type { Agent, AgentTurn, LlmCallMeta } from '../../ports.ts';
import { screenOutputText } from '../guardrails/output-screen.ts';
import { withCallPolicy } from './call-policy.ts';
import { auditFailure, type GatewayScope, maskOutgoing } from './scope.ts';
import type { GuardrailDecision } from './types.ts';

/** About four characters a token: for a turn whose traces report no usage. */
const estimateTokens = (chars: number): number => Math.ceil(chars / 4);

/** A turn as a model call, so the ledger and the record cost it like a Converse call. */
function turnMeta(scope: GatewayScope, sent: string, turn: AgentTurn, latencyMs: number): LlmCallMeta {
  const received = turn.kind === 'final' ? turn.text : JSON.stringify(turn.calls);
  return {
    modelId: scope.options.agentModelId,
    prompt: { id: 'bedrock-agent', version: 'alias', hash: '' },
    usage: {
      inputTokens: turn.usage?.inputTokens ?? estimateTokens(sent.length),
      outputTokens: turn.usage?.outputTokens ?? estimateTokens(received.length),
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    latencyMs,
    stopReason: turn.usage ? turn.kind : `${turn.kind} (tokens estimated)`,
    repaired: false,
  };
}

/** InvokeAgent through the gateway: masked input, the budget, one policy, a screened final text, its cost. */
export function gatewayAgent(scope: GatewayScope, raw: Agent): Agent {
  return {
    async invoke(input) {
      const started = performance.now();
      const decisions: GuardrailDecision[] = [];
      try {
        const masked = maskOutgoing(scope, 'invoke_agent', input.text);
        decisions.push(masked.decision);
        await scope.budget.require();
        const {
          value: turn,
          attempts,
          callMs,
        } = await withCallPolicy((signal) => raw.invoke({ ...input, text: masked.text, signal }), {
          callTimeoutMs: scope.options.callTimeoutMs,
          signal: input.signal,
        });
        const sent = masked.text + JSON.stringify(input.returnResults ?? '');
        const meta = turnMeta(scope, sent, turn, callMs);
        scope.agentCalls.push(meta);
        let screenedTurn = turn;
        if (turn.kind === 'final') {
          const screened = screenOutputText(turn.text);
          const checks = screened.checks.map((c) => ({
            stage: 'output' as const,
            operation: 'invoke_agent' as const,
            ...c,
          }));
          scope.decisions.push(...checks);
          decisions.push(...checks);
          screenedTurn = { ...turn, text: screened.text };
        }
        const costUsd = scope.budget.settleCalls([meta]);
        const latencyMs = performance.now() - started;
        scope.audit({
          operation: 'invoke_agent',
          outcome: 'ok',
          latencyMs,
          overheadMs: Math.max(0, latencyMs - callMs),
          attempts,
          modelId: meta.modelId,
          costUsd,
          decisions,
        });
        return screenedTurn;
      } catch (error) {
        throw auditFailure(scope, 'invoke_agent', started, error, decisions);
      }
    },
  };
}
