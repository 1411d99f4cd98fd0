import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import type { Warehouse } from '../../src/ports.ts';
import type { AskDeps } from '../../src/usecases/ask/deps.ts';
import { AnswerDraft } from '../../src/usecases/ask/draft.ts';
import { answerOffline, readOffline } from '../../src/usecases/ask/offline-path.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';

async function offlineAnswer(deps: AskDeps, question: string, how?: Parameters<typeof answerOffline>[3]) {
  const draft = new AnswerDraft(deps, question);
  const reading = readOffline(deps, draft);
  if ('refused' in reading) throw new Error(reading.refused);
  return { draft, answer: await answerOffline(deps, draft, reading.settled, how) };
}

const failingWarehouse = (error: ScoutError): Warehouse => ({
  dialect: 'duckdb',
  query: async () => {
    throw error;
  },
  close: async () => {},
});

describe('the offline path', () => {
  it('answers a question it placed word for word from the warehouse rows', async () => {
    const deps = offlineAskDeps();
    const { draft, answer } = await offlineAnswer(deps, 'total spend in 2025');
    expect(answer).toMatchObject({ status: 'answered', degraded: false });
    expect(answer.answer).toBe('Spend in 2025 was $1.2K.');
    expect(answer.rows).toEqual([[1234.5]]);
    expect(answer.sql).toContain("DATE '2025-01-01'");
    expect(deps.warehouse.sql).toHaveLength(1);
    expect(draft.timings.queryMs).toBe(1);
  });

  it('asks back, naming the word it could not place, without running a query', async () => {
    const deps = offlineAskDeps();
    const { answer } = await offlineAnswer(deps, 'total spend in 2025 pretty please');
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toMatch(/"pretty"/);
    expect(answer.answer).toMatch(/^I understood: /);
    expect(deps.warehouse.sql).toHaveLength(0);
  });

  it('says so when it stands in for the model', async () => {
    const { answer } = await offlineAnswer(offlineAskDeps(), 'total spend in 2025', { degraded: true });
    expect(answer).toMatchObject({ status: 'answered', degraded: true });
    expect(answer.answer).toMatch(/degraded: answered without the model/);
  });

  it('turns a query the data cannot serve into a question back, and a broken warehouse into an error', async () => {
    const whenWarehouseThrows = (code: 'bad_input' | 'query_failed', userMessage: string) =>
      offlineAnswer(
        offlineAskDeps({
          warehouse: failingWarehouse(new ScoutError(code, 'from the engine', { userMessage })),
        }),
        'total spend in 2025',
      );
    const clarified = await whenWarehouseThrows('bad_input', 'That period is outside the data.');
    expect(clarified.answer).toMatchObject({ status: 'clarify', answer: 'That period is outside the data.' });

    const failed = await whenWarehouseThrows('query_failed', 'The warehouse did not answer.');
    expect(failed.answer).toMatchObject({ status: 'error', errorCode: 'query_failed' });
    expect(failed.answer.answer).toContain(`(reference ${failed.draft.id})`);
    expect(failed.answer.query?.metrics).toEqual(['spend']);
  });
});
