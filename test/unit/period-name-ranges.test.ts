import { describe, expect, it } from 'vitest';
import { parseInConversation } from '../../src/domain/parser/follow-up.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const timeOf = (question: string) => {
  const parsed = parseInConversation(question, ctx, null);
  return parsed.status === 'query' ? parsed.query.time : parsed.status;
};

describe('a bare hyphen between two period names is a range', () => {
  it.each([
    ['clicks apr-jun 2024', '2024-04-01', '2024-06-30'],
    ['impressions by week aug-oct 2025', '2025-08-01', '2025-10-31'],
    ['ctr february-april 2024', '2024-02-01', '2024-04-30'],
    ['conversions sept-dec 2024', '2024-09-01', '2024-12-31'],
    ['revenue Mar-May 2025', '2025-03-01', '2025-05-31'],
  ])('%s', (question, start, end) => {
    expect(timeOf(question)).toEqual({ kind: 'range', start, end });
  });

  it('reads a quarter range written with a hyphen as it reads one written with "to"', () => {
    expect(timeOf('spend q2-q4 2024')).toEqual(timeOf('spend q2 to q4 2024'));
  });

  it('leaves hyphenated words that are not period names alone', () => {
    const parsed = parseInConversation('mid-market roas in 2025', ctx, null);
    expect(parsed.status).toBe('query');
    if (parsed.status === 'query')
      expect(parsed.query.filters).toEqual([{ dimension: 'tier', values: ['mid-market'], exclude: false }]);
  });
});
