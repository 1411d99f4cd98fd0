import { describe, expect, it } from 'vitest';
import { createModelGateway } from '../../src/llmops/gateway/gateway.ts';
import { utcDay } from '../../src/llmops/ledger/budgets.ts';
import { createSpendGate } from '../../src/llmops/ledger/spend-gate.ts';
import type { Agent } from '../../src/ports.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';
import { memorySpendLedger } from '../fakes/spend-ledger.ts';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const question = 'total spend in 2025 pretty please';

/** `ask` on the agent path with the gateway in front of a scripted agent and an in-memory ledger. */
function agentAsk(spentUsd = 0) {
  const invoked: string[] = [];
  const agent: Agent = {
    invoke: async (input) => {
      invoked.push(input.text);
      if (!input.returnResults) {
        const query = JSON.stringify({ metrics: ['spend'], time: { kind: 'year', year: 2025 } });
        return {
          kind: 'return_control',
          invocationId: 'inv-1',
          calls: [{ actionGroup: 'scout', function: 'run_metric_query', parameters: { query } }],
          usage: { inputTokens: 2_000, outputTokens: 100 },
        };
      }
      return {
        kind: 'final',
        text: 'Spend in 2025 was $1.2K.',
        citations: [],
        usage: { inputTokens: 3_000, outputTokens: 50 },
      };
    },
  };
  const memory = memorySpendLedger({ [`user:U1:${utcDay(new Date())}`]: spentUsd });
  const spend = createSpendGate({
    ledger: memory.ledger,
    limits: { userDailyUsd: 1 },
    worstCaseUsd: 0.1,
    holdMs: 60_000,
    guardrailPolicies: [],
    now: () => new Date(),
    onError: () => {},
  });
  const raw = scriptedLlm([]).llm;
  const costOf = (call: { usage: { inputTokens: number; outputTokens: number } }) =>
    (call.usage.inputTokens * 1 + call.usage.outputTokens * 5) / 1e6;
  const gateway = createModelGateway({
    raw: { llm: raw, agent, guardrail: null, retriever: null },
    spend,
    costOf,
    tierOf: () => undefined,
    agentModelId: haiku,
    callTimeoutMs: 5_000,
    onAudit: () => {},
  });
  const deps = offlineAskDeps({ llm: llmDeps({ client: raw, spend, gateway, costOf }), agent });
  const audience = { asker: 'U1', channel: 'C1', readers: null };
  return { invoked, memory, answer: () => ask(deps, question, { audience, sessionId: 's1' }) };
}

describe('ask through the gateway', () => {
  it("books the agent's turns, costs them on the answer and keeps the budget state", async () => {
    const run = agentAsk();
    const answer = await run.answer();
    expect(answer.status).toBe('answered');
    expect(answer.llmCalls.map((c) => [c.modelId, c.usage.inputTokens])).toEqual([
      [haiku, 2_000],
      [haiku, 3_000],
    ]);
    expect(answer.costUsd).toBeCloseTo((5_000 + 150 * 5) / 1e6, 12);
    expect(run.memory.entries.map((e) => e.inputTokens)).toEqual([2_000, 3_000]);
    expect(answer.budget).toMatchObject({ state: 'ok', reservedUsd: 0.1 });
    expect(answer.guardrailDecisions?.map((d) => `${d.stage}:${d.check}:${d.operation}`)).toEqual(
      expect.arrayContaining([
        'input:prompt_injection:answer',
        'input:personal_data:invoke_agent',
        'output:personal_data:invoke_agent',
      ]),
    );
    expect(run.memory.holds(`user:U1:${utcDay(new Date())}`)).toBe(0);
  });

  it('does not call the agent past the budget and answers offline naming it', async () => {
    const run = agentAsk(1);
    const answer = await run.answer();
    expect(run.invoked).toEqual([]);
    expect(answer).toMatchObject({ degraded: true, path: 'offline' });
    expect(answer.answer).toMatch(/SCOUT_BUDGET_USER_DAILY_USD/);
    expect(answer.budget?.state).toBe('blocked');
  });
});
