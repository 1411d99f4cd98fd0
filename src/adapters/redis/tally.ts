import type { Redis } from 'ioredis';
import type { Tally } from '../../ports.ts';
import { requireTtlSeconds, runRedis } from './redis-errors.ts';

/** Counters as Redis hashes under `<prefix>tally:<key>`, kept `ttlSeconds` after their last change. */
export function createRedisTally(redis: Redis, options: { prefix: string; ttlSeconds: number }): Tally {
  const ttl = requireTtlSeconds(options.ttlSeconds);
  const keyOf = (key: string) => `${options.prefix}tally:${key}`;
  return {
    async increment(key, field) {
      await runRedis('HINCRBY', () =>
        redis.multi().hincrby(keyOf(key), field, 1).expire(keyOf(key), ttl).exec(),
      );
    },
    async read(key) {
      const hash = await runRedis('HGETALL', () => redis.hgetall(keyOf(key)));
      return Object.fromEntries(
        Object.entries(hash)
          .map(([field, value]) => [field, Number(value)] as const)
          .filter(([, value]) => Number.isInteger(value)),
      );
    },
  };
}
