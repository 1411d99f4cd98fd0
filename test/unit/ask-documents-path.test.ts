import { describe, expect, it } from 'vitest';
import { NOT_FOUND } from '../../src/domain/documents/messages.ts';
import type { Retriever } from '../../src/ports.ts';
import { choosePath } from '../../src/usecases/ask/choose-path.ts';
import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { answerFromKnowledgeBase, answerModelSearch } from '../../src/usecases/ask/documents-path.ts';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { readOffline } from '../../src/usecases/ask/offline-path.ts';
import { section } from '../fakes/kb-sections.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';

const nothing: Retriever = { retrieve: async () => [] };
const refundPolicy = section(
  'POL-REFUNDS',
  'Refunds',
  '- Our refund policy: unused prepaid budget is refunded within 30 days of a written request.',
  { type: 'policy' },
  'Refund policy',
);
const holding = (...chunks: ReturnType<typeof section>[]): Retriever => ({ retrieve: async () => chunks });

async function fromKnowledgeBase(deps: AskDeps, question: string) {
  const draft = new AnswerDraft(deps, question);
  const reading = readOffline(deps, draft);
  if ('refused' in reading) throw new Error(reading.refused);
  const choice = choosePath(deps, question, reading.parsed);
  if (choice.path !== 'documents') throw new Error(`routed to ${choice.path}`);
  return answerFromKnowledgeBase(deps, draft, reading, choice);
}

describe('the documents path', () => {
  it('says it could not find the answer when the retriever returns nothing, and invents none', async () => {
    const answer = await fromKnowledgeBase(
      offlineAskDeps({ retriever: nothing }),
      'what is our refund policy',
    );
    expect(answer).toMatchObject({ status: 'clarify', route: 'documents', answer: NOT_FOUND, citations: [] });
  });

  it('answers from the section that holds the answer, cited, and hands its sources to the screen', async () => {
    const deps = offlineAskDeps({ retriever: holding(refundPolicy) });
    const answer = await fromKnowledgeBase(deps, 'what is our refund policy');
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('refunded within 30 days');
    expect(answer.citations?.map((c) => c.source)).toEqual([refundPolicy.source]);
    expect(answer.screen?.groundingSource).toContain('refunded within 30 days');
  });

  it('puts the live figure first for a "why" about a metric, from the warehouse', async () => {
    const columns = new Set(['date', 'market', 'clicks', 'impressions']);
    const deps = offlineAskDeps({
      retriever: nothing,
      allowlist: new Map([['ad_performance_daily', columns]]),
    });
    const answer = await fromKnowledgeBase(deps, 'why did CTR drop in Japan in Q3 2025');
    // The figure stands on its own; the documents part still says it found nothing.
    expect(answer).toMatchObject({ status: 'answered', route: 'both' });
    expect(answer.answer).toMatch(/^.*CTR.*I could not find this in the knowledge base\.$/s);
    expect(deps.warehouse.sql).toHaveLength(1);
    expect(answer.rows).toEqual([[1234.5]]);
  });

  it("answers the model's document search the same way, or says the knowledge base is not set up", async () => {
    const found = await answerModelSearch(
      offlineAskDeps({ retriever: nothing }),
      new AnswerDraft(offlineAskDeps(), 'q'),
      'refund policy',
    );
    expect(found).toMatchObject({ status: 'clarify', route: 'documents', path: 'model', answer: NOT_FOUND });

    const none = await answerModelSearch(
      offlineAskDeps(),
      new AnswerDraft(offlineAskDeps(), 'q'),
      'refund policy',
    );
    expect(none).toMatchObject({ status: 'clarify', path: 'model' });
    expect(none.answer).toMatch(/knowledge base, which is not set up/);
  });
});

describe('the words the documents are searched with', () => {
  const searchedWith = async (question: string) => {
    const texts: string[] = [];
    const deps = offlineAskDeps({
      retriever: {
        retrieve: async (query) => {
          texts.push(query.text);
          return [];
        },
      },
    });
    await fromKnowledgeBase(deps, question);
    return texts;
  };

  it('names a value in full where the question used the data shorthand ("FnB", "fin svcs")', async () => {
    const [fnb] = await searchedWith('what did the H2 FnB brief recommend doing about november?');
    expect(fnb).toContain('Food & Beverage');
    const [finance] = await searchedWith('what weekday vs weekend CPA did the 1H25 fin svcs brief quote?');
    expect(finance).toContain('Financial Services');
  });

  it('searches a question asked in another language with its English reading', async () => {
    const [reading] = await searchedWith('新加坡市场笔记里对零售电商有什么建议？');
    expect(reading).toMatch(/market note/);
    expect(reading).toMatch(/recommendations/);
  });
});
