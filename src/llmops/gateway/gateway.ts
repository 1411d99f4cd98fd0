import { AnswerBudget } from './answer-budget.ts';
import { gatewayAgent } from './gateway-agent.ts';
import { gatewayLlm } from './gateway-llm.ts';
import { gatewayGuardrail, gatewayRetriever } from './gateway-lookups.ts';
import type { GatewayOptions, GatewayScope } from './scope.ts';
import type { ModelGateway, ModelPorts } from './types.ts';

export type { GatewayOptions, RawModelPorts } from './scope.ts';

export function createModelGateway(options: GatewayOptions): ModelGateway {
  return {
    open({ answerId, who }): ModelPorts {
      const scope: GatewayScope = {
        answerId,
        options,
        budget: new AnswerBudget(options.spend, answerId, who, options.costOf),
        decisions: [],
        promptCache: { calls: 0, reads: 0, writes: 0 },
        agentCalls: [],
        audit: (event) => options.onAudit({ answerId, ...event }),
      };
      return {
        llm: gatewayLlm(scope, options.raw.llm),
        agent: options.raw.agent ? gatewayAgent(scope, options.raw.agent) : null,
        guardrail: options.raw.guardrail ? gatewayGuardrail(scope, options.raw.guardrail) : null,
        retriever: options.raw.retriever ? gatewayRetriever(scope, options.raw.retriever) : null,
        reserve: () => scope.budget.reserve(),
        async close() {
          const { record, warning } = await scope.budget.close();
          return {
            decisions: [...scope.decisions],
            budget: record,
            promptCache: { ...scope.promptCache },
            warning,
            agentCalls: [...scope.agentCalls],
          };
        },
      };
    },
  };
}
