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

/** A ReplyError is the server rejecting a command; anything else is the link (refused, closed, timed out). */
function replyCode(error: Error): string | null {
  if (error.name !== 'ReplyError') return null;
  return error.message.split(' ', 1)[0] ?? '';
}

export function redisUnavailable(message: string, cause?: unknown): ScoutError {
  return new ScoutError('redis_unavailable', redactRedisUrl(message), {
    cause,
    retryable: true,
    userMessage: REDIS_USER_MESSAGE,
  });
}

/**
 * Maps whatever an ioredis call threw. Connection trouble and "server cannot serve now" replies
 * become a retryable `redis_unavailable`; a reply rejecting the command itself (WRONGTYPE, ERR
 * syntax) is a bug on our side, so it becomes a non-retryable `internal` error instead.
 */
export function toRedisError(error: unknown, operation: string): ScoutError {
  if (error instanceof ScoutError) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  const code = replyCode(err);
  const message = `redis ${operation} failed: ${err.message}`;
  if (code !== null && !UNAVAILABLE_REPLIES.has(code)) {
    return new ScoutError('internal', redactRedisUrl(message), { cause: error });
  }
  return redisUnavailable(message, error);
}

/** Runs one Redis operation and maps its failure, so adapters only ever throw ScoutErrors. */
export async function runRedis<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toRedisError(error, operation);
  }
}

/** `EX` takes whole seconds ≥ 1; anything else is a caller bug, caught before it reaches Redis. */
export function requireTtlSeconds(ttlSeconds: number): number {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new ScoutError('internal', `TTL must be a whole number of seconds ≥ 1, got ${ttlSeconds}`);
  }
  return ttlSeconds;
}
