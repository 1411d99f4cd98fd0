import { describe, expect, it } from 'vitest';
import { channelAudience, directMessageAudience, workspaceAudience } from '../../src/domain/audience.ts';
import { certainOrClarify, parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { answerCacheKeyMaterial, canonicalQuery } from '../../src/llmops/cache/answer-cache-key.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const audience = channelAudience('C1', 'U1');

/** The cache key of a question as the offline engine would answer it; null: it is never cached. */
function keyOf(question: string): string | null {
  const settled = certainOrClarify(parseQuestion(question, ctx), ctx);
  if (settled.status !== 'query') return null;
  return answerCacheKeyMaterial({ query: settled.query, asOf: ctx.asOf, dataVersion: 'v1', audience });
}

/** Near misses: a word apart, a different answer. None may share a key. */
const NEAR_MISSES: [string, string][] = [
  // negations
  ['spend in Gaming in 2025', 'spend excluding Gaming in 2025'],
  ['spend in Gaming in 2025', 'spend in 2025 except Gaming'],
  ['spend in Gaming in 2025', 'spend not in Gaming in 2025'],
  ['spend in Gaming in 2025', 'spend outside Gaming in 2025'],
  ['CTR on Social in 2025', 'CTR excluding Social in 2025'],
  ['clicks in Taiwan last quarter', 'clicks excluding Taiwan last quarter'],
  ['spend by channel in Japan in 2025', 'spend by channel excluding Japan in 2025'],
  ['conversions on Mobile in 2024', 'conversions excluding Mobile in 2024'],
  ['ROAS for Beauty in 2025', 'ROAS excluding Beauty in 2025'],
  ['CPC on Search in Q3 2025', 'CPC excluding Search in Q3 2025'],
  // other period
  ['spend in 2025', 'spend in 2024'],
  ['spend in Q3 2025', 'spend in Q2 2025'],
  ['spend in Q3 2025', 'spend in Q3 2024'],
  ['CTR by channel last quarter', 'CTR by channel this quarter'],
  ['CTR by channel last quarter', 'CTR by channel last year'],
  ['spend last month', 'spend this month'],
  ['clicks in March 2025', 'clicks in April 2025'],
  ['spend in the last 30 days', 'spend in the last 90 days'],
  ['spend in 2025 vs 2024', 'spend in 2025'],
  ['spend in Q3 2025 vs Q3 2024', 'spend in Q3 2025 vs Q2 2025'],
  ['revenue in H1 2025', 'revenue in H2 2025'],
  // other entity
  ['spend in Gaming in 2025', 'spend in Beauty in 2025'],
  ['spend in Taiwan in 2025', 'spend in Japan in 2025'],
  ['CTR on Social in 2025', 'CTR on Search in 2025'],
  ['clicks on Mobile in 2025', 'clicks on Desktop in 2025'],
  ['spend for Zentro Motors in 2025', 'spend for Lumina Beauty in 2025'],
  ['spend in Gaming in Taiwan in 2025', 'spend in Gaming in Japan in 2025'],
  ['spend in Gaming and Beauty in 2025', 'spend in Gaming in 2025'],
  ['CPM in Singapore last month', 'CPM in Malaysia last month'],
  ['conversions on CTV in 2025', 'conversions on Display in 2025'],
  ['spend in Gaming in 2025', 'spend in 2025'],
  // other metric
  ['spend in 2025', 'revenue in 2025'],
  ['CTR by channel in 2025', 'CVR by channel in 2025'],
  ['CPC in Gaming in 2025', 'CPM in Gaming in 2025'],
  ['clicks in 2025', 'impressions in 2025'],
  ['ROAS by market in 2025', 'CPA by market in 2025'],
  ['video views in Q3 2025', 'conversions in Q3 2025'],
  ['spend and clicks in 2025', 'spend in 2025'],
  // other grouping
  ['spend by channel in 2025', 'spend by market in 2025'],
  ['spend by channel in 2025', 'spend in 2025'],
  ['CTR by device in 2025', 'CTR by industry in 2025'],
  ['spend by market and channel in 2025', 'spend by market in 2025'],
  ['monthly spend in 2025', 'quarterly spend in 2025'],
  ['monthly spend in 2025', 'spend in 2025'],
  ['weekly clicks in Q3 2025', 'monthly clicks in Q3 2025'],
  ['spend by channel and market in 2025', 'spend by market and channel in 2025'],
  ['share of spend by channel in 2025', 'spend by channel in 2025'],
  // top vs bottom, and how many
  ['top 5 brands by spend in Gaming last quarter', 'bottom 5 brands by spend in Gaming last quarter'],
  ['top 5 brands by spend in Gaming last quarter', 'top 3 brands by spend in Gaming last quarter'],
  ['top 5 markets by CTR in 2025', 'worst 5 markets by CTR in 2025'],
  ['top 3 channels by ROAS in 2025', 'top 3 channels by CPA in 2025'],
  ['best 5 brands by conversions in 2025', 'worst 5 brands by conversions in 2025'],
  ['top 10 campaigns by spend in 2025', 'top 10 brands by spend in 2025'],
  ['highest CPC by market in 2025', 'lowest CPC by market in 2025'],
];

/** Rephrases: other words, the same query. Each pair must share a key. */
const REPHRASES: [string, string][] = [
  ['spend in Gaming in 2025', 'how much did Gaming spend in 2025'],
  ['spend in Gaming in 2025', 'total spend for Gaming in 2025'],
  ['spend in Gaming in 2025', 'Gaming spend 2025'],
  ['CTR by channel last quarter', 'click-through rate by channel last quarter'],
  ['spend on Social in Taiwan in 2025', 'spend in Taiwan on Social in 2025'],
  ['spend in Gaming and Beauty in 2025', 'spend in Beauty and Gaming in 2025'],
  ['spend in 2025 vs 2024', 'spend in 2025 compared with 2024'],
  ['monthly spend in 2025', 'spend by month in 2025'],
  ['bottom 5 brands by spend in Gaming last quarter', 'worst 5 brands by spend in Gaming last quarter'],
  ['spend excluding Gaming in 2025', 'spend in 2025 except Gaming'],
  ['what was the cost per click in 2024', 'CPC in 2024'],
];

describe('the answer cache key', () => {
  it(`gives none of ${NEAR_MISSES.length} near-miss pairs the same key (0 false hits)`, () => {
    expect(NEAR_MISSES.length).toBeGreaterThanOrEqual(50);
    const falseHits = NEAR_MISSES.filter(([a, b]) => {
      const [ka, kb] = [keyOf(a), keyOf(b)];
      return ka !== null && ka === kb;
    });
    expect(falseHits).toEqual([]);
  });

  it('keys both sides of most near misses, so the check above is not vacuous', () => {
    // A side the parser cannot place exactly ("not in", "outside") is asked back or sent to the
    // model, and never looked up: those pairs cannot hit by construction.
    const keyed = NEAR_MISSES.filter(([a, b]) => keyOf(a) !== null && keyOf(b) !== null);
    expect(keyed.length).toBeGreaterThanOrEqual(45);
  });

  it.each(REPHRASES)('"%s" and "%s" share a key (a rephrase hits)', (a, b) => {
    expect(keyOf(a)).not.toBeNull();
    expect(keyOf(a)).toBe(keyOf(b));
  });

  it('is keyed by the query, never the text, and by data version and access scope', () => {
    const settled = certainOrClarify(parseQuestion('spend in Gaming in 2025', ctx), ctx);
    if (settled.status !== 'query') throw new Error('expected a query');
    const base = { query: settled.query, asOf: ctx.asOf, dataVersion: 'v1', audience };
    const key = answerCacheKeyMaterial(base);
    expect(key).not.toContain('spend in Gaming');
    expect(answerCacheKeyMaterial({ ...base, dataVersion: 'v2' })).not.toBe(key);
    expect(answerCacheKeyMaterial({ ...base, asOf: '2025-12-30' })).not.toBe(key);
    expect(answerCacheKeyMaterial({ ...base, audience: channelAudience('C2', 'U1') })).not.toBe(key);
    expect(answerCacheKeyMaterial({ ...base, audience: directMessageAudience('U1') })).not.toBe(key);
    // Another asker in the same channel may see exactly the same documents: the same key.
    expect(answerCacheKeyMaterial({ ...base, audience: channelAudience('C1', 'U2') })).toBe(key);
    expect(answerCacheKeyMaterial({ ...base, audience: workspaceAudience() })).not.toBe(key);
  });

  it('fills defaults and sorts what has no order, keeping what shapes the answer', () => {
    const a = canonicalQuery({
      metrics: ['spend'],
      dimensions: ['market', 'channel'],
      filters: [
        { dimension: 'market', values: ['Japan', 'Taiwan'], exclude: false },
        { dimension: 'channel', values: ['Social'], exclude: false },
      ],
      time: { kind: 'year', year: 2025 },
    });
    const b = canonicalQuery({
      metrics: ['spend'],
      dimensions: ['market', 'channel'],
      filters: [
        { dimension: 'channel', values: ['Social'], exclude: false },
        { dimension: 'market', values: ['Taiwan', 'Japan'], exclude: false },
      ],
      time: { kind: 'year', year: 2025 },
    });
    expect(a).toBe(b);
    const regrouped = canonicalQuery({
      metrics: ['spend'],
      dimensions: ['channel', 'market'],
      filters: [],
      time: { kind: 'year', year: 2025 },
    });
    expect(regrouped).not.toBe(
      canonicalQuery({
        metrics: ['spend'],
        dimensions: ['market', 'channel'],
        filters: [],
        time: { kind: 'year', year: 2025 },
      }),
    );
  });
});
