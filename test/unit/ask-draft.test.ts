import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import { AnswerDraft, failedAnswer } from '../../src/usecases/ask/draft.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { llmCallMeta, llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

const call = (modelId: string) => llmCallMeta({ modelId });

describe('the answer draft', () => {
  it('holds the question masked, never as it was typed', () => {
    const draft = new AnswerDraft(offlineAskDeps(), 'spend for jane.doe@example.com in 2025');
    expect(draft.question).not.toContain('jane.doe@example.com');
    expect(draft.personalData).toEqual(['email']);
  });

  it('finishes with every model call it collected, costed, and the query times', () => {
    const guardrail = {
      assess: async () => ({ intervened: false, guardrail: { id: 'g', version: '1' }, assessments: [] }),
    };
    const deps = offlineAskDeps({
      llm: llmDeps({
        client: scriptedLlm([]).llm,
        guardrail,
        costOf: (c) => (c.modelId === 'big' ? 0.01 : 0.001),
      }),
    });
    const draft = new AnswerDraft(deps, 'total spend');
    draft.addCalls([call('big')]);
    draft.addCalls([call('small'), call('small')]);
    draft.tookQuery({ queryMs: 12, chartMs: 3 });
    const answer = draft.finish({ status: 'answered', answer: 'ok', suggestions: [] });
    expect(answer.llmCalls.map((c) => c.modelId)).toEqual(['big', 'small', 'small']);
    expect(answer.costUsd).toBeCloseTo(0.012);
    expect(answer.timings).toMatchObject({ queryMs: 12, chartMs: 3 });
    expect(answer.timings.totalMs).toBeGreaterThanOrEqual(0);
    // A configured guardrail is on the record even before it decided anything.
    expect(answer.guardrail).toEqual({ id: '', version: '' });
    expect(answer).toMatchObject({
      id: draft.id,
      route: 'data',
      path: 'offline',
      degraded: false,
      chart: null,
    });
  });

  it('costs nothing and sets no deadline without a language model', () => {
    const draft = new AnswerDraft(offlineAskDeps(), 'total spend');
    expect(draft.signal).toBeUndefined();
    expect(draft.withDeadline).toEqual({});
    const answer = draft.finish({ status: 'clarify', answer: '?', suggestions: [] });
    expect(answer.costUsd).toBe(0);
    expect('guardrail' in answer).toBe(false);
  });

  it('gives the model work of one question one deadline', () => {
    const draft = new AnswerDraft(offlineAskDeps({ llm: llmDeps({ client: scriptedLlm([]).llm }) }), 'x');
    expect(draft.withDeadline.signal).toBeInstanceOf(AbortSignal);
    expect(draft.withDeadline.signal?.aborted).toBe(false);
  });

  it('turns an error into an answer with a reference, and a guardrail intervention into a refusal', () => {
    const errors: string[] = [];
    const deps = offlineAskDeps({ onError: (id) => void errors.push(id) });
    const draft = new AnswerDraft(deps, 'x');
    const failed = failedAnswer(
      deps,
      draft,
      new ScoutError('query_failed', 'boom', { userMessage: 'The query failed.' }),
    );
    expect(failed).toMatchObject({ status: 'error', errorCode: 'query_failed' });
    expect(failed.answer).toBe(`The query failed. (reference ${draft.id})`);
    const refused = failedAnswer(
      deps,
      draft,
      new ScoutError('guardrail_intervened', 'blocked', { userMessage: 'I cannot help with that.' }),
    );
    expect(refused).toMatchObject({ status: 'refused', answer: 'I cannot help with that.' });
    expect(errors).toEqual([draft.id, draft.id]);
  });
});
