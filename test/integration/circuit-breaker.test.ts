import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type CircuitTransition,
  createRedisCircuitBreaker,
  type RedisCircuitBreakerOptions,
} from '../../src/adapters/redis/circuit-breaker.ts';
import { checkRedis, createRedisConnection } from '../../src/adapters/redis/redis-connection.ts';
import { ScoutError } from '../../src/errors.ts';
import { deletePrefixed, keysUnder } from '../fixtures/redis-cleanup.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('Redis circuit breaker against a real Redis', () => {
  let redis: Redis;
  let other: Redis;
  let prefix: string;
  /** The shared fake clock (epoch ms): tests move it instead of sleeping. */
  let clock: number;

  beforeEach(async () => {
    prefix = `test-${randomUUID()}:`;
    clock = Date.UTC(2026, 8, 1, 12, 0, 0);
    redis = createRedisConnection(REDIS_URL, { name: 'scout-test-breaker-a' });
    other = createRedisConnection(REDIS_URL, { name: 'scout-test-breaker-b' });
    await Promise.all([checkRedis(redis, 5_000), checkRedis(other, 5_000)]);
  });

  afterEach(async () => {
    await deletePrefixed(redis, prefix);
    await Promise.all([redis.quit(), other.quit()]);
  });

  /** Two replicas: separate connections and breaker instances, one shared circuit. */
  function replicas(options: Partial<RedisCircuitBreakerOptions> = {}) {
    const base = { prefix, name: 'bedrock', now: () => clock, ...options };
    return [createRedisCircuitBreaker(redis, base), createRedisCircuitBreaker(other, base)] as const;
  }

  it('starts closed and lets calls through', async () => {
    const [a] = replicas();
    expect(await a.state()).toBe('closed');
    expect(await a.allow()).toBe(true);
  });

  it('opens at the threshold, seen by every replica, and refuses calls while open', async () => {
    const transitions: CircuitTransition[] = [];
    const [a, b] = replicas({ failureThreshold: 3, onTransition: (t) => transitions.push(t) });
    await a.recordFailure();
    await b.recordFailure();
    expect(await a.state()).toBe('closed');
    await a.recordFailure();
    expect(await a.state()).toBe('open');
    expect(await b.state()).toBe('open');
    expect(await a.allow()).toBe(false);
    expect(await b.allow()).toBe(false);
    expect(transitions).toEqual(['opened']);

    // Late failures while open do not extend the open period.
    clock += 10_000;
    await b.recordFailure();
    clock += 20_000;
    expect(await b.state()).toBe('half_open');
  });

  it('keeps every key under <prefix>breaker:<name>: with a TTL', async () => {
    const [a] = replicas({ failureThreshold: 1, openSeconds: 30 });
    await a.recordFailure();
    clock += 30_000;
    expect(await a.allow()).toBe(true);
    const keys = await keysUnder(redis, prefix);
    expect(keys).toEqual([`${prefix}breaker:bedrock:open`, `${prefix}breaker:bedrock:probe`]);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('counts failures per window: old failures age out', async () => {
    const [a, b] = replicas({ failureThreshold: 3, windowSeconds: 60 });
    // Align to a window start so the two failures are in the same window.
    clock = Math.ceil(clock / 60_000) * 60_000;
    await a.recordFailure();
    await b.recordFailure();
    clock += 60_000;
    await a.recordFailure();
    expect(await a.state()).toBe('closed');
    await b.recordFailure();
    await a.recordFailure();
    expect(await b.state()).toBe('open');
  });

  it('a success resets the failure count', async () => {
    const [a, b] = replicas({ failureThreshold: 3 });
    await a.recordFailure();
    await b.recordFailure();
    await a.recordSuccess();
    await b.recordFailure();
    await a.recordFailure();
    expect(await a.state()).toBe('closed');
    await b.recordFailure();
    expect(await a.state()).toBe('open');
  });

  it('after openSeconds lets exactly one of many concurrent probes through, across replicas', async () => {
    const [a, b] = replicas({ failureThreshold: 1, openSeconds: 30 });
    await a.recordFailure();
    clock += 29_999;
    expect(await b.allow()).toBe(false);
    clock += 1;
    expect(await a.state()).toBe('half_open');

    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).allow()));
    expect(answers.filter(Boolean)).toHaveLength(1);
    // Still one probe at most until it reports.
    expect(await a.allow()).toBe(false);
  });

  it('a successful probe closes the circuit for every replica', async () => {
    const transitions: CircuitTransition[] = [];
    const [a, b] = replicas({ failureThreshold: 1, onTransition: (t) => transitions.push(t) });
    await a.recordFailure();
    clock += 30_000;
    expect(await b.allow()).toBe(true);
    await b.recordSuccess();
    expect(await a.state()).toBe('closed');
    expect(await a.allow()).toBe(true);
    expect(transitions).toEqual(['opened', 'closed']);
    // A success on a closed circuit is not a transition.
    await a.recordSuccess();
    expect(transitions).toEqual(['opened', 'closed']);
  });

  it('a failed probe re-opens for another openSeconds, then allows a fresh probe', async () => {
    const transitions: CircuitTransition[] = [];
    const [a, b] = replicas({
      failureThreshold: 2,
      openSeconds: 30,
      onTransition: (t) => transitions.push(t),
    });
    await a.recordFailure();
    await a.recordFailure();
    clock += 30_000;
    expect(await a.allow()).toBe(true);
    await a.recordFailure();
    expect(await b.state()).toBe('open');
    expect(await b.allow()).toBe(false);
    clock += 29_000;
    expect(await b.allow()).toBe(false);
    clock += 1_000;
    expect(await b.allow()).toBe(true);
    expect(await a.allow()).toBe(false);
    expect(transitions).toEqual(['opened', 'reopened']);
  });

  it('treats a corrupt open marker as due for a probe', async () => {
    const [a] = replicas();
    await redis.set(`${prefix}breaker:bedrock:open`, 'not-a-number', 'EX', 60);
    expect(await a.state()).toBe('half_open');
    expect(await a.allow()).toBe(true);
  });

  it('separates breakers by name', async () => {
    const bedrock = createRedisCircuitBreaker(redis, { prefix, name: 'bedrock', failureThreshold: 1 });
    const athena = createRedisCircuitBreaker(redis, { prefix, name: 'athena', failureThreshold: 1 });
    await bedrock.recordFailure();
    expect(await bedrock.state()).toBe('open');
    expect(await athena.state()).toBe('closed');
  });

  it('rejects bad options as config_invalid', () => {
    for (const bad of [
      { failureThreshold: 0 },
      { openSeconds: 1.5 },
      { windowSeconds: -1 },
      { name: 'a:b' },
    ]) {
      expect(() => createRedisCircuitBreaker(redis, { prefix, name: 'x', ...bad })).toThrow(ScoutError);
    }
  });
});

describe('Redis circuit breaker with Redis down', () => {
  it('fails open quickly and never throws, reporting each swallowed error', async () => {
    const consoleError = vi.spyOn(console, 'error');
    const down = createRedisConnection('redis://127.0.0.1:1', { name: 'scout-test-breaker-down' });
    const errors: { code: string; operation: string }[] = [];
    const breaker = createRedisCircuitBreaker(down, {
      prefix: `test-${randomUUID()}:`,
      name: 'bedrock',
      failureThreshold: 1,
      onError: (error, operation) => errors.push({ code: error.code, operation }),
    });
    try {
      const started = performance.now();
      expect(await breaker.allow()).toBe(true);
      await expect(breaker.recordFailure()).resolves.toBeUndefined();
      await expect(breaker.recordSuccess()).resolves.toBeUndefined();
      expect(await breaker.allow()).toBe(true);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(errors).toEqual([
        { code: 'redis_unavailable', operation: 'allow' },
        { code: 'redis_unavailable', operation: 'recordFailure' },
        { code: 'redis_unavailable', operation: 'recordSuccess' },
        { code: 'redis_unavailable', operation: 'allow' },
      ]);
      // state() is diagnostic, so it tells the truth instead of guessing.
      await expect(breaker.state()).rejects.toMatchObject({ code: 'redis_unavailable' });
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      down.disconnect();
      consoleError.mockRestore();
    }
  });
});
