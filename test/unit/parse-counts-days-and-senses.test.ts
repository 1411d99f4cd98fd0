import { describe, expect, it } from 'vitest';
import { missing, offline, query } from '../fixtures/offline-parse.ts';

describe('counts are never read as other words', () => {
  it('"top 4 brands" keeps its count (the 4 is not chat shorthand for "for")', () => {
    expect(query('top 4 brands by spend 2025')).toMatchObject({ dimensions: ['brand'], limit: 4 });
  });

  it('"4 each market" is still chat for "for each market"', () => {
    expect(query('spend 4 each market 2025')).toMatchObject({ dimensions: ['market'] });
  });

  it('"the biggest spenders" ranks brands by spend', () => {
    expect(query('top 5 spenders in gaming q3 2025')).toMatchObject({
      metrics: ['spend'],
      dimensions: ['brand'],
      limit: 5,
    });
  });
});

describe('days written day first', () => {
  it.each([
    ['spend on 15 nov', '2025-11-15'],
    ['spend 15 november 2024', '2024-11-15'],
    ['15th nov spend', '2025-11-15'],
    ['what was spend on the 5th of nov', '2025-11-05'],
  ])('"%s" is one day', (question, day) => {
    expect(query(question).time).toEqual({ kind: 'range', start: day, end: day });
  });

  it('"top 5 nov" is a ranking in November, not the 5th of November', () => {
    expect(query('top 5 nov spenders')).toMatchObject({
      time: { kind: 'month', year: 2025, month: 11 },
      limit: 5,
    });
  });
});

describe('a length said beside its period', () => {
  it('is placed when it agrees with the period', () => {
    expect(query('avg weekly ctv spend over the 4 full weeks dec 1-28 2025')).toMatchObject({
      per: 'week',
      time: { kind: 'range', start: '2025-12-01', end: '2025-12-28' },
    });
    expect(query('avg daily spend over the 30 days of nov').time).toEqual({
      kind: 'month',
      year: 2025,
      month: 11,
    });
  });

  it('stops the answer when it disagrees', () => {
    expect(missing(offline('avg weekly ctv spend over the 3 weeks dec 1-28 2025'))).toMatch(
      /"over the 3 weeks" does not match/,
    );
  });

  it('leaves "top 3 days" a ranking of days', () => {
    expect(query('top 3 days by clicks last month')).toMatchObject({ grain: 'day', limit: 3 });
  });
});

describe('word senses', () => {
  it('a campaign named "… Launch 2025" is read, not refused as an order to launch', () => {
    expect(
      query('weekly spend for the Nebula Forge — Starfall Legends Launch 2025 campaign').filters,
    ).toEqual([
      { dimension: 'campaign', values: ['Nebula Forge — Starfall Legends Launch 2025'], exclude: false },
    ]);
    expect(offline('launch a new campaign for nebula forge').status).toBe('refused');
  });

  it('"conversion" listed with another objective is the objective, not the measure', () => {
    const q = query('conv rate by objective 2025, consideration vs conversion only');
    expect(q.metrics).toEqual(['cvr']);
    expect(q.filters).toEqual([
      { dimension: 'objective', values: ['consideration', 'conversion'], exclude: false },
    ]);
    expect(query('conversions by objective 2025').metrics).toEqual(['conversions']);
  });

  it('lower-case "ph" and "th" are the markets; lower-case "my" after "in" is asked about', () => {
    expect(query('ph spend 2025').filters).toEqual([
      { dimension: 'market', values: ['Philippines'], exclude: false },
    ]);
    expect(query('th ctr by month 2025').filters).toEqual([
      { dimension: 'market', values: ['Thailand'], exclude: false },
    ]);
    const asked = missing(offline('spend in my 2025'));
    expect(asked).toMatch(/"my"/);
    expect(asked).not.toMatch(/did you mean "my"/);
    expect(query('show me spend for my team in 2025').filters).toEqual([]);
  });
});

describe('sort orders in other languages order every row', () => {
  it.each([
    ['日本の先月のROASをチャネル別に教えて、高い順で', 'desc'],
    ['台灣2025年各渠道的CTR，由高到低', 'desc'],
    ['ctr theo kênh năm 2025 từ thấp đến cao', 'asc'],
    ['ctr ikut saluran 2025 dari tertinggi ke terendah', 'desc'],
    ['ctr แยกตามช่องทาง ปี 2025 จากมากไปน้อย', 'desc'],
  ])('"%s"', (question, direction) => {
    const q = query(question);
    expect(q.dimensions).toEqual(['channel']);
    expect(q.order?.direction).toBe(direction);
    expect(q.limit).toBeUndefined();
  });
});
