import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { type AnalystDeps, composeAnalyst } from '../../src/main.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { converseToolUse, type FakeBedrock, startFakeBedrock, streamText } from '../fakes/fake-bedrock.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';

/**
 * Bedrock that accepts requests and then misbehaves, against the real SDK clients (HTTP/2) and
 * the real circuit breaker in Redis: every question still ends, degraded to the offline answer,
 * and every such failure counts against the breaker.
 */

const CALL_TIMEOUT_MS = 400;
/**
 * The parser is unsure of this one ("pretty please"), so it goes to the model; degraded, the
 * offline engine alone asks about the word it could not place rather than answering past it.
 */
const uncertain = 'total spend in 2025 pretty please';

let bedrock: FakeBedrock;
let redis: Redis;
const prefix = `test-${randomUUID()}:`;
const analysts: AnalystDeps[] = [];
const savedEnv = { ...process.env };

async function analyst(env: Record<string, string> = {}): Promise<AnalystDeps> {
  const config = loadConfig({
    DUCKDB_PATH: sampleWarehouse,
    SCOUT_AS_OF: '2025-12-31',
    LLM_PROVIDER: 'bedrock',
    AWS_REGION: 'us-east-1',
    BEDROCK_ENDPOINT: bedrock.url,
    BEDROCK_TIMEOUT_MS: String(CALL_TIMEOUT_MS),
    SCOUT_REDIS_PREFIX: prefix,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ...env,
  });
  const composed = await composeAnalyst(config, { logger: pino({ level: 'silent' }), charts: false });
  analysts.push(composed);
  return composed;
}

async function timedAsk(deps: AnalystDeps, question = uncertain) {
  const started = performance.now();
  const answer = await ask(deps, question);
  return { answer, ms: performance.now() - started };
}

const breakerOpen = async () => (await redis.get(`${prefix}breaker:bedrock:open`)) !== null;

let plain: AnalystDeps;
beforeAll(async () => {
  bedrock = await startFakeBedrock();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  plain = await analyst();
});
afterAll(async () => {
  for (const a of analysts) await a.close();
  await deletePrefixed(redis, prefix);
  redis.disconnect();
  await bedrock.close();
  process.env = savedEnv;
});
beforeEach(async () => {
  bedrock.reset();
  await deletePrefixed(redis, prefix);
});

describe('Bedrock never hangs', () => {
  it('answers offline, degraded, when Converse accepts the request and never answers', async () => {
    bedrock.misbehaveNext('Converse', { kind: 'hang' }, 3);
    const { answer, ms } = await timedAsk(plain);
    expect(answer).toMatchObject({ status: 'clarify', path: 'offline', degraded: true });
    expect(answer.answer).toContain('degraded: answered without the model');
    expect(ms).toBeLessThan(CALL_TIMEOUT_MS + 1500);
  });

  it('ends every model call of a question at the question deadline, before the call deadline', async () => {
    const patient = await analyst({ BEDROCK_TIMEOUT_MS: '10000', SCOUT_QUESTION_TIMEOUT_MS: '600' });
    bedrock.misbehaveNext('Converse', { kind: 'hang' });
    const { answer, ms } = await timedAsk(patient);
    expect(answer).toMatchObject({ status: 'clarify', degraded: true });
    expect(ms).toBeLessThan(2000);
  });

  it('degrades like throttling on a non-JSON 200 and on a reset stream', async () => {
    bedrock.misbehaveNext('Converse', { kind: 'non_json' });
    const nonJson = await timedAsk(plain);
    expect(nonJson.answer).toMatchObject({ status: 'clarify', path: 'offline', degraded: true });
    bedrock.misbehaveNext('Converse', { kind: 'reset' }, 3);
    const reset = await timedAsk(plain);
    expect(reset.answer).toMatchObject({ status: 'clarify', path: 'offline', degraded: true });
    expect(reset.answer.answer).toContain('"pretty"');
  });

  it('keeps the figures when the narrative stream is reset halfway, or stalls', async () => {
    const sqlAnswer = () =>
      bedrock.onConverse(
        converseToolUse('metric_query', {
          sql: 'SELECT channel, SUM(spend_usd) AS spend FROM ad_performance_daily GROUP BY channel',
          explanation: 'spend per channel',
        }),
      );
    const question = 'the oddest channel split you can compute, pretty please';
    sqlAnswer();
    bedrock.misbehaveNext('ConverseStream', { kind: 'reset', afterEvents: 2 });
    bedrock.onConverseStream(streamText(['Spend was ', 'led by ', 'Search.']));
    const reset = await timedAsk(plain, question);
    expect(reset.answer).toMatchObject({ status: 'answered', path: 'model' });
    expect(reset.answer.answer).toBe('The query returned 6 rows; the figures are in the table.');

    sqlAnswer();
    const stalling = streamText(['Spend was ', 'led by Search.']);
    // messageStart, the first delta, then silence.
    stalling.splice(2, 0, { pauseMs: 60_000 });
    bedrock.onConverseStream(stalling);
    const stalled = await timedAsk(plain, question);
    expect(stalled.answer.answer).toBe('The query returned 6 rows; the figures are in the table.');
    expect(stalled.ms).toBeLessThan(CALL_TIMEOUT_MS + 1500);
  });

  it('answers offline within the deadline when the input guardrail hangs', async () => {
    const guarded = await analyst({ BEDROCK_GUARDRAIL_ID: 'gr-1', BEDROCK_GUARDRAIL_VERSION: '1' });
    bedrock.misbehaveNext('ApplyGuardrail', { kind: 'hang' }, 3);
    const { answer, ms } = await timedAsk(guarded);
    expect(answer).toMatchObject({ status: 'clarify', path: 'offline', degraded: true });
    expect(ms).toBeLessThan(CALL_TIMEOUT_MS + 1500);
    expect(bedrock.callsTo('Converse')).toHaveLength(0);
  });

  it('counts timeouts as circuit-breaker failures: after five, no replica calls Bedrock', async () => {
    bedrock.misbehaveNext('Converse', { kind: 'hang' }, 100);
    for (let i = 0; i < 5; i++) {
      expect((await timedAsk(plain)).answer.degraded).toBe(true);
    }
    expect(await breakerOpen()).toBe(true);
    const before = bedrock.callsTo('Converse').length;
    // Another replica sharing the Redis: it skips Bedrock at once.
    const replica = await analyst();
    const { answer, ms } = await timedAsk(replica);
    expect(answer).toMatchObject({ status: 'clarify', degraded: true });
    expect(bedrock.callsTo('Converse').length).toBe(before);
    expect(ms).toBeLessThan(300);
  });
});
