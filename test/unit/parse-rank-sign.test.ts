import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { testParseContext } from '../fixtures/test-model.ts';

/** "#1", "#3": a rank written with the number sign is a limit, placed like "top n". */

const ctx = testParseContext();

describe('a rank written with the number sign', () => {
  it.each([
    ['which channel had the most clicks in 2025, just the #1', 1],
    ['#1 market by roas in q3 2025', 1],
    ['industries by conversions in 2024 - give me the #3', 3],
  ])('"%s" ranks and keeps %i', (question, limit) => {
    const parsed = parseQuestion(question, ctx);
    expect(parsed.status).toBe('query');
    if (parsed.status !== 'query') return;
    expect(parsed.ignored).toEqual([]);
    expect(parsed.query.limit).toBe(limit);
    expect(parsed.query.order?.direction).toBe('desc');
  });

  it('does not read a campaign number as a rank', () => {
    const parsed = parseQuestion('clicks for campaign #12345 in 2025', ctx);
    expect(parsed.status === 'query' && parsed.query.limit !== undefined).toBe(false);
  });
});
