import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import type { Agent, Guardrail } from '../../src/ports.ts';
import { type AskDeps, ask } from '../../src/usecases/ask/ask.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { breakerFake, llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

function deps(overrides: Partial<AskDeps> = {}) {
  return offlineAskDeps(overrides);
}

const modelQuery = { query: { metrics: ['spend'], time: { kind: 'year', year: 2025 } } };
const uncertain = 'total spend in 2025 pretty please';

describe('ask on the Bedrock path', () => {
  it('spends no tokens when the offline parser is certain', async () => {
    const script = scriptedLlm([modelQuery]);
    const answer = await ask(deps({ llm: llmDeps({ client: script.llm }) }), 'total spend in 2025');
    expect(answer).toMatchObject({ status: 'answered', path: 'offline', llmCalls: [], costUsd: 0 });
    expect(script.requests).toHaveLength(0);
  });

  it('asks the model when the parser skipped words, and records model, prompt and cost', async () => {
    const script = scriptedLlm([modelQuery]);
    const d = deps({ llm: llmDeps({ client: script.llm }) });
    const answer = await ask(d, uncertain);
    expect(answer).toMatchObject({ status: 'answered', path: 'model', degraded: false, costUsd: 0.001 });
    expect(answer.llmCalls[0]?.prompt.id).toBe('metric-query');
    expect(script.requests[0]?.cacheSystem).toBe(true);
    expect(d.warehouse.sql[0]).toContain("DATE '2025-01-01'");
  });

  it('falls back to the offline engine, and says so, when Bedrock is unavailable', async () => {
    const breaker = breakerFake();
    const script = scriptedLlm([
      new ScoutError('llm_unavailable', 'ThrottlingException', { retryable: true }),
    ]);
    const answer = await ask(
      deps({ llm: llmDeps({ client: script.llm, breaker: breaker.breaker }) }),
      uncertain,
    );
    // Alone, the offline engine never answers past a word it could not place: it names the word.
    expect(answer).toMatchObject({ status: 'clarify', path: 'offline', degraded: true });
    expect(answer.answer).toMatch(/"pretty"/);
    expect(answer.answer).toContain('degraded: answered without the model');
    expect(breaker.events).toEqual(['failure']);
  });

  it('does not call the model while the shared circuit is open', async () => {
    const script = scriptedLlm([modelQuery]);
    const answer = await ask(
      deps({ llm: llmDeps({ client: script.llm, breaker: breakerFake(false).breaker }) }),
      uncertain,
    );
    expect(answer.degraded).toBe(true);
    expect(script.requests).toHaveLength(0);
  });

  it('refuses, before any model call, when the input guardrail intervenes', async () => {
    const script = scriptedLlm([modelQuery]);
    const guardrail: Guardrail = {
      assess: async () => ({
        intervened: true,
        outputText: 'Sorry, I cannot discuss that.',
        guardrail: { id: 'g1', version: '2' },
        assessments: [{ topicPolicy: {} }],
      }),
    };
    const answer = await ask(deps({ llm: llmDeps({ client: script.llm, guardrail }) }), uncertain);
    expect(answer).toMatchObject({
      status: 'refused',
      answer: 'Sorry, I cannot discuss that.',
      guardrail: { id: 'g1', version: '2' },
    });
    expect(script.requests).toHaveLength(0);
  });

  it("passes the model's clarification through", async () => {
    const script = scriptedLlm([{ clarify: 'Which market do you mean?' }]);
    const answer = await ask(
      deps({ llm: llmDeps({ client: script.llm }) }),
      'spend in the northern markets lately whatever',
    );
    expect(answer).toMatchObject({ status: 'clarify', path: 'model', answer: 'Which market do you mean?' });
  });

  it('reports an access-denied model clearly as an error, without degrading silently', async () => {
    const script = scriptedLlm([
      new ScoutError('llm_rejected', 'AccessDeniedException', {
        userMessage: 'Scout is not allowed to use the configured model (access denied).',
      }),
    ]);
    const answer = await ask(deps({ llm: llmDeps({ client: script.llm }) }), uncertain);
    expect(answer.status).toBe('error');
    expect(answer.answer).toMatch(/access denied/);
    expect(answer.errorCode).toBe('llm_rejected');
  });

  it('runs model SQL through the guard and repairs it from the engine error', async () => {
    const script = scriptedLlm([
      { sql: 'SELECT secret FROM ad_performance_daily', explanation: 'custom' },
      { sql: 'SELECT SUM(spend_usd) AS value FROM ad_performance_daily' },
    ]);
    const d = deps({ llm: llmDeps({ client: script.llm }) });
    const answer = await ask(d, uncertain.replace('total spend', 'the weirdest figure you can compute'));
    expect(answer).toMatchObject({ status: 'answered', path: 'model' });
    expect(answer.sql).toContain('SUM(spend_usd)');
    expect(d.warehouse.sql).toHaveLength(1);
    expect(answer.answer).toBe('The total was 1234.5.');
  });

  it('drops a model narrative that states a figure the result does not contain', async () => {
    const script = scriptedLlm(
      [{ sql: 'SELECT SUM(spend_usd) AS value FROM ad_performance_daily' }],
      'The total was 9999.',
    );
    const answer = await ask(
      deps({ llm: llmDeps({ client: script.llm }) }),
      'the weirdest figure you can compute pretty please',
    );
    expect(answer.answer).toBe('The query returned 1 row; the figures are in the table.');
  });
});

describe('ask with a Bedrock Agent (return of control)', () => {
  it("runs the agent's metric query itself and keeps a grounded answer with citations", async () => {
    const sent: unknown[] = [];
    const agent: Agent = {
      async invoke(input) {
        sent.push(input);
        if (!input.returnResults) {
          return {
            kind: 'return_control',
            invocationId: 'inv-1',
            calls: [
              {
                actionGroup: 'scout',
                function: 'run_metric_query',
                parameters: { query: JSON.stringify(modelQuery.query) },
              },
            ],
          };
        }
        return {
          kind: 'final',
          text: 'Spend in 2025 was $1,234.50.',
          citations: [
            { text: 'Spend', sources: [{ title: 'Brief', source: 's3://kb/brief.md', excerpt: 'x' }] },
          ],
        };
      },
    };
    const answer = await ask(deps({ llm: llmDeps({ client: scriptedLlm([]).llm }), agent }), uncertain, {
      sessionId: 'C1:1700.1',
    });
    expect(answer).toMatchObject({
      status: 'answered',
      path: 'model',
      answer: 'Spend in 2025 was $1,234.50.',
    });
    expect(answer.citations).toEqual([{ title: 'Brief', source: 's3://kb/brief.md', excerpt: 'x' }]);
    expect(sent[1]).toMatchObject({ sessionId: 'C1:1700.1', returnResults: { invocationId: 'inv-1' } });
  });

  it("replaces an agent answer with an unsupported figure by Scout's own narrative", async () => {
    const agent: Agent = {
      async invoke(input) {
        if (!input.returnResults)
          return {
            kind: 'return_control',
            invocationId: 'i',
            calls: [
              {
                actionGroup: 'scout',
                function: 'run_metric_query',
                parameters: { query: JSON.stringify(modelQuery.query) },
              },
            ],
          };
        return { kind: 'final', text: 'Spend in 2025 was $5 million.', citations: [] };
      },
    };
    const answer = await ask(deps({ llm: llmDeps({ client: scriptedLlm([]).llm }), agent }), uncertain);
    expect(answer.answer).toMatch(/^Spend in 2025 was \$1,234\.5\.?|^Spend in 2025 was \$1\.2K/);
  });
});

describe('the model choosing the knowledge base (a tool choice)', () => {
  it('answers from documents with verified citations when the model picks search_documents', async () => {
    const script = scriptedLlm([{ search_documents: 'CTV in Japan' }]);
    const retriever = {
      retrieve: async () => [
        {
          id: 'MARKET-JAPAN#1',
          text: 'Japan CTV spend tripled to $2.61M in 2025. CTV in Japan buys video views about 15% cheaper than Online Video.',
          title: 'Japan — market note',
          source: 'data/kb/market-notes/japan.md#ctv',
          score: 0.9,
          metadata: { source_id: 'MARKET-JAPAN' },
        },
      ],
    };
    const answer = await ask(
      deps({ llm: llmDeps({ client: script.llm }), retriever }),
      'anything worth knowing about living room screens over there, roughly',
    );
    expect(answer).toMatchObject({ status: 'answered', route: 'documents', path: 'model' });
    expect(answer.answer).toContain('[1]');
    expect(answer.citations[0]).toMatchObject({ source: 'data/kb/market-notes/japan.md#ctv' });
  });
});
