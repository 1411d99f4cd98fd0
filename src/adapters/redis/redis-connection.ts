import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeRedisUrl, redactRedisUrl, redisErrorToScout, redisUnavailable } from './redis-errors.ts';

export interface RedisConnectionOptions {
  /** Shows up in logs and in `CLIENT LIST` (as the connection name). */
  name: string;
  /**
   * ioredis's own prefix for every key. The adapters already take a `prefix`, so leave this unset
   * unless a caller uses the raw connection; setting both prefixes keys twice.
   */
  keyPrefix?: string;
  /** Connect on first use (or on `checkRedis`) instead of at once. */
  lazy?: boolean;
  /** Outage and recovery lines, once per outage rather than once per reconnect attempt. */
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** Upper bound on one command's round trip, so a hung server cannot hang a Slack request. */
  commandTimeoutMs?: number;
}

const MAX_RECONNECT_DELAY_MS = 5_000;

// Loaded with require: imported from an ES module, Node's lexer scans the CommonJS package for
// named exports first, a cost every CLI answer that records itself paid.
const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');

/**
 * Exponential backoff capped at 5 s with "equal jitter", so replicas do not reconnect in
 * lockstep. Never gives up: an outage must not end the process or the connection for good.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(100 * 2 ** Math.max(0, attempt - 1), MAX_RECONNECT_DELAY_MS);
  return Math.round(base / 2 + (random() * base) / 2);
}

/**
 * A connection tuned for the request path: while Redis is unreachable every command rejects at
 * once (no offline queue) instead of waiting for a reconnect, and the connection keeps retrying
 * in the background. Commands issued before the first `ready` also reject, so await
 * `checkRedis` at start-up.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  const redis = new RedisClient(url, {
    connectionName: options.name.replace(/[^\w.:-]/g, '-'),
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    lazyConnect: options.lazy ?? false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    // A command in flight when the link dropped has already failed for its caller (timeout);
    // replaying it later could, say, claim a dedupe key nobody will process.
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => reconnectDelayMs(attempt),
  });

  const where = describeRedisUrl(url);
  let healthy = true;
  // Without an 'error' listener ioredis prints every failed reconnect; with one that throws, the
  // process dies. Log the first error of an outage and stay quiet until the link is back.
  redis.on('error', (error: Error) => {
    if (!healthy) return;
    healthy = false;
    options.logger?.warn(
      { redis: options.name, where, err: redactRedisUrl(error.message) },
      'redis connection lost; commands fail fast until it reconnects',
    );
  });
  redis.on('ready', () => {
    if (healthy) return;
    healthy = true;
    options.logger?.info({ redis: options.name, where }, 'redis connection restored');
  });
  return redis;
}

/** Resolves when the connection is ready, rejects on its next error, its end, or the timeout. */
function waitUntilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status === 'end') return Promise.reject(redisUnavailable('redis connection is closed'));
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', onError);
      redis.off('end', onEnd);
      if (error) reject(error);
      else resolve();
    };
    const onReady = (): void => done();
    const onError = (error: Error): void => done(redisErrorToScout('connect', error));
    const onEnd = (): void => done(redisUnavailable('redis connection is closed'));
    const timer = setTimeout(
      () => done(redisUnavailable(`redis not ready after ${timeoutMs} ms (status ${redis.status})`)),
      timeoutMs,
    );
    redis.on('ready', onReady);
    redis.on('error', onError);
    redis.on('end', onEnd);
    // A lazy connection only starts on demand; connect() reports failures through 'error' too.
    if (redis.status === 'wait') redis.connect().catch(() => {});
  });
}

/**
 * Readiness check (start-up and health endpoint): waits briefly for the connection, then PINGs.
 * Throws a retryable `redis_unavailable` ScoutError within about `timeoutMs`.
 */
export async function checkRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await waitUntilReady(redis, timeoutMs);
  const left = Math.max(1, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(redisUnavailable(`redis PING timed out after ${timeoutMs} ms`)), left);
  });
  try {
    const reply = await Promise.race([redis.ping(), timeout]);
    if (reply !== 'PONG') throw redisUnavailable(`redis PING answered ${String(reply)}`);
  } catch (error) {
    throw redisErrorToScout('PING', error);
  } finally {
    clearTimeout(timer);
  }
}
