import { describe, expect, it } from 'vitest';
import type { MetricQuery } from '../../src/domain/metric-query.ts';
import { parseInConversation } from '../../src/domain/parser/follow-up.ts';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();

function first(question: string): MetricQuery {
  const outcome = parseQuestion(question, ctx);
  if (outcome.status !== 'query') throw new Error(`no query for ${question}`);
  return outcome.query;
}

function next(text: string, previous: MetricQuery): MetricQuery {
  const outcome = parseInConversation(text, ctx, previous);
  if (outcome.status !== 'query')
    throw new Error(`no query for follow-up "${text}": ${JSON.stringify(outcome)}`);
  return outcome.query;
}

describe('follow-ups in a conversation', () => {
  const base = first('CTR by channel in 2025 for Gaming');

  it('"and for video only?" narrows the previous query', () => {
    const q = next('and for video only?', base);
    expect(q.metrics).toEqual(['ctr']);
    expect(q.time).toEqual({ kind: 'year', year: 2025 });
    expect(q.filters).toEqual(
      expect.arrayContaining([
        { dimension: 'industry', values: ['Gaming'], exclude: false },
        { dimension: 'channel', values: ['Online Video'], exclude: false },
      ]),
    );
  });

  it('"same for 2024" changes only the period', () => {
    const q = next('same for 2024', base);
    expect(q).toMatchObject({
      metrics: ['ctr'],
      dimensions: ['channel'],
      time: { kind: 'year', year: 2024 },
    });
  });

  it('"break it down by market" adds a grouping', () => {
    expect(next('break it down by market', base).dimensions).toEqual(['channel', 'market']);
  });

  it('"what about ROAS" swaps the measure and keeps the rest', () => {
    expect(next('what about ROAS', base)).toMatchObject({
      metrics: ['roas'],
      dimensions: ['channel'],
      time: { kind: 'year', year: 2025 },
    });
  });

  it('a value of a filtered dimension replaces it', () => {
    const q = next('and for Automotive?', base);
    expect(q.filters).toEqual([{ dimension: 'industry', values: ['Automotive'], exclude: false }]);
  });

  it('keeps a period comparison when the period changes', () => {
    const q = next('same for Q2', first('spend in Q3 2025 vs last year'));
    expect(q).toMatchObject({
      time: { kind: 'quarter', year: 2025, quarter: 2 },
      compare: { kind: 'previous_year' },
    });
  });

  it('asks another share after a share', () => {
    const q = next('and Search?', first('what share of spend went to CTV in 2025'));
    expect(q.share).toEqual({ dimension: 'channel', values: ['Search'] });
  });

  it('treats a complete new question as new', () => {
    const q = next('total revenue in 2024', base);
    expect(q).toMatchObject({ metrics: ['revenue'], dimensions: [], filters: [] });
  });

  it('without a previous query, a follow-up is an incomplete question', () => {
    expect(parseInConversation('and for video only?', ctx, null).status).toBe('clarify');
  });
});
