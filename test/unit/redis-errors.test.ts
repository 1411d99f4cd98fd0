import { Redis, ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { REDIS_USER_MESSAGE, redisErrorToScout } from '../../src/adapters/redis/redis-errors.ts';

describe('redisErrorToScout', () => {
  it('maps a refused connection (the real ioredis error) to a retryable redis_unavailable', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => null });
    // The socket's error reaches the 'error' event; connect() itself rejects with "Connection is closed."
    const thrown = await new Promise<unknown>((resolve) => {
      redis.once('error', resolve);
      redis.connect().catch(() => undefined);
    });
    redis.disconnect();
    expect(thrown).toMatchObject({ code: 'ECONNREFUSED' });
    expect(redisErrorToScout('connect', thrown)).toMatchObject({
      code: 'redis_unavailable',
      retryable: true,
      retried: false,
      userMessage: REDIS_USER_MESSAGE,
    });
  });

  it('maps a command refused while the link is down (no offline queue) to redis_unavailable', async () => {
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    redis.on('error', () => undefined);
    const thrown = await redis.get('k').catch((error: unknown) => error);
    redis.disconnect();
    expect(redisErrorToScout('GET', thrown)).toMatchObject({ code: 'redis_unavailable', retryable: true });
  });

  it('maps a LOADING reply (the server restarting) to redis_unavailable', () => {
    const error = new ReplyError('LOADING Redis is loading the dataset in memory');
    expect(redisErrorToScout('GET', error)).toMatchObject({ code: 'redis_unavailable', retryable: true });
  });

  it('maps a WRONGTYPE reply (a bug of ours) to a non-retryable internal error', () => {
    const error = new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value');
    const mapped = redisErrorToScout('HGETALL', error);
    expect(mapped).toMatchObject({ code: 'internal', retryable: false });
    expect(mapped.userMessage).toBe('Something went wrong on my side.');
  });

  it('maps anything else to internal without the message reaching the user', () => {
    const mapped = redisErrorToScout('SET', new TypeError('Converting circular structure to JSON'));
    expect(mapped).toMatchObject({ code: 'internal', retryable: false });
    expect(mapped.userMessage).not.toContain('circular');
  });
});
