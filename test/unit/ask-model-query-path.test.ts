import { describe, expect, it } from 'vitest';
import { metricQuerySchema } from '../../src/domain/metric-query.ts';
import { ScoutError } from '../../src/errors.ts';
import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { answerWithModel } from '../../src/usecases/ask/model-query-path.ts';
import { readOffline } from '../../src/usecases/ask/offline-path.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { breakerFake, llmDeps, type ScriptedToolOutput, scriptedLlm } from '../fakes/port-fakes.ts';

const uncertain = 'total spend in 2025 pretty please';
const modelQuery = { query: { metrics: ['spend'], time: { kind: 'year', year: 2025 } } };

function setUp(outputs: ScriptedToolOutput[], overrides: Partial<AskDeps> = {}) {
  const script = scriptedLlm(outputs);
  const breaker = breakerFake();
  const llm = llmDeps({ client: script.llm, breaker: breaker.breaker });
  const deps = offlineAskDeps({ llm, ...overrides });
  const run = async (question = uncertain) => {
    const draft = new AnswerDraft(deps, question);
    const reading = readOffline(deps, draft);
    if ('refused' in reading) throw new Error(reading.refused);
    return { draft, answer: await answerWithModel(deps, draft, llm, reading) };
  };
  return { script, breaker, deps, llm, run };
}

describe('the model query path', () => {
  it('answers the metric query the model filled, from the warehouse, and has the text screened', async () => {
    const { deps, breaker, run } = setUp([modelQuery]);
    const { draft, answer } = await run();
    expect(answer).toMatchObject({ status: 'answered', path: 'model', understood: 'Spend in 2025' });
    expect(answer.rows).toEqual([[1234.5]]);
    expect(answer.screen).toBeDefined();
    expect(deps.warehouse.sql[0]).toContain("DATE '2025-01-01'");
    expect(draft.calls).toHaveLength(1);
    expect(breaker.events).toEqual(['success']);
  });

  it('falls back to the offline engine, degraded, when the Llm port throws a retryable error', async () => {
    const unavailable = new ScoutError('llm_unavailable', 'ThrottlingException', { retryable: true });
    const errors: unknown[] = [];
    const { breaker, run } = setUp([unavailable], { onError: (_id, error) => void errors.push(error) });
    const { answer } = await run('total spend in 2025 pretty please');
    expect(answer).toMatchObject({ status: 'clarify', degraded: true });
    expect(answer.path).toBeUndefined(); // the offline engine answered
    expect(answer.answer).toContain('degraded: answered without the model');
    expect(breaker.events).toEqual(['failure']);
    expect(errors).toEqual([unavailable]);
  });

  it('answers offline, not degraded, when the model never gives a valid query', async () => {
    const { breaker, run } = setUp([{ query: { metrics: ['no_such_metric'] } }]);
    const { answer } = await run();
    expect(answer).toMatchObject({ status: 'clarify', degraded: false });
    expect(breaker.events).toEqual([]);
  });

  it('refuses when the guardrail intervenes on the model call', async () => {
    const blocked = new ScoutError('guardrail_intervened', 'blocked', {
      userMessage: 'I cannot help with that.',
    });
    const { run } = setUp([blocked]);
    expect((await run()).answer).toMatchObject({ status: 'refused', answer: 'I cannot help with that.' });
  });

  it('hands the model its tool and field descriptions from versioned prompts, and records their hashes', async () => {
    const { script, llm, run } = setUp([modelQuery]);
    const { draft } = await run();
    const tool = script.requests[0]?.tool;
    expect(tool?.description).toBe(llm.prompts.metricQueryToolSql.render({}).text);
    expect(JSON.stringify(tool?.inputSchema)).toContain(llm.prompts.searchDocumentsField.render({}).text);
    expect(draft.calls[0]?.sentPrompts?.map((p) => p.id)).toEqual([
      'metric-query-tool-sql',
      'search-documents-field',
    ]);
    expect(draft.calls[0]?.sentPrompts?.[0]?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('describes the tool without the SQL option when model SQL is off', async () => {
    const script = scriptedLlm([modelQuery]);
    const llm = llmDeps({ client: script.llm, allowSql: false });
    const deps = offlineAskDeps({ llm });
    const draft = new AnswerDraft(deps, uncertain);
    const reading = readOffline(deps, draft);
    if ('refused' in reading) throw new Error(reading.refused);
    await answerWithModel(deps, draft, llm, reading);
    expect(script.requests[0]?.tool?.description).not.toContain('"sql"');
    expect(draft.calls[0]?.sentPrompts?.[0]?.id).toBe('metric-query-tool');
  });

  it('frames a follow-up with the previous query through the follow-up prompt', async () => {
    const script = scriptedLlm([modelQuery]);
    const llm = llmDeps({ client: script.llm });
    const deps = offlineAskDeps({ llm });
    const previous = metricQuerySchema.parse({ metrics: ['spend'], time: { kind: 'year', year: 2024 } });
    const draft = new AnswerDraft(deps, 'and in 2025 pretty please', { previous });
    const reading = readOffline(deps, draft);
    if ('refused' in reading) throw new Error(reading.refused);
    await answerWithModel(deps, draft, llm, reading);
    const sent = script.requests[0]?.messages[0]?.text ?? '';
    expect(sent).toBe(
      `The conversation's previous query was ${JSON.stringify(previous)}. The user's new message (modify that query if it is a follow-up):\nand in 2025 pretty please`,
    );
    expect(draft.calls[0]?.sentPrompts?.map((p) => p.id)).toContain('follow-up-message');
  });
});
