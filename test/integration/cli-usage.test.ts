import { describe, expect, it } from 'vitest';
import { createRedisSpendLedger } from '../../src/adapters/redis/spend-ledger.ts';
import { userDailyScope, utcDay } from '../../src/llmops/ledger/budgets.ts';
import { entryForCall } from '../../src/llmops/ledger/ledger-entry.ts';
import type { LlmCallMeta } from '../../src/ports.ts';
import { cli } from '../fixtures/cli-harness.ts';
import { useRedisReplicas } from '../fixtures/redis-replicas.ts';

const haiku = 'us.anthropic.claude-haiku-4-5-20251001-v1:0';
const call = (cacheReadTokens = 0, version = '1.2.0'): LlmCallMeta => ({
  modelId: haiku,
  prompt: { id: 'metric-query', version, hash: 'h' },
  usage: { inputTokens: 100_000, outputTokens: 10_000, cacheReadTokens, cacheWriteTokens: 0 },
  latencyMs: 1,
  stopReason: 'tool_use',
  repaired: false,
});

describe('scout usage', () => {
  const r = useRedisReplicas();

  async function seed() {
    const today = utcDay(new Date());
    const ledger = createRedisSpendLedger(r.a, { prefix: r.prefix });
    const u1 = { user: 'U1', channel: 'C1', team: 'T1' };
    // $0.15 per call (100k × $1 + 10k × $5 per million); the cache read adds 50k × $0.10 = $0.005.
    await ledger.settle({
      reservationId: '',
      scopes: [userDailyScope('U1', 0.4, new Date())],
      entries: [entryForCall(call(), u1, today), entryForCall(call(50_000), u1, today)],
    });
    await ledger.settle({
      reservationId: '',
      scopes: [userDailyScope('U2', 0.4, new Date())],
      entries: [entryForCall(call(0, '1.3.0'), { user: 'U2', channel: 'C2', team: 'T1' }, today)],
    });
    return { REDIS_URL: 'redis://127.0.0.1:6379', SCOUT_REDIS_PREFIX: r.prefix };
  }

  it('prints exactly the contract object with --json: rows by user and the state of each budget', async () => {
    const env = { ...(await seed()), SCOUT_BUDGET_USER_DAILY_USD: '0.4' };
    const { code, stdout, stderr } = await cli(['usage', '--json'], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const today = utcDay(new Date());
    expect(JSON.parse(stdout)).toEqual({
      rows: [
        { key: 'U1', calls: 2, input_tokens: 200_000, output_tokens: 20_000, cost_usd: 0.305, cache_hits: 1 },
        { key: 'U2', calls: 1, input_tokens: 100_000, output_tokens: 10_000, cost_usd: 0.15, cache_hits: 0 },
      ],
      budgets: [
        { scope: `user:U1:${today}`, limit_usd: 0.4, spent_usd: 0.305, state: 'ok' },
        { scope: `user:U2:${today}`, limit_usd: 0.4, spent_usd: 0.15, state: 'ok' },
      ],
    });
  });

  it('groups by prompt version and by model, with no budgets when none is set', async () => {
    const env = await seed();
    const byPrompt = JSON.parse((await cli(['usage', '--json', '--by', 'prompt'], env)).stdout);
    expect(byPrompt.rows.map((row: { key: string; calls: number }) => [row.key, row.calls])).toEqual([
      ['metric-query@1.2.0', 2],
      ['metric-query@1.3.0', 1],
    ]);
    expect(byPrompt.budgets).toEqual([]);
    const byModel = JSON.parse(
      (await cli(['usage', '--json', '--by=model', '--since', utcDay(new Date())], env)).stdout,
    );
    expect(byModel.rows).toHaveLength(1);
    expect(byModel.rows[0]).toMatchObject({ key: haiku, calls: 3 });
  });

  it('prints a readable table without --json', async () => {
    const env = { ...(await seed()), SCOUT_BUDGET_USER_DAILY_USD: '0.3' };
    const { code, stdout } = await cli(['usage', '--by', 'channel'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^model usage by channel since \d{4}-\d{2}-\d{2}\nchannel {2}calls/);
    expect(stdout).toMatch(/C1 +2 +200000 +20000 +\$0\.3050 +1/);
    expect(stdout).toMatch(/user:U1:\S+ +\$0\.3000 +\$0\.3050 +blocked/);
  });

  it.each([
    [['usage', '--by', 'team-lead']],
    [['usage', '--since', '2025-13-01']],
    [['usage', '--since', 'yesterday']],
    [['usage', '--since', '2999-01-01']],
    [['usage', '--verbose']],
    [['usage', 'extra']],
  ])('refuses %j in one line with a non-zero status', async (argv) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^scout: /);
  });
});
