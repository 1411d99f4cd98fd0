import type { ModelGateway } from '../../llmops/gateway/types.ts';
import type { Spender } from '../../llmops/ledger/ledger-entry.ts';
import type { AskAnswer } from './answer-types.ts';
import type { AskDeps } from './deps.ts';
import { openSpendSession, type SpendSession } from './spend-session.ts';

/**
 * The model ports of one question. With the gateway (the Bedrock path), every model call of the
 * answer goes through ports the gateway opened for it: the budget is held once, each call is
 * settled as it returns, and closing adds what the gateway decided (guardrail checks, budget
 * state, the agent's turns) to the answer. Without one, the spend session books the calls.
 */
export interface ModelSession extends SpendSession {
  /** The deps the question runs on: the gateway's ports in place of the shared ones. */
  deps: AskDeps;
}

export function openModelSession(deps: AskDeps, answerId: string, who: Spender): ModelSession {
  const gateway: ModelGateway | undefined = deps.llm?.gateway ?? undefined;
  if (!deps.llm || !gateway) return { deps, ...openSpendSession(deps.llm?.spend, who) };
  const ports = gateway.open({ answerId, who });
  const llm = deps.llm;
  const scoped: AskDeps = {
    ...deps,
    llm: { ...llm, client: ports.llm, guardrail: ports.guardrail ?? llm.guardrail },
    agent: ports.agent ?? deps.agent ?? null,
    retriever: ports.retriever ?? deps.retriever ?? null,
  };
  return {
    deps: scoped,
    reserve: () => ports.reserve(),
    async close(answer: AskAnswer): Promise<AskAnswer> {
      const report = await ports.close();
      const agentCost = report.agentCalls.reduce((sum, call) => sum + llm.costOf(call), 0);
      const text = report.warning ? `${answer.answer} ${report.warning}` : answer.answer;
      return {
        ...answer,
        answer: text,
        llmCalls: [...answer.llmCalls, ...report.agentCalls],
        costUsd: answer.costUsd + agentCost,
        guardrailDecisions: [...(answer.guardrailDecisions ?? []), ...report.decisions],
        budget: report.budget,
        promptCache: report.promptCache,
      };
    },
  };
}
