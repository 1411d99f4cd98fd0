import { describe, expect, it } from 'vitest';
import { ScoutError } from '../../src/errors.ts';
import {
  assertKnownModel,
  baseModelId,
  costOfCall,
  guardrailCostUsd,
  guardrailTextUnits,
  listModelPrices,
  PRICE_TABLE_EFFECTIVE_FROM,
  PRICE_TABLE_VERSION,
} from '../../src/llmops/pricing.ts';

const HAIKU = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const SONNET_46 = 'us.anthropic.claude-sonnet-4-6';
const SONNET_5 = 'anthropic.claude-sonnet-5';

function expectConfigInvalid(run: () => unknown, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScoutError);
    expect((error as ScoutError).code).toBe('config_invalid');
    expect((error as ScoutError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected config_invalid');
}

describe('price table', () => {
  it('is versioned with an effective date', () => {
    expect(PRICE_TABLE_VERSION).toBe('2026-08-24');
    expect(PRICE_TABLE_EFFECTIVE_FROM).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps every price to at most four decimals (exact integer arithmetic)', () => {
    for (const price of listModelPrices()) {
      for (const value of [
        price.input,
        price.output,
        price.cacheRead,
        price.cacheWrite,
        price.cacheWrite1h,
      ]) {
        if (value === undefined) continue;
        expect(Math.abs(value * 10_000 - Math.round(value * 10_000))).toBeLessThan(1e-9);
      }
    }
  });
});

describe('costOfCall', () => {
  it('prices Haiku 4.5 input, output and cache tokens', () => {
    // 1,000,000 in × $1 + 200,000 out × $5 + 400,000 cache read × $0.10 + 100,000 cache write × $1.25
    expect(
      costOfCall({
        modelId: HAIKU,
        inputTokens: 1_000_000,
        outputTokens: 200_000,
        cacheReadTokens: 400_000,
        cacheWriteTokens: 100_000,
      }),
    ).toEqual({ usd: 2.165, priceTableVersion: '2026-08-24' });
  });

  it('prices a typical small Sonnet 4.6 call exactly', () => {
    // 1,234 × 3 + 567 × 15 = 3,702 + 8,505 = 12,207 $/1M → $0.012207
    expect(costOfCall({ modelId: SONNET_46, inputTokens: 1_234, outputTokens: 567 }).usd).toBe(0.012207);
    // Cache: 10,000 read × 0.30 + 2,000 write × 3.75 = 3,000 + 7,500 → $0.0105
    expect(
      costOfCall({
        modelId: SONNET_46,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 10_000,
        cacheWriteTokens: 2_000,
      }).usd,
    ).toBe(0.0105);
  });

  it('prices Sonnet 5 and a zero-token call', () => {
    expect(costOfCall({ modelId: SONNET_5, inputTokens: 500_000, outputTokens: 100_000 }).usd).toBe(2);
    expect(costOfCall({ modelId: SONNET_5, inputTokens: 0, outputTokens: 0 }).usd).toBe(0);
  });

  it('does not drift when many small costs are summed one by one', () => {
    const one = costOfCall({ modelId: HAIKU, inputTokens: 1, outputTokens: 0 }).usd;
    expect(one).toBe(0.000001);
  });

  it('uses the 1-hour cache-write price when asked, and refuses it where none is published', () => {
    expect(
      costOfCall({
        modelId: HAIKU,
        inputTokens: 0,
        outputTokens: 0,
        cacheWriteTokens: 1_000_000,
        cacheWriteTtl: '1h',
      }).usd,
    ).toBe(2);
    expectConfigInvalid(
      () =>
        costOfCall({
          modelId: SONNET_46,
          inputTokens: 0,
          outputTokens: 0,
          cacheWriteTokens: 10,
          cacheWriteTtl: '1h',
        }),
      /no 1h cache-write price/,
    );
  });

  it('refuses cache tokens on a model without published cache prices instead of costing them $0', () => {
    expectConfigInvalid(
      () => costOfCall({ modelId: SONNET_5, inputTokens: 1, outputTokens: 1, cacheReadTokens: 5 }),
      /no cache-read price/,
    );
    expectConfigInvalid(
      () => costOfCall({ modelId: SONNET_5, inputTokens: 1, outputTokens: 1, cacheWriteTokens: 5 }),
      /no 5m cache-write price/,
    );
  });

  it.each([
    'anthropic.claude-sonnet-4-6',
    'us.anthropic.claude-sonnet-4-6',
    'eu.anthropic.claude-sonnet-4-6',
    'apac.anthropic.claude-sonnet-4-6',
    'global.anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6',
  ])('resolves %s to Sonnet 4.6', (modelId) => {
    expect(baseModelId(modelId)).toBe('anthropic.claude-sonnet-4-6');
    expect(assertKnownModel(modelId).name).toBe('Claude Sonnet 4.6');
    expect(costOfCall({ modelId, inputTokens: 1_000_000, outputTokens: 0 }).usd).toBe(3);
  });

  it('resolves both Sonnet 5 ids and the Haiku profile', () => {
    expect(assertKnownModel('anthropic.claude-sonnet-5').name).toBe('Claude Sonnet 5');
    expect(assertKnownModel('us.anthropic.claude-sonnet-5').name).toBe('Claude Sonnet 5');
    expect(assertKnownModel(HAIKU).name).toBe('Claude Haiku 4.5');
  });

  it.each([
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'us.anthropic.claude-haiku-4-5',
    'ANTHROPIC.CLAUDE-SONNET-4-6',
    'xx.anthropic.claude-sonnet-4-6',
    'us.us.anthropic.claude-sonnet-4-6',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
    '',
  ])('refuses the unknown model %j instead of recording $0', (modelId) => {
    expectConfigInvalid(() => assertKnownModel(modelId), /not in price table 2026-08-24/);
    if (modelId !== '') {
      expectConfigInvalid(
        () => costOfCall({ modelId, inputTokens: 10, outputTokens: 10 }),
        /refusing to call a model/,
      );
    }
  });

  it('rejects token counts that are not whole non-negative numbers', () => {
    for (const inputTokens of [-1, 1.5, Number.NaN]) {
      expect(() => costOfCall({ modelId: HAIKU, inputTokens, outputTokens: 0 })).toThrow(
        /invalid model usage/,
      );
    }
  });
});

describe('guardrail cost', () => {
  it('charges per 1,000 text units per paid policy', () => {
    expect(guardrailCostUsd(1_000, ['content'])).toBe(0.15);
    expect(guardrailCostUsd(1_000, ['topic'])).toBe(0.15);
    expect(guardrailCostUsd(1_000, ['grounding'])).toBe(0.1);
    expect(guardrailCostUsd(1_000, ['pii'])).toBe(0.1);
    // 3 units × (0.15 + 0.15 + 0.10 + 0.10) / 1000 = $0.0015
    expect(guardrailCostUsd(3, ['content', 'topic', 'grounding', 'pii', 'word', 'regex'])).toBe(0.0015);
    expect(guardrailCostUsd(10, ['content', 'content'])).toBe(0.0015);
    expect(guardrailCostUsd(10, ['word', 'regex'])).toBe(0);
    expect(guardrailCostUsd(0, ['content'])).toBe(0);
  });

  it('rejects bad unit counts and unknown policies', () => {
    expect(() => guardrailCostUsd(-1, ['content'])).toThrow(/text units/);
    expect(() => guardrailCostUsd(1.5, ['content'])).toThrow(/text units/);
    expectConfigInvalid(() => guardrailCostUsd(1, ['toxicity' as 'content']), /no guardrail price/);
  });

  it('counts one text unit per started 1,000 characters', () => {
    expect(guardrailTextUnits('')).toBe(0);
    expect(guardrailTextUnits('a')).toBe(1);
    expect(guardrailTextUnits('a'.repeat(1_000))).toBe(1);
    expect(guardrailTextUnits('a'.repeat(1_001))).toBe(2);
    // 1,000 emoji are 2,000 UTF-16 code units but 1,000 characters.
    expect(guardrailTextUnits('😀'.repeat(1_000))).toBe(1);
  });
});
