import type { Redis } from 'ioredis';
import type { Dedupe } from '../../ports.ts';
import { requireTtlSeconds, runRedis } from './redis-errors.ts';

export interface RedisDedupeOptions {
  /** Namespace for every key, e.g. `scout:`; claims live under `<prefix>dedupe:`. */
  prefix: string;
}

/**
 * `SET key 1 NX EX ttl` is one atomic step on the server, so exactly one replica (or one
 * concurrent request) wins a key until it expires.
 */
export function createRedisDedupe(redis: Redis, options: RedisDedupeOptions): Dedupe {
  return {
    async claim(key, ttlSeconds) {
      const ttl = requireTtlSeconds(ttlSeconds);
      const reply = await runRedis('SET NX', () =>
        redis.set(`${options.prefix}dedupe:${key}`, '1', 'EX', ttl, 'NX'),
      );
      return reply === 'OK';
    },
  };
}
