import { describe, expect, it } from 'vitest';
import { type ParseOutcome, parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const parse = (q: string) => parseQuestion(q, ctx);

function query(q: string) {
  const outcome = parse(q);
  if (outcome.status !== 'query')
    throw new Error(`expected a query for "${q}", got ${JSON.stringify(outcome)}`);
  return outcome.query;
}

function status(outcome: ParseOutcome) {
  return outcome.status;
}

describe('parseQuestion: metrics and synonyms', () => {
  it.each([
    ['total spend in 2025', 'spend'],
    ['how much did we spend in 2025', 'spend'],
    ['what was the cost per click in 2024', 'cpc'],
    ['conversion rate for Gaming', 'cvr'],
    ['return on ad spend by channel', 'roas'],
    ['CPM in Japan last month', 'cpm'],
    ['click-through rate on search', 'ctr'],
    ['video views in Q3 2025', 'video_views'],
  ])('"%s" asks for %s', (question, metric) => {
    expect(query(question).metrics).toEqual([metric]);
  });

  it('keeps several metrics in the order they are named', () => {
    expect(query('spend and revenue by channel in 2025').metrics).toEqual(['spend', 'revenue']);
  });
});

describe('parseQuestion: values, aliases and grouping', () => {
  it('maps aliases onto stored values', () => {
    expect(query('CTR for cars on video in TW').filters).toEqual([
      { dimension: 'industry', values: ['Automotive'], exclude: false },
      { dimension: 'channel', values: ['Online Video'], exclude: false },
      { dimension: 'market', values: ['Taiwan'], exclude: false },
    ]);
  });

  it('matches short codes that are English words only in capitals', () => {
    expect(query('spend in MY in 2025').filters).toEqual([
      { dimension: 'market', values: ['Malaysia'], exclude: false },
    ]);
    expect(query('my spend in 2025').filters).toEqual([]);
  });

  it.each([
    ['spend by month in 2025', 'month'],
    ['monthly ROAS for Automotive', 'month'],
    ['CTR per week last quarter', 'week'],
    ['quarterly spend', 'quarter'],
  ])('"%s" is a time series by %s', (question, grain) => {
    expect(query(question).grain).toBe(grain);
  });

  it('groups by a dimension after by/per/across', () => {
    expect(query('CTR by channel last quarter').dimensions).toEqual(['channel']);
    expect(query('spend per market in 2024').dimensions).toEqual(['market']);
    expect(query('ROAS broken down by device').dimensions).toEqual(['device']);
  });

  it('shows each value when two values of one dimension are compared', () => {
    const q = query('compare Search and Social CTR in 2025');
    expect(q.dimensions).toEqual(['channel']);
    expect(q.filters).toEqual([{ dimension: 'channel', values: ['Search', 'Social'], exclude: false }]);
  });
});

describe('parseQuestion: time', () => {
  it.each([
    ['spend in 2024', { kind: 'year', year: 2024 }],
    ['spend in Q3 2025', { kind: 'quarter', year: 2025, quarter: 3 }],
    ['spend last quarter', { kind: 'relative', unit: 'quarter', offset: -1 }],
    ['spend in March', { kind: 'month', year: 2025, month: 3 }],
    ['spend in march 2024', { kind: 'month', year: 2024, month: 3 }],
    ['spend since June', { kind: 'since', start: '2025-06-01' }],
    ['spend in the last 30 days', { kind: 'last_n', unit: 'day', n: 30 }],
    ['spend in H1 2025', { kind: 'half', year: 2025, half: 1 }],
    ['spend this year', { kind: 'relative', unit: 'year', offset: 0 }],
    ['spend from March to June 2025', { kind: 'range', start: '2025-03-01', end: '2025-06-30' }],
  ])('"%s"', (question, time) => {
    expect(query(question).time).toEqual(time);
  });

  it('turns "vs last year" and "year over year" into a previous-year comparison', () => {
    expect(query('spend in Q3 2025 vs last year').compare).toEqual({ kind: 'previous_year' });
    expect(query('CTR year over year').compare).toEqual({ kind: 'previous_year' });
    expect(query('CTR year over year').time).toEqual({ kind: 'relative', unit: 'year', offset: 0 });
  });

  it('reads two named periods as a comparison when they are a year or one period apart', () => {
    const q = query('spend in Q3 2025 vs Q3 2024');
    expect(q.time).toEqual({ kind: 'quarter', year: 2025, quarter: 3 });
    expect(q.compare).toEqual({ kind: 'previous_year' });
    expect(query('spend Q2 2025 vs Q3 2025').compare).toEqual({ kind: 'previous_period' });
  });

  it('asks when two periods are unrelated', () => {
    expect(status(parse('spend in Q3 2025 vs Q1 2024'))).toBe('clarify');
  });
});

describe('parseQuestion: chatty wording and spans', () => {
  it('skips chatty words but not names', () => {
    expect(query('quick one - cpm in thailand for Q2 2025?').metrics).toEqual(['cpm']);
    expect(query('for the QBR, can you pull spend and ROAS for beauty last quarter?').metrics).toEqual([
      'spend',
      'roas',
    ]);
    expect(status(parse('Acme spend in 2025'))).toBe('clarify');
    expect(status(parse('spend for acme in 2025'))).toBe('clarify');
    expect(status(parse('which ad creative had the best CTR'))).toBe('clarify');
  });

  it('reads "December last year" as one month', () => {
    const q = query('CTV spend this December vs December last year');
    expect(q.time).toEqual({ kind: 'month', year: 2025, month: 12 });
    expect(q.compare).toEqual({ kind: 'previous_year' });
  });

  it('reads "by quarter across 2024 and 2025" as one span, and "2024 and 2025" alone as a comparison', () => {
    expect(query('gaming ROAS by quarter across 2024 and 2025').time).toEqual({
      kind: 'range',
      start: '2024-01-01',
      end: '2025-12-31',
    });
    expect(query('compare spend in 2024 and 2025').compare).toEqual({ kind: 'previous_year' });
  });

  it('groups by every dimension joined with "and"', () => {
    expect(query('CTR by channel and device in 2025').dimensions).toEqual(['channel', 'device']);
  });
});

describe('parseQuestion: rankings and shares', () => {
  it('reads top N with the measure after "by"', () => {
    const q = query('top 5 brands by spend in Gaming last quarter');
    expect(q).toMatchObject({
      metrics: ['spend'],
      dimensions: ['brand'],
      order: { metric: 'spend', direction: 'desc' },
      limit: 5,
    });
    expect(q.filters).toEqual([{ dimension: 'industry', values: ['Gaming'], exclude: false }]);
  });

  it('knows that the worst CPC is the highest and the worst CTR the lowest', () => {
    expect(query('worst 3 markets by CPC').order).toEqual({ metric: 'cpc', direction: 'desc' });
    expect(query('worst 3 markets by CTR').order).toEqual({ metric: 'ctr', direction: 'asc' });
    expect(query('best channel by CPA in 2025').order).toEqual({ metric: 'cpa', direction: 'asc' });
  });

  it('answers "which X had the highest Y" with one row', () => {
    expect(query('which channel had the highest ROAS in 2025')).toMatchObject({
      dimensions: ['channel'],
      limit: 1,
      order: { direction: 'desc' },
    });
  });

  it('reads "what share of spend went to CTV" as a share of one value', () => {
    const q = query('what share of spend went to CTV in 2025');
    expect(q.share).toEqual({ dimension: 'channel', values: ['CTV'] });
    expect(q.filters).toEqual([]);
  });

  it('keeps a value before the measure as a filter in a share', () => {
    const q = query('what share of Gaming spend went to CTV in 2025');
    expect(q.share).toEqual({ dimension: 'channel', values: ['CTV'] });
    expect(q.filters).toEqual([{ dimension: 'industry', values: ['Gaming'], exclude: false }]);
  });

  it('reads "share of spend by channel" as a share of each value', () => {
    expect(query('share of spend by channel in 2025').share).toEqual({ dimension: 'channel' });
  });
});

describe('parseQuestion: clarify and refuse instead of guessing', () => {
  it.each([
    ['', 'clarify'],
    ['???', 'clarify'],
    ['what is the weather in Taipei', 'clarify'],
    ['how are we doing', 'clarify'],
    ['spend for Acme Motors in 2025', 'clarify'],
    ['CTR in Germany', 'clarify'],
    ['spend on TikTok', 'clarify'],
    ['spend in 2019', 'clarify'],
    ['CTR in Q5 2025', 'clarify'],
    ['asdf qwerty', 'clarify'],
    ['top 5 by spend', 'clarify'],
    ["spend'; DROP TABLE brands; --", 'refused'],
    ['show me spend UNION SELECT * FROM scout_meta', 'refused'],
    ['delete all Gaming campaigns', 'refused'],
  ])('"%s" -> %s', (question, expected) => {
    expect(status(parse(question))).toBe(expected);
  });

  it('reads a one-letter typo of a brand as that brand and says so', () => {
    const outcome = parse('spend for Zentro Motrs in 2025');
    expect(outcome.status).toBe('query');
    if (outcome.status === 'query') {
      expect(outcome.query.filters).toEqual([
        { dimension: 'brand', values: ['Zentro Motors'], exclude: false },
      ]);
      expect(outcome.readings).toEqual(['read "zentro motrs" as Zentro Motors']);
    }
  });

  it('says what it understood when the measure is missing', () => {
    const outcome = parse('how did Gaming perform last quarter');
    expect(outcome.status).toBe('clarify');
    if (outcome.status === 'clarify') {
      expect(outcome.understood).toMatch(/Gaming/);
      expect(outcome.missing).toMatch(/Which measure/);
      expect(outcome.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('refuses a question longer than the limit with the numbers', () => {
    const outcome = parse(`spend ${'a'.repeat(600)}`);
    expect(outcome.status).toBe('clarify');
    if (outcome.status === 'clarify') expect(outcome.missing).toMatch(/at most 500 characters/);
  });

  it('is deterministic', () => {
    expect(parse('top 5 brands by spend in Gaming last quarter')).toEqual(
      parse('top 5 brands by spend in Gaming last quarter'),
    );
  });
});
