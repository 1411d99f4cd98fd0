import type { Redis } from 'ioredis';
import { ScoutError } from '../../errors.ts';
import type { ConversationStore } from '../../ports.ts';
import { requireTtlSeconds, runRedis } from './redis-errors.ts';

export interface RedisConversationStoreOptions {
  /** Namespace for every key, e.g. `scout:`; entries live under `<prefix>conv:`. */
  prefix: string;
  /** Told about a value that is not JSON (it is then treated as missing). */
  onCorrupt?: (key: string, error: unknown) => void;
}

/** Conversation memory as JSON strings that expire on their own (`SET key value EX ttl`). */
export function createRedisConversationStore(
  redis: Redis,
  options: RedisConversationStoreOptions,
): ConversationStore {
  const keyOf = (key: string): string => `${options.prefix}conv:${key}`;

  return {
    async get(key) {
      const raw = await runRedis('GET', () => redis.get(keyOf(key)));
      if (raw === null) return null;
      try {
        return JSON.parse(raw) as unknown;
      } catch (error) {
        options.onCorrupt?.(key, error);
        return null;
      }
    },

    async set(key, value, ttlSeconds) {
      const ttl = requireTtlSeconds(ttlSeconds);
      // JSON.stringify returns undefined for undefined and functions: nothing we could read back.
      const json: string | undefined = JSON.stringify(value);
      if (json === undefined) {
        throw new ScoutError('internal', `conversation value for ${key} is not JSON-serialisable`);
      }
      await runRedis('SET', () => redis.set(keyOf(key), json, 'EX', ttl));
    },
  };
}
