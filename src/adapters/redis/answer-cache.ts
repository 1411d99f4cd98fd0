import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AnswerCache } from '../../ports.ts';
import { requireTtlSeconds, runRedis } from './redis-errors.ts';

export interface RedisAnswerCacheOptions {
  /** Namespace for every key, e.g. `scout:`; entries live under `<prefix>answer-cache:`. */
  prefix: string;
  ttlSeconds: number;
}

/** Cached query results as JSON under a hash of their key material, expiring on their own. */
export function createRedisAnswerCache(redis: Redis, options: RedisAnswerCacheOptions): AnswerCache {
  const ttl = requireTtlSeconds(options.ttlSeconds);
  const keyOf = (material: string): string =>
    `${options.prefix}answer-cache:${createHash('sha256').update(material).digest('hex')}`;
  return {
    async get(material) {
      const raw = await runRedis('GET', () => redis.get(keyOf(material)));
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        // Not ours (or cut short): a miss, and the next answer overwrites it.
        return null;
      }
    },
    async set(material, value) {
      await runRedis('SET', () => redis.set(keyOf(material), JSON.stringify(value), 'EX', ttl));
    },
  };
}
