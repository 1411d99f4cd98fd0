import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRedis, createRedisConnection } from '../../src/adapters/redis/redis-connection.ts';
import { redisErrorToScout } from '../../src/adapters/redis/redis-errors.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('redisErrorToScout on a real Redis', () => {
  const opened: Redis[] = [];
  afterEach(() => {
    for (const redis of opened.splice(0)) redis.disconnect();
  });

  it('maps a command lost in flight when the server drops the connection to redis_unavailable', async () => {
    // Scout's request-path connection: unfulfilled commands are not resent after a reconnect.
    const victim = createRedisConnection(REDIS_URL, { name: 'scout-link-test' });
    const admin = new Redis(REDIS_URL);
    opened.push(victim, admin);
    await checkRedis(victim, 2_000);
    const id = await victim.client('ID');
    const pending = victim.blpop(`scout-test:${randomUUID()}`, 5).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await admin.client('KILL', 'ID', String(id));
    const thrown = await pending;
    // Not resent after the reconnect, it ends at the command timeout (or ioredis' retry limit).
    expect(String((thrown as Error).message)).toMatch(
      /^(Command timed out|Reached the max retries per request limit)/,
    );
    expect(redisErrorToScout('BLPOP', thrown)).toMatchObject({ code: 'redis_unavailable', retryable: true });
  });
});
