import { describe, expect, it } from 'vitest';
import { createRedisSpendLedger } from '../../src/adapters/redis/spend-ledger.ts';
import { teamMonthlyScope, userDailyScope } from '../../src/llmops/ledger/budgets.ts';
import { entryForCall, NANO } from '../../src/llmops/ledger/ledger-entry.ts';
import type { LlmCallMeta } from '../../src/ports.ts';
import { useRedisReplicas } from '../fixtures/redis-replicas.ts';

const now = new Date('2026-12-02T10:00:00Z');
const who = { user: 'U1', channel: 'C1', team: 'T1' };
const call = (overrides: Partial<LlmCallMeta['usage']> = {}, modelId = 'us.anthropic.claude-sonnet-4-6') =>
  ({
    modelId,
    prompt: { id: 'metric-query', version: '1.2.0', hash: 'h' },
    usage: {
      inputTokens: 10_000,
      outputTokens: 1_000,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      ...overrides,
    },
    latencyMs: 1,
    stopReason: 'tool_use',
    repaired: false,
  }) as LlmCallMeta;

describe('spend ledger on a real Redis', () => {
  const r = useRedisReplicas();

  it('admits exactly as many concurrent worst-case holds as the budget takes, across two replicas', async () => {
    const replicas = [
      createRedisSpendLedger(r.a, { prefix: r.prefix }),
      createRedisSpendLedger(r.b, { prefix: r.prefix }),
    ];
    const scopes = [userDailyScope('U1', 1, now)];
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (replicas[i % 2] ?? replicas[0])!.reserve({
          reservationId: `r${i}`,
          scopes,
          worstNanoUsd: 0.3 * NANO,
          holdMs: 60_000,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.reserved)).toHaveLength(3);
    const refused = outcomes.find((o) => !o.reserved);
    expect(refused && !refused.reserved && refused.scope.key).toBe('user:U1:2026-12-02');
  });

  it('settles the actual cost, releases the hold, and then admits again', async () => {
    const ledger = createRedisSpendLedger(r.a, { prefix: r.prefix });
    const scopes = [userDailyScope('U1', 1, now), teamMonthlyScope('T1', 10, now)];
    const hold = { scopes, worstNanoUsd: 0.6 * NANO, holdMs: 60_000 };
    expect((await ledger.reserve({ reservationId: 'q1', ...hold })).reserved).toBe(true);
    expect((await ledger.reserve({ reservationId: 'q2', ...hold })).reserved).toBe(false);
    // Sonnet 4.6: 10k input at $3/M + 1k output at $15/M = $0.045.
    const entry = entryForCall(call(), who, '2026-12-02');
    expect(entry.costNanoUsd).toBe(45_000_000);
    await ledger.settle({ reservationId: 'q1', scopes, entries: [entry] });
    expect(await ledger.spent(scopes)).toEqual([45_000_000, 45_000_000]);
    const again = await ledger.reserve({ reservationId: 'q2', ...hold });
    expect(again).toEqual({ reserved: true, spentNanoUsd: [45_000_000, 45_000_000] });
  });

  it('drops a hold nobody settled once it lapses', async () => {
    const ledger = createRedisSpendLedger(r.a, { prefix: r.prefix });
    const scopes = [userDailyScope('U1', 1, now)];
    expect(
      (await ledger.reserve({ reservationId: 'dead', scopes, worstNanoUsd: NANO, holdMs: 50 })).reserved,
    ).toBe(true);
    expect(
      (await ledger.reserve({ reservationId: 'x', scopes, worstNanoUsd: NANO, holdMs: 50 })).reserved,
    ).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(
      (await ledger.reserve({ reservationId: 'y', scopes, worstNanoUsd: NANO, holdMs: 50 })).reserved,
    ).toBe(true);
  });

  it('sums usage by each dimension over days, cache reads and writes priced apart', async () => {
    const ledger = createRedisSpendLedger(r.a, { prefix: r.prefix });
    const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
    await ledger.settle({
      reservationId: '',
      scopes: [],
      entries: [
        entryForCall(call(), who, '2026-12-01'),
        entryForCall(call({ cacheReadTokens: 20_000, cacheWriteTokens: 0 }, haiku), who, '2026-12-02'),
        entryForCall(call({ cacheWriteTokens: 20_000 }, haiku), { ...who, user: 'U2' }, '2026-12-02'),
      ],
    });
    const byUser = await ledger.usage({ days: ['2026-12-01', '2026-12-02'], by: 'user' });
    const u1 = byUser.find((r) => r.key === 'U1');
    // $0.045 (Sonnet) + Haiku 10k×$1 + 1k×$5 + 20k cache read×$0.10 = $0.017.
    expect(u1).toEqual({
      key: 'U1',
      calls: 2,
      input_tokens: 20_000,
      output_tokens: 2_000,
      cost_usd: 0.062,
      cache_hits: 1,
    });
    const u2 = byUser.find((r) => r.key === 'U2');
    // 10k×$1 + 1k×$5 + 20k cache write×$1.25 = $0.04.
    expect(u2?.cost_usd).toBeCloseTo(0.04, 12);
    const byModel = await ledger.usage({ days: ['2026-12-02'], by: 'model' });
    expect(byModel.map((r) => [r.key, r.calls])).toEqual([[haiku, 2]]);
    const byPrompt = await ledger.usage({ days: ['2026-12-01'], by: 'prompt' });
    expect(byPrompt.map((r) => r.key)).toEqual(['metric-query@1.2.0']);
    expect(await ledger.usage({ days: ['2026-11-30'], by: 'user' })).toEqual([]);
  });
});
