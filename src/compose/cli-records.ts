import type { Config } from '../config.ts';
import type { AnswerRecord } from '../domain/answer-record.ts';

// Redis and its stores load only for the commands that read or write a record.

/**
 * Stores a CLI answer's record in Redis when Redis is there; the CLI works without it, so an
 * unreachable Redis costs one fast failed connection and nothing else.
 */
export async function recordCliAnswer(config: Config, record: AnswerRecord): Promise<boolean> {
  // Nothing listening: one fast failed TCP connection, and the Redis client is never loaded.
  const { redisIsListening } = await import('../adapters/redis/redis-listening.ts');
  if (!(await redisIsListening(config.env.REDIS_URL, 500))) return false;
  const { checkRedis, createRedisConnection } = await import('../adapters/redis/redis-connection.ts');
  const { createRedisAnswerStore, recordTtlSeconds } = await import('../adapters/redis/answer-store.ts');
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-cli', lazy: true });
  try {
    await checkRedis(redis, 500);
    await createRedisAnswerStore(redis, {
      prefix: config.env.SCOUT_REDIS_PREFIX,
      ttlSeconds: recordTtlSeconds(config.env.SCOUT_RECORD_TTL_DAYS),
    }).save(record);
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Reads an answer record from Redis, for `scout why`. */
export async function readAnswerRecord(config: Config, id: string): Promise<AnswerRecord | null> {
  const { checkRedis, createRedisConnection } = await import('../adapters/redis/redis-connection.ts');
  const { createRedisAnswerStore } = await import('../adapters/redis/answer-store.ts');
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-cli', lazy: true });
  try {
    await checkRedis(redis, 1_000);
    return await createRedisAnswerStore(redis, { prefix: config.env.SCOUT_REDIS_PREFIX }).get(id);
  } finally {
    redis.disconnect();
  }
}
