import { describe, expect, it } from 'vitest';
import { missing, offline, query } from '../fixtures/offline-parse.ts';

describe('time shorthand and ranges', () => {
  it.each([
    ['spend last qtr', { kind: 'relative', unit: 'quarter', offset: -1 }],
    ['spend this qtr', { kind: 'relative', unit: 'quarter', offset: 0 }],
    ['clicks last mth', { kind: 'relative', unit: 'month', offset: -1 }],
    ['revenue last yr', { kind: 'relative', unit: 'year', offset: -1 }],
    ['spend prev month', { kind: 'relative', unit: 'month', offset: -1 }],
    ['spend FY2024', { kind: 'year', year: 2024 }],
    ['spend fy24', { kind: 'year', year: 2024 }],
    ['spend 3/2025', { kind: 'month', year: 2025, month: 3 }],
    ['cpm 2025-08 by channel', { kind: 'month', year: 2025, month: 8 }],
    ["spend in q1'24", { kind: 'quarter', year: 2024, quarter: 1 }],
    ['clicks 2024-25', { kind: 'range', start: '2024-01-01', end: '2025-12-31' }],
    ['spend oct 3-9 2025', { kind: 'range', start: '2025-10-03', end: '2025-10-09' }],
    ['ctr between 1 and 15 nov', { kind: 'range', start: '2025-11-01', end: '2025-11-15' }],
    ['spend sept 1 - sept 30 2024', { kind: 'range', start: '2024-09-01', end: '2024-09-30' }],
    ['spend on 14/3', { kind: 'range', start: '2025-03-14', end: '2025-03-14' }],
    ['spend past 2 wks', { kind: 'last_n', unit: 'week', n: 2 }],
    ['clicks l7d', { kind: 'last_n', unit: 'day', n: 7 }],
  ])('"%s" reads the period', (question, time) => {
    expect(query(question).time).toEqual(time);
  });

  it('reads "ytd vs last ytd" as this year to date against the same span a year earlier', () => {
    expect(query('spend ytd vs last ytd')).toMatchObject({
      time: { kind: 'since', start: '2025-01-01' },
      compare: { kind: 'previous_year' },
    });
  });

  it('asks which date is meant when a numeric date reads two ways', () => {
    expect(missing(offline('spend on 9/8 2025'))).toMatch(/"9\/8" could be 9 aug or 8 sep/);
  });

  it('never drops a future period: "next quarter" is a clarification', () => {
    expect(missing(offline('spend next quarter'))).toMatch(/in the future/);
  });
});

describe('rankings by change', () => {
  it('ranks by relative change for "fastest", comparing this year with last, brands for "who"', () => {
    expect(query('who grew spend fastest this year')).toMatchObject({
      dimensions: ['brand'],
      time: { kind: 'relative', unit: 'year', offset: 0 },
      compare: { kind: 'previous_year' },
      order: { metric: 'spend', direction: 'desc', by: 'change_pct' },
      limit: 1,
    });
  });

  it('ranks by absolute change, largest decrease first, for "biggest decline"', () => {
    expect(query('biggest decline in clicks by channel in q3 2025 vs the previous quarter')).toMatchObject({
      dimensions: ['channel'],
      compare: { kind: 'previous_period' },
      order: { metric: 'clicks', direction: 'asc', by: 'change' },
    });
  });

  it('reads "growth vs 2024" as 2025 against 2024', () => {
    expect(query('top 3 markets by spend growth vs 2024')).toMatchObject({
      dimensions: ['market'],
      time: { kind: 'year', year: 2025 },
      compare: { kind: 'previous_year' },
      order: { by: 'change_pct', direction: 'desc' },
      limit: 3,
    });
  });

  it('refuses a comparison with a period the data does not reach', () => {
    expect(missing(offline('which market grew spend fastest vs 2023'))).toMatch(/cannot compare with 2023/);
  });
});

describe('averages per period and extreme periods', () => {
  it('reads "average spend per day in october" as the mean of daily totals', () => {
    const q = query('average spend per day in october');
    expect(q).toMatchObject({ metrics: ['spend'], per: 'day', time: { kind: 'month', month: 10 } });
    expect(q.grain).toBeUndefined();
  });

  it('reads "avg weekly conversions" as an average per week, not a series', () => {
    expect(query('avg weekly conversions in 2025')).toMatchObject({ per: 'week' });
  });

  it('places "average" in front of a ratio: CTR is already an average over the period', () => {
    expect(query('average ctr in 2025').per).toBeUndefined();
  });

  it('asks "per what?" for an average of a total with no period grain', () => {
    expect(missing(offline('average spend in 2025'))).toMatch(/per day, per week or per month/);
  });

  it.each([
    ['best week for conversions in q4', 'week', 'conversions', 'desc', 1],
    ['worst ctr day in november', 'day', 'ctr', 'asc', 1],
    ['which month had the highest spend in 2024', 'month', 'spend', 'desc', 1],
    ['top 3 days by clicks last month', 'day', 'clicks', 'desc', 3],
  ])('"%s" ranks the %ss', (question, grain, metric, direction, limit) => {
    expect(query(question)).toMatchObject({ grain, order: { metric, direction }, limit, dimensions: [] });
  });
});

describe('modifiers', () => {
  it.each([
    ['ctr by market excluding japan', 'market', ['Japan']],
    ['spend by channel everything except search and social', 'channel', ['Search', 'Social']],
    ['spend on non-video channels by market', 'channel', ['Online Video', 'CTV']],
    ['clicks by device not including tablet', 'device', ['Tablet']],
  ])('"%s" excludes %s %j', (question, dimension, values) => {
    expect(query(question).filters).toContainEqual({ dimension, values, exclude: true });
  });

  it('a cue with nothing to exclude is not skipped', () => {
    expect(missing(offline('spend by channel excluding'))).toMatch(/"excluding"/);
  });

  it.each([
    ['cpc by market cheapest first', 'asc'],
    ['channels by cpc last yr, most expensive cpc first', 'desc'],
    ['spend by market lowest to highest', 'asc'],
  ])('"%s" orders every row %s', (question, direction) => {
    const q = query(question);
    expect(q.order?.direction).toBe(direction);
    expect(q.limit).toBeUndefined();
  });
});

describe('campaign names and several metrics', () => {
  it('filters on a campaign name typed exactly, year inside the name included', () => {
    expect(query('spend for Zentro Motors — Summer Drive 2024 in 2025')).toMatchObject({
      filters: [{ dimension: 'campaign', values: ['Zentro Motors — Summer Drive 2024'] }],
      time: { kind: 'year', year: 2025 },
    });
  });

  it('keeps every metric named', () => {
    expect(query('clicks and conversions by device')).toMatchObject({
      metrics: ['clicks', 'conversions'],
      dimensions: ['device'],
    });
  });
});

describe('shorthand and typos', () => {
  it.each([
    ['trvl spend in 2025', 'industry', 'Travel & Hospitality'],
    ['fin svcs clicks in 2025', 'industry', 'Financial Services'],
    ['spend in singapor last month', 'market', 'Singapore'],
  ])('"%s" reads the %s %s and says so', (question, dimension, value) => {
    const outcome = offline(question);
    expect(outcome.status).toBe('query');
    if (outcome.status !== 'query') return;
    expect(outcome.query.filters).toContainEqual({ dimension, values: [value], exclude: false });
    expect(outcome.readings.join(' ')).toContain(`as ${value}`);
  });

  it('reads "convs by devce" as conversions by device', () => {
    expect(query('convs by devce')).toMatchObject({ metrics: ['conversions'], dimensions: ['device'] });
  });

  it('asks which one when a word is as close to two names', () => {
    const text = missing(offline('zentro spend in 2025'));
    expect(text).toMatch(/could mean/);
  });

  it('does not read a four-letter word as a one-letter typo ("gold" is not "goal")', () => {
    expect(missing(offline('impressions for gold tier brands 2025'))).toMatch(/"gold"/);
  });
});

describe('the certainty invariant: every word placed, or the answer stops', () => {
  it.each([
    'spend by channel for the north cluster',
    'ctr for the influencer segment in 2025',
    'roi by channel last quarter',
  ])('"%s" names the word it could not place instead of answering a wider question', (question) => {
    expect(offline(question).status).toBe('clarify');
    expect(missing(offline(question))).toMatch(/I don't know/);
  });

  it('chatty words from the closed filler list do not stop the answer', () => {
    expect(query('hey quick q pls, can u pull spend by channel last month thx').dimensions).toEqual([
      'channel',
    ]);
  });
});

describe('other languages', () => {
  it.each([
    ['上個月 Taiwan 的 CTR', { metrics: ['ctr'], time: { kind: 'relative', unit: 'month', offset: -1 } }],
    [
      'spend bulan lepas by channel',
      { dimensions: ['channel'], time: { kind: 'relative', unit: 'month', offset: -1 } },
    ],
    ['先月の広告費', { metrics: ['spend'], time: { kind: 'relative', unit: 'month', offset: -1 } }],
    [
      'doanh thu năm 2025 theo thị trường',
      { metrics: ['revenue'], dimensions: ['market'], time: { kind: 'year', year: 2025 } },
    ],
    ['ยอดใช้จ่ายเดือนที่แล้ว', { metrics: ['spend'], time: { kind: 'relative', unit: 'month', offset: -1 } }],
  ])('reads "%s"', (question, expected) => {
    expect(query(question)).toMatchObject(expected);
  });

  it('never half-parses: a foreign word it does not know stops the answer and is named', () => {
    expect(missing(offline('抖音 上個月的花費'))).toMatch(/"抖音"/);
  });
});
