import { describe, expect, it } from 'vitest';
import { createRedisRateLimiter } from '../../src/adapters/redis/rate-limiter.ts';
import { useRedisReplicas } from '../fixtures/redis-replicas.ts';

describe('per-user rate limit on a real Redis', () => {
  const r = useRedisReplicas();

  it('admits a burst of perMinute questions, then says when to try again', async () => {
    const limiter = createRedisRateLimiter(r.a, { prefix: r.prefix, perMinute: 5 });
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await limiter.take('U1'));
    expect(decisions.slice(0, 5).every((d) => d.allowed)).toBe(true);
    expect(decisions[0]).toEqual({ allowed: true, remaining: 4 });
    const last = decisions[5];
    expect(last?.allowed).toBe(false);
    // One token comes back every 12 s at 5 per minute.
    if (last && !last.allowed) {
      expect(last.retryAfterSeconds).toBeGreaterThanOrEqual(11);
      expect(last.retryAfterSeconds).toBeLessThanOrEqual(12);
    }
    // Another user has a bucket of their own.
    expect((await limiter.take('U2')).allowed).toBe(true);
  });

  it('is one bucket for all replicas: concurrent takes from two connections admit exactly the limit', async () => {
    const replicaA = createRedisRateLimiter(r.a, { prefix: r.prefix, perMinute: 10 });
    const replicaB = createRedisRateLimiter(r.b, { prefix: r.prefix, perMinute: 10 });
    const takes = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? replicaA : replicaB).take('U1'));
    const decisions = await Promise.all(takes);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('keeps no bucket longer than it takes to refill', async () => {
    const limiter = createRedisRateLimiter(r.a, { prefix: r.prefix, perMinute: 20 });
    await limiter.take('U1');
    const ttl = await r.a.pttl(`${r.prefix}rate:U1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(61_000);
  });
});
