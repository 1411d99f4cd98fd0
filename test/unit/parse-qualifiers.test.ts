import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { ctx, missing, offline, query } from '../fixtures/offline-parse.ts';

describe('change rankings said every way', () => {
  it.each([
    ['which channel added the most spend in 2025 compared to 2024, in $ terms?', 'change', 'desc'],
    ['biggest drop in spend by channel, this yr vs last yr (absolute $)', 'change', 'asc'],
    ['which market grew fastest on spend in 2025 vs 2024? looking for % growth', 'change_pct', 'desc'],
    ['which brands cut back spend the most in 2025', 'change', 'asc'],
    ['which market slashed clicks the most in 2025 in percentage terms', 'change_pct', 'asc'],
  ])('%s', (question, by, direction) => {
    expect(query(question).order).toMatchObject({ by, direction });
  });

  it('asks back when a question names both the relative and the absolute change', () => {
    expect(offline('which market grew spend fastest in 2025, in % and in absolute $').status).toBe('clarify');
  });

  it('does not read "in terms of" as the change being absolute', () => {
    expect(query('which market grew fastest in terms of spend in 2025').order).toMatchObject({
      by: 'change_pct',
    });
  });
});

describe('words that qualify a known term stop the answer', () => {
  it.each([
    'projected spend for campaigns in 2024',
    'organic clicks for Search in 2025',
    'spend by campaign owners in 2025',
    'net revenue by market last year',
  ])('%s', (question) => {
    expect(offline(question).status).toBe('clarify');
  });

  it('names the word it did not place', () => {
    expect(missing(offline('spend by campaign owners in 2025'))).toContain('"owners"');
  });

  it('does not read a three-letter skeleton as a short shorthand ("ids" is not "inds")', () => {
    expect(offline('top 5 campaign widgets by spend').status).toBe('clarify');
    expect(query('top 5 campaign ids by spend last qtr')).toMatchObject({
      dimensions: ['campaign_id'],
      limit: 5,
    });
  });
});

describe("other parties' figures", () => {
  it.each([
    'what CPMs are our competitors paying in JP this yr?',
    'ctr of our rivals in 2025',
    'spend on other platforms by market last quarter',
  ])('%s is asked back, not answered with our own figures', (question) => {
    expect(missing(offline(question))).toMatch(/only the campaigns run with us/);
  });
});

describe('a ranking groups by its object', () => {
  it('filters by a value that qualifies another dimension word', () => {
    expect(query('top 3 industries by ROAS for conversion-objective campaigns in 2025')).toMatchObject({
      dimensions: ['industry'],
      filters: [{ dimension: 'objective', values: ['conversion'] }],
      limit: 3,
    });
  });

  it('still groups by the qualified dimension when it is the ranked object', () => {
    expect(query('top 5 gaming brands by spend')).toMatchObject({
      dimensions: ['brand'],
      filters: [{ dimension: 'industry', values: ['Gaming'] }],
    });
  });
});

describe('periods', () => {
  it.each([
    ['rev by quarter for q2-q4 2024', { kind: 'range', start: '2024-04-01', end: '2024-12-31' }],
    ['spend between q3 2024 and q1 2025', { kind: 'range', start: '2024-07-01', end: '2025-03-31' }],
    ['which week since 1 sep had the lowest ctr', { kind: 'since', start: '2025-09-01' }],
    ['spend since sept 15 by channel', { kind: 'since', start: '2025-09-15' }],
    // As of Wednesday 2025-12-31 the week still running is left out.
    [
      'avg weekly convs over the last 8 full weeks (mon–sun)',
      { kind: 'range', start: '2025-11-03', end: '2025-12-28' },
    ],
    ['spend over the last 3 full months', { kind: 'range', start: '2025-10-01', end: '2025-12-31' }],
  ])('%s', (question, time) => {
    expect(query(question).time).toEqual(time);
  });

  it('reads "q1 and q2" as two quarters, not a range', () => {
    expect(query('spend in q1 and q2 2025').time).toEqual({ kind: 'quarter', year: 2025, quarter: 2 });
  });
});

describe('small things typed fast', () => {
  it('reads "market x channel" as a breakdown by both', () => {
    expect(query('market x channel conv rate last yr').dimensions).toEqual(['market', 'channel']);
  });

  it('reads a typo of a small word from a closed list', () => {
    expect(query('daily spend for teh last 14 days')).toMatchObject({ grain: 'day' });
  });

  it('reads a count in Chinese numerals, but not a month written with them', () => {
    expect(query('今年新加坡ROAS最高的三个行业是哪些？')).toMatchObject({
      limit: 3,
      dimensions: ['industry'],
    });
    expect(query('上個月台灣的花費').time).toEqual({ kind: 'relative', unit: 'month', offset: -1 });
  });
});

describe('advice is not a write request', () => {
  it('answers "should we cut budgets" as a question, and still refuses an order to change data', () => {
    expect(
      offline('search playbook: should we cut weekend SEM budgets since weekend spend is lower?').status,
    ).not.toBe('refused');
    expect(offline('delete the gaming campaigns').status).toBe('refused');
    expect(offline('cut the budgets of the gaming campaigns').status).toBe('refused');
  });
});

describe('more of the same classes', () => {
  it('reads "q4 last year" and "h1 last year" as periods of last year', () => {
    expect(query('spend by market q4 last year').time).toEqual({ kind: 'quarter', year: 2024, quarter: 4 });
    expect(query('去年第四季各市場的廣告花費').time).toEqual({ kind: 'quarter', year: 2024, quarter: 4 });
    expect(query('ctr h1 last year').time).toEqual({ kind: 'half', year: 2024, half: 1 });
  });

  it('places the noun for a change with it ("$ change") and reads "n" between words as "and"', () => {
    expect(query('top 3 mkts by absolute spend growth ($ change), 2025 vs 2024').order).toMatchObject({
      by: 'change',
    });
    expect(query('spend, clicks n convs by industry for nov 2025').metrics).toEqual([
      'spend',
      'clicks',
      'conversions',
    ]);
  });

  it('takes the value written before "share" as the part', () => {
    expect(query("social's share of malaysia spend last year")).toMatchObject({
      share: { dimension: 'channel', values: ['Social'] },
      filters: [{ dimension: 'market', values: ['Malaysia'] }],
    });
  });

  it("marks another party's figures final, whether or not a period is named", () => {
    const outcome = parseQuestion("how does our cpm in sg stack up vs competitors'?", ctx);
    expect(outcome).toMatchObject({ status: 'clarify', unmeasured: 'competitors' });
  });
});

describe('after the sixth set', () => {
  it('groups "sorted by" questions by the dimensions named, not a value-qualified one', () => {
    expect(
      query('roas + cpa for conversion-objective campaigns by industry, 2025, sorted by roas desc')
        .dimensions,
    ).toEqual(['industry']);
  });

  it('refuses an order to raise a budget said as "bump"', () => {
    expect(offline('pls bump the budget on the gaming campaigns to 300k').status).toBe('refused');
    expect(offline('spend shift across campaigns in 2025').status).not.toBe('refused');
  });
});
