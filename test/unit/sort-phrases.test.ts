import { describe, expect, it } from 'vitest';
import { parseInConversation } from '../../src/domain/parser/follow-up.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();

describe('"from A to B" orders every row; it never cuts the list to one', () => {
  it.each([
    ['cpc by market in 2025, cheapest to most expensive', 'cpc', 'asc'],
    ['cpm by channel 2024 most expensive to cheapest', 'cpm', 'desc'],
    ['cpc by channel from priciest to cheapest in 2024', 'cpc', 'desc'],
    ['cpa by industry 2025 least expensive to costliest', 'cpa', 'asc'],
    ['roas by industry 2025 best to worst', 'roas', 'desc'],
    ['cpa by device 2025 worst to best', 'cpa', 'desc'],
    ['conversions by market 2024 fewest to most', 'conversions', 'asc'],
    ['ctr by channel in 2025 highest to lowest', 'ctr', 'desc'],
  ])('%s', (question, metric, direction) => {
    const parsed = parseInConversation(question, ctx, null);
    expect(parsed.status).toBe('query');
    if (parsed.status !== 'query') return;
    expect(parsed.query.order).toEqual({ metric, direction });
    expect(parsed.query.limit).toBeUndefined();
  });
});
