import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRedis, createRedisConnection } from '../../src/adapters/redis/redis-connection.ts';
import { createRedisReportRuns } from '../../src/adapters/redis/report-runs.ts';
import type { ReportRuns } from '../../src/ports.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('report run records on a real Redis', () => {
  let redis: Redis;
  let prefix: string;
  let runs: ReportRuns;

  beforeEach(async () => {
    prefix = `test-${randomUUID()}:`;
    redis = createRedisConnection(REDIS_URL, { name: 'scout-test' });
    await checkRedis(redis, 5_000);
    runs = createRedisReportRuns(redis, { prefix, ttlSeconds: 600 });
  });

  afterEach(async () => {
    await deletePrefixed(redis, prefix);
    await redis.quit();
  });

  it('lets the newest run take over until the delivery is claimed, then only the claimant', async () => {
    expect(await runs.read('r1')).toBeNull();
    expect((await runs.begin('r1', 'a')).status).toBe('running');
    expect(await runs.begin('r1', 'b')).toMatchObject({ status: 'running', run: 'b' });
    // The older run lost its job: it can neither claim nor mark anything.
    expect(await runs.claimDelivery('r1', 'a', 10_000)).toBe('superseded');
    expect(await runs.claimDelivery('r1', 'b', 10_000)).toBe('claimed');
    // A run starting now does not become current: no progress after a claim.
    expect(await runs.begin('r1', 'c')).toMatchObject({ status: 'delivering', run: 'b' });
    expect(await runs.claimDelivery('r1', 'c', 10_000)).toBe('busy');
    expect(await runs.markSummaryPosted('r1', 'c')).toBe(false);
    expect(await runs.markSummaryPosted('r1', 'b')).toBe(true);
    expect(await runs.markFailed('r1')).toBe(false);
    expect(await runs.markDelivered('r1', 'c')).toBe(false);
    expect(await runs.markDelivered('r1', 'b')).toBe(true);
    expect(await runs.begin('r1', 'd')).toMatchObject({ status: 'delivered', summaryPosted: true });
    expect(await runs.claimDelivery('r1', 'd', 10_000)).toBe('delivered');
    expect(await runs.markFailed('r1')).toBe(false);
    const ttl = await redis.ttl(`${prefix}report-run:r1`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('hands a claim whose run went quiet past its lease to another run', async () => {
    await runs.begin('r2', 'a');
    expect(await runs.claimDelivery('r2', 'a', 50)).toBe('claimed');
    const state = await runs.read('r2');
    expect(state?.leaseLeftMs).toBeGreaterThan(0);
    expect(state?.leaseLeftMs).toBeLessThanOrEqual(50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await runs.claimDelivery('r2', 'b', 10_000)).toBe('claimed');
    expect(await runs.claimDelivery('r2', 'a', 10_000)).toBe('busy');
    expect(await runs.markDelivered('r2', 'a')).toBe(false);
    // Released at once when its delivery fails, so a retry need not wait.
    await runs.releaseDelivery('r2', 'b');
    expect(await runs.claimDelivery('r2', 'c', 10_000)).toBe('claimed');
  });

  it('fails a report only while no summary can be up', async () => {
    await runs.begin('r3', 'a');
    expect(await runs.markFailed('r3')).toBe(true);
    expect((await runs.begin('r3', 'b')).status).toBe('failed');
    expect(await runs.claimDelivery('r3', 'a', 10_000)).toBe('failed');

    await runs.begin('r4', 'a');
    await runs.claimDelivery('r4', 'a', 10_000);
    // A live delivery is about to post the summary.
    expect(await runs.markFailed('r4')).toBe(false);
    await runs.releaseDelivery('r4', 'a');
    expect(await runs.markFailed('r4')).toBe(true);

    // A job that failed before any run began.
    expect(await runs.markFailed('r5')).toBe(true);
  });

  it('lets a run deliver when the record was lost with Redis data', async () => {
    expect(await runs.claimDelivery('r6', 'a', 10_000)).toBe('claimed');
    expect(await runs.claimDelivery('r6', 'b', 10_000)).toBe('busy');
  });
});
