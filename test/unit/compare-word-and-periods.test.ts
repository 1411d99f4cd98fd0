import { describe, expect, it } from 'vitest';
import { parseInConversation } from '../../src/domain/parser/follow-up.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const read = (question: string) => {
  const parsed = parseInConversation(question, ctx, null);
  return parsed.status === 'query'
    ? { time: parsed.query.time, compare: parsed.query.compare }
    : parsed.status;
};

describe('a comparison word beside the two periods it compares says the same thing twice', () => {
  it.each([
    ['clicks yoy, 2025 vs 2024', { kind: 'year', year: 2025 }, 'previous_year'],
    ['roas y/y q2 2025 vs q2 2024', { kind: 'quarter', year: 2025, quarter: 2 }, 'previous_year'],
    ['conversions qoq: q2 vs q1 2025', { kind: 'quarter', year: 2025, quarter: 2 }, 'previous_period'],
    ['ctr mom sep vs aug 2025', { kind: 'month', year: 2025, month: 9 }, 'previous_period'],
    ['impressions m/m, october vs september', { kind: 'month', year: 2025, month: 10 }, 'previous_period'],
  ])('%s', (question, time, compare) => {
    expect(read(question)).toEqual({ time, compare: { kind: compare } });
  });

  it('asks when the word and the periods disagree (year over year, but two quarters in a row)', () => {
    expect(read('spend yoy q2 vs q1 2025')).toBe('clarify');
    expect(read('clicks mom, nov 2025 vs nov 2024')).toBe('clarify');
  });
});
