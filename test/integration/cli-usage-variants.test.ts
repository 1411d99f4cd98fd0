import { describe, expect, it } from 'vitest';
import { createRedisAnswerStore } from '../../src/adapters/redis/answer-store.ts';
import type { AnswerRecord } from '../../src/domain/answer-record.ts';
import { answerRecord } from '../fakes/record-fakes.ts';
import { cli } from '../fixtures/cli-harness.ts';
import { useRedisReplicas } from '../fixtures/redis-replicas.ts';

const canary = { task: 'metric-query', version: '1.0.0', label: 'canary' as const };
const production = { task: 'metric-query', version: '1.1.0', label: 'production' as const };
const shadow = { task: 'metric-query', version: '1.0.0', label: 'shadow' as const };

describe('scout usage --by prompt: results by prompt variant', () => {
  const r = useRedisReplicas();

  async function seed() {
    const store = createRedisAnswerStore(r.a, { prefix: r.prefix });
    const today = new Date().toISOString();
    const save = (id: string, overrides: Partial<AnswerRecord>) =>
      store.save(answerRecord({ id, createdAt: today, path: 'model', ...overrides }));
    await save('a-canary01', { variants: [canary], costUsd: 0.002, latencyMs: 800 });
    await save('a-canary02', {
      variants: [canary],
      costUsd: 0.004,
      latencyMs: 1200,
      status: 'error',
      errorCode: 'llm_invalid_output',
    });
    await save('a-prod0001', { variants: [production], costUsd: 0.003, latencyMs: 900 });
    await save('a-prod0001-shadow', {
      variants: [shadow],
      shadowOf: 'a-prod0001',
      costUsd: 0.001,
      latencyMs: 700,
    });
    // Outside any experiment: not a variant's answer.
    await save('a-plain0001', { costUsd: 0.5 });
    await store.addFeedback('a-canary01', { user: 'U1', value: 'up', at: today });
    await store.addFeedback('a-canary01', { user: 'U2', value: 'down', at: today });
    await store.addFeedback('a-prod0001', { user: 'U3', value: 'up', at: today });
    return { REDIS_URL: 'redis://127.0.0.1:6379', SCOUT_REDIS_PREFIX: r.prefix };
  }

  it('adds each variant’s answers, feedback, failed checks, cost and latency to --by prompt --json', async () => {
    const { code, stdout } = await cli(['usage', '--json', '--by', 'prompt'], await seed());
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['rows', 'budgets', 'variants']);
    expect(report.variants).toEqual([
      {
        variant: 'metric-query@1.0.0 (canary)',
        ...canary,
        answers: 2,
        feedback_up: 1,
        feedback_down: 1,
        verification_failures: 1,
        cost_usd: 0.006,
        latency_ms_p50: 800,
        latency_ms_p95: 1200,
      },
      {
        variant: 'metric-query@1.0.0 (shadow)',
        ...shadow,
        answers: 1,
        feedback_up: 0,
        feedback_down: 0,
        verification_failures: 0,
        cost_usd: 0.001,
        latency_ms_p50: 700,
        latency_ms_p95: 700,
      },
      {
        variant: 'metric-query@1.1.0 (production)',
        ...production,
        answers: 1,
        feedback_up: 1,
        feedback_down: 0,
        verification_failures: 0,
        cost_usd: 0.003,
        latency_ms_p50: 900,
        latency_ms_p95: 900,
      },
    ]);
  });

  it('keeps the contract object exact for every other grouping', async () => {
    const report = JSON.parse((await cli(['usage', '--json', '--by', 'model'], await seed())).stdout);
    expect(Object.keys(report)).toEqual(['rows', 'budgets']);
  });

  it('prints the variants as a table without --json', async () => {
    const { stdout } = await cli(['usage', '--by', 'prompt'], await seed());
    expect(stdout).toMatch(/results by prompt variant since \d{4}-\d{2}-\d{2}/);
    expect(stdout).toMatch(/metric-query@1\.0\.0 \(canary\) +2 +1 +1 +1 +\$0\.0060 +800 +1200/);
  });
});
