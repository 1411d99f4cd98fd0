import { describe, expect, it } from 'vitest';
import type { Agent, Retriever } from '../../src/ports.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { choosePath } from '../../src/usecases/ask/choose-path.ts';
import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { readOffline } from '../../src/usecases/ask/offline-path.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';
import { breakerFake, llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

const emptyKnowledgeBase: Retriever = { retrieve: async () => [] };
const idleAgent: Agent = {
  invoke: async () => ({ kind: 'final', text: '', citations: [] }),
};
const withModel = (overrides: Partial<AskDeps> = {}) =>
  offlineAskDeps({ llm: llmDeps({ client: scriptedLlm([]).llm }), ...overrides });

function pathFor(deps: AskDeps, question: string) {
  const reading = readOffline(deps, new AnswerDraft(deps, question));
  if ('refused' in reading) throw new Error(`refused: ${reading.refused}`);
  return choosePath(deps, question, reading.parsed);
}

describe('the ask router', () => {
  it('answers offline when the parser placed every word, even with a model configured', () => {
    expect(pathFor(withModel(), 'total spend in 2025').path).toBe('offline');
  });

  it('gives the model a question the parser could not fully place', () => {
    expect(pathFor(withModel(), 'total spend in 2025 pretty please').path).toBe('model');
    expect(pathFor(withModel({ agent: idleAgent }), 'total spend in 2025 pretty please').path).toBe('agent');
  });

  it('asks back offline without a model, and for a measure the data does not hold even with one', () => {
    expect(pathFor(offlineAskDeps(), 'total spend in 2025 pretty please').path).toBe('offline');
    expect(pathFor(withModel(), 'brand lift in 2025').path).toBe('offline');
  });

  it('sends a documents question to the knowledge base, and a "why" about a figure to both', () => {
    const deps = offlineAskDeps({ retriever: emptyKnowledgeBase });
    expect(pathFor(deps, 'what is our refund policy')).toMatchObject({
      path: 'documents',
      route: 'documents',
    });
    expect(pathFor(deps, 'why did CTR drop in Japan in Q3 2025')).toMatchObject({
      path: 'documents',
      route: 'both',
    });
    // Without a knowledge base there is no documents path to take.
    expect(pathFor(offlineAskDeps(), 'what is our refund policy').path).toBe('offline');
  });

  it('probes the documents only without a model; with one, the model chooses', () => {
    const question = 'can big advertisers use the display reactivation offer';
    expect(pathFor(offlineAskDeps({ retriever: emptyKnowledgeBase }), question)).toMatchObject({
      probing: true,
    });
    expect(pathFor(withModel({ retriever: emptyKnowledgeBase }), question).path).not.toBe('documents');
  });

  it('searches the documents with the English reading of a question asked in another language', () => {
    const deps = offlineAskDeps({ retriever: emptyKnowledgeBase });
    expect(pathFor(deps, '新加坡市场笔记里对零售电商有什么建议？')).toMatchObject({
      path: 'documents',
      probing: false,
      englishReading: expect.stringContaining('market note'),
    });
    expect(pathFor(deps, 'apakah syarat kelayakan untuk PRG-10?')).toMatchObject({
      path: 'documents',
      englishReading: expect.stringContaining('eligibility'),
    });
    // A data question in another language the parser placed stays with the data.
    expect(pathFor(deps, 'chi phí tháng trước theo kênh').path).toBe('offline');
  });

  it('degrades to the offline engine, and says so, while the circuit is open', async () => {
    const script = scriptedLlm([{ clarify: 'never asked' }]);
    const deps = offlineAskDeps({
      llm: llmDeps({ client: script.llm, breaker: breakerFake(false).breaker }),
    });
    const answer = await ask(deps, 'total spend in 2025 pretty please');
    expect(answer).toMatchObject({ path: 'offline', degraded: true });
    expect(script.requests).toHaveLength(0);
  });

  it('refuses SQL typed as a question before any path runs', async () => {
    const deps = offlineAskDeps();
    const answer = await ask(deps, 'SELECT * FROM brands; DROP TABLE brands');
    expect(answer.status).toBe('refused');
    expect(deps.warehouse.sql).toHaveLength(0);
  });
});
