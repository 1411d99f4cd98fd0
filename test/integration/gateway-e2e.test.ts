import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRedisSpendLedger } from '../../src/adapters/redis/spend-ledger.ts';
import { userDailyScope, utcDay } from '../../src/llmops/ledger/budgets.ts';
import { entryForCall } from '../../src/llmops/ledger/ledger-entry.ts';
import { converseToolUse, type FakeBedrock, startFakeBedrock } from '../fakes/fake-bedrock.ts';
import { llmCallMeta } from '../fakes/port-fakes.ts';
import { cli } from '../fixtures/cli-harness.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';

/**
 * The gateway end to end: the real CLI and AWS SDK clients against the fake Bedrock, real Redis
 * (ledger, answer cache, records) and the sample DuckDB warehouse.
 */
let bedrock: FakeBedrock;
let redis: Redis;
let prefix: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  bedrock = await startFakeBedrock();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  process.env = savedEnv;
  await bedrock.close();
  if (prefix) await deletePrefixed(redis, prefix);
  redis.disconnect();
});
beforeEach(async () => {
  bedrock.reset();
  if (prefix) await deletePrefixed(redis, prefix);
  prefix = `test-${randomUUID()}:`;
});

const env = (extra: Record<string, string> = {}) => ({
  LLM_PROVIDER: 'bedrock',
  AWS_REGION: 'us-east-1',
  BEDROCK_ENDPOINT: bedrock.url,
  SCOUT_AS_OF: '2025-12-31',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SCOUT_REDIS_PREFIX: prefix,
  ...extra,
});

async function ask(question: string, extra: Record<string, string> = {}) {
  const run = await cli(['ask', '--json', '--no-chart', '--as-user', 'U0GATEWAY1', question], env(extra));
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

async function why(id: string, extra: Record<string, string> = {}) {
  return JSON.parse((await cli(['why', '--json', id], env(extra))).stdout);
}

const channelsQuery = {
  query: { metrics: ['spend'], dimensions: ['channel'], time: { kind: 'year', year: 2025 } },
};

describe('the model gateway, end to end', () => {
  it('trips a used-up budget: the model is not called, the offline engine answers naming the budget', async () => {
    const budget = { SCOUT_BUDGET_USER_DAILY_USD: '0.05' };
    const who = { user: 'U0GATEWAY1', channel: null, team: null };
    await createRedisSpendLedger(redis, { prefix }).settle({
      reservationId: '',
      scopes: [userDailyScope('U0GATEWAY1', 0.05, new Date())],
      // 100k input + 10k output tokens on Haiku: $0.15, past the $0.05 budget.
      entries: [
        entryForCall(
          llmCallMeta({
            usage: { inputTokens: 100_000, outputTokens: 10_000, cacheReadTokens: 0, cacheWriteTokens: 0 },
          }),
          who,
          utcDay(new Date()),
        ),
      ],
    });
    bedrock.onConverse(converseToolUse('metric_query', channelsQuery));
    const out = await ask('how does spend split across channels in 2025, pretty please', budget);
    expect(bedrock.callsTo('Converse')).toHaveLength(0);
    expect(out.degraded).toBe(true);
    expect(out.answer).toMatch(
      /your daily model budget of \$0\.05 \(SCOUT_BUDGET_USER_DAILY_USD\) is used up/,
    );
    expect(out.budget).toMatchObject({ state: 'blocked', settledUsd: 0 });
    const record = await why(out.id, budget);
    expect(record.budget).toMatchObject({ state: 'blocked' });
    const text = (await cli(['why', out.id], env(budget))).stdout;
    expect(text).toMatch(/budget: blocked/);
  });

  it('books a model answer in the ledger through the gateway and keeps its checks on the record', async () => {
    bedrock.onConverse(
      converseToolUse('metric_query', channelsQuery, { inputTokens: 2400, outputTokens: 60 }),
    );
    const out = await ask('how does spend split across channels in 2025 for bob@example.com, pretty please', {
      SCOUT_BUDGET_USER_DAILY_USD: '1',
    });
    expect(out).toMatchObject({ status: 'answered', path: 'model' });
    const [held] = await createRedisSpendLedger(redis, { prefix }).spent([
      userDailyScope('U0GATEWAY1', 1, new Date()),
    ]);
    expect((held ?? 0) / 1e9).toBeCloseTo((2400 * 1 + 60 * 5) / 1e6, 9);
    const record = await why(out.id);
    expect(record.budget).toMatchObject({ state: 'ok' });
    expect(record.budget.settledUsd).toBeCloseTo(0.0027, 9);
    expect(record.guardrailDecisions).toContainEqual({
      stage: 'input',
      check: 'personal_data',
      fired: false,
      operation: 'converse',
    });
    expect(record.cache).toMatchObject({ status: 'miss', promptCache: { calls: 1 } });
  });

  it('serves a rephrase from the answer cache and never a negation', async () => {
    const first = await ask('spend in Gaming in 2025');
    const rephrased = await ask('how much did Gaming spend in 2025');
    const negated = await ask('spend excluding Gaming in 2025');
    const unplaced = await ask('spend not in Gaming in 2025');
    expect([first.cache, rephrased.cache, negated.cache]).toEqual(['miss', 'hit', 'miss']);
    expect(rephrased.rows).toEqual(first.rows);
    expect(negated.rows).not.toEqual(first.rows);
    // "not in" is a word the parser cannot place: never looked up, whatever it becomes.
    expect(unplaced.cache).not.toBe('hit');
    expect((await why(rephrased.id)).cache).toEqual({
      status: 'hit',
      promptCache: { calls: 0, reads: 0, writes: 0 },
    });
    const again = await ask('how much did Gaming spend in 2025', { SCOUT_DATA_VERSION: 'reloaded-1' });
    expect(again.cache).toBe('miss');
  });
});
