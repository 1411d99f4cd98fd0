import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import type { Agent } from '../../src/ports.ts';
import { answerWithAgent } from '../../src/usecases/ask/agent-path.ts';
import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { readOffline } from '../../src/usecases/ask/offline-path.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { breakerFake, llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

const question = 'total spend in 2025 pretty please';

async function viaAgent(agent: Agent, overrides: Partial<AskDeps> = {}) {
  const breaker = breakerFake();
  const llm = llmDeps({ client: scriptedLlm([]).llm, breaker: breaker.breaker });
  const deps = offlineAskDeps({ llm, agent, ...overrides });
  const draft = new AnswerDraft(deps, question, { sessionId: 'C1:1700.1' });
  const reading = readOffline(deps, draft);
  if ('refused' in reading) throw new Error(reading.refused);
  return { breaker, deps, draft, answer: await answerWithAgent(deps, draft, llm, agent, reading) };
}

describe('the agent path', () => {
  it("runs the agent's metric query itself and keeps its table, in the thread's session", async () => {
    const sessions: string[] = [];
    const agent: Agent = {
      invoke: async (input) => {
        sessions.push(input.sessionId);
        if (!input.returnResults) {
          const query = JSON.stringify({ metrics: ['spend'], time: { kind: 'year', year: 2025 } });
          return {
            kind: 'return_control',
            invocationId: 'inv-1',
            calls: [{ actionGroup: 'scout', function: 'run_metric_query', parameters: { query } }],
          };
        }
        return { kind: 'final', text: 'Spend in 2025 was $1.2K.', citations: [] };
      },
    };
    const { answer, breaker, deps } = await viaAgent(agent);
    expect(answer).toMatchObject({ status: 'answered', path: 'model', rows: [[1234.5]] });
    expect(answer.screen).toBeDefined();
    expect(deps.warehouse.sql).toHaveLength(1);
    expect(sessions).toEqual(['C1:1700.1', 'C1:1700.1']);
    expect(breaker.events).toEqual(['success']);
  });

  it('falls back to the offline engine, degraded, when Bedrock is unavailable', async () => {
    const agent: Agent = {
      invoke: async () => {
        throw new ScoutError('llm_unavailable', 'ServiceUnavailable', { retryable: true });
      },
    };
    const { answer, breaker } = await viaAgent(agent);
    expect(answer).toMatchObject({ degraded: true });
    expect(answer.path).toBeUndefined();
    expect(breaker.events).toEqual(['failure']);
  });

  it('says it found no grounded answer when the agent ends with nothing Scout can verify', async () => {
    const agent: Agent = { invoke: async () => ({ kind: 'final', text: '', citations: [] }) };
    const { answer } = await viaAgent(agent);
    expect(answer).toMatchObject({
      status: 'clarify',
      answer: 'I could not find a grounded answer to that.',
    });
  });
});
