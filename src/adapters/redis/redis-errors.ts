import { z } from 'zod';
import { ScoutError } from '../../errors.ts';

/** What a Slack user sees whenever Redis cannot serve a request. */
export const REDIS_USER_MESSAGE =
  'Scout cannot reach its memory store right now. Please try again in a minute.';

/**
 * Reply prefixes that mean "the server cannot serve you right now" rather than "your command is
 * wrong": loading a dump, busy script, failover, read-only replica, auth, out of memory.
 */
const UNAVAILABLE_REPLIES = new Set([
  'LOADING',
  'BUSY',
  'MASTERDOWN',
  'READONLY',
  'NOAUTH',
  'WRONGPASS',
  'TRYAGAIN',
  'CLUSTERDOWN',
  'OOM',
]);

/** Hides credentials in any redis:// or rediss:// URL inside a text (`redis://***@host`). */
export function redactRedisUrl(text: string): string {
  return text.replace(/(rediss?:\/\/)[^@/\s]*@/gi, '$1***@');
}

/** The host:port (and db) of a Redis URL without its credentials, for logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparseable redis url)';
  }
}

export function redisUnavailable(message: string, cause?: unknown, retried = false): ScoutError {
  return new ScoutError('redis_unavailable', redactRedisUrl(message), {
    cause,
    retryable: true,
    retried,
    userMessage: REDIS_USER_MESSAGE,
  });
}

/**
 * ioredis errors, one way (shapes from ioredis 5 and redis-errors: `ReplyError` is the server
 * answering a command with an error, `MaxRetriesPerRequestError` a command ioredis resent until
 * its limit, a Node socket or TLS error carries a `code`, and the link's own failures are plain
 * errors with fixed messages):
 *
 * | error                                                                  | code              | retryable |
 * | ---------------------------------------------------------------------- | ----------------- | --------- |
 * | ReplyError LOADING, BUSY, MASTERDOWN, READONLY, NOAUTH, WRONGPASS,     | redis_unavailable | yes       |
 * |   TRYAGAIN, CLUSTERDOWN, OOM (the server cannot serve now)             |                   |           |
 * | any other ReplyError (WRONGTYPE, ERR syntax: a bug of ours)            | internal          | no        |
 * | MaxRetriesPerRequestError (retried by ioredis)                         | redis_unavailable | yes       |
 * | AbortError "Command aborted due to connection close", InterruptError   | redis_unavailable | yes       |
 * | a socket or TLS error with a code (ECONNREFUSED, ETIMEDOUT…), a        | redis_unavailable | yes       |
 * |   ParserError, or one of the link messages below                       |                   |           |
 * | anything else                                                          | internal          | no        |
 */

const redisErrorSchema = z.object({
  name: z.string().catch('Error'),
  message: z.string().catch(''),
  code: z.string().optional().catch(undefined),
});

/** The messages ioredis rejects a command with when the link, not the command, failed. */
const LINK_MESSAGES = [
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Command timed out',
  'Socket timeout.',
  'Ready check failed',
  'connect ETIMEDOUT',
];

type RedisErrorInfo = z.infer<typeof redisErrorSchema>;

/**
 * redis-errors' classes for a command the link lost: resent until the limit, aborted in flight
 * when the connection closed (we do not resend unfulfilled commands), interrupted, unparseable.
 */
const LINK_ERROR_NAMES = new Set([
  'MaxRetriesPerRequestError',
  'AbortError',
  'InterruptError',
  'ParserError',
]);

function isLinkFailure(info: RedisErrorInfo): boolean {
  return (
    LINK_ERROR_NAMES.has(info.name) ||
    info.code !== undefined ||
    LINK_MESSAGES.some((start) => info.message.startsWith(start))
  );
}

/** Maps whatever an ioredis call threw (see the table above). */
export function redisErrorToScout(operation: string, error: unknown): ScoutError {
  if (error instanceof ScoutError) return error;
  const parsed = redisErrorSchema.safeParse(error);
  const info = parsed.success ? parsed.data : { name: 'Error', message: String(error), code: undefined };
  const message = `redis ${operation} failed: ${info.message}`;
  if (info.name === 'ReplyError') {
    const reply = info.message.split(' ', 1)[0] ?? '';
    if (UNAVAILABLE_REPLIES.has(reply)) return redisUnavailable(message, error);
    return new ScoutError('internal', redactRedisUrl(message), { cause: error });
  }
  if (isLinkFailure(info)) {
    return redisUnavailable(message, error, info.name === 'MaxRetriesPerRequestError');
  }
  return new ScoutError('internal', redactRedisUrl(message), { cause: error });
}

/** Runs one Redis operation and maps its failure, so adapters only ever throw ScoutErrors. */
export async function runRedis<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw redisErrorToScout(operation, error);
  }
}

/** `EX` takes whole seconds ≥ 1; anything else is a caller bug, caught before it reaches Redis. */
export function requireTtlSeconds(ttlSeconds: number): number {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new ScoutError('internal', `TTL must be a whole number of seconds ≥ 1, got ${ttlSeconds}`);
  }
  return ttlSeconds;
}
