import type { Redis } from 'ioredis';
import type { RateDecision, RateLimiter } from '../../llmops/guardrails/rate-limit.ts';
import { luaScript } from './lua-script.ts';

export interface RedisRateLimiterOptions {
  /** Namespace for every key; buckets live under `<prefix>rate:`. */
  prefix: string;
  /** Questions per user per minute (the bucket's size and its refill per minute). */
  perMinute: number;
}

/**
 * The token bucket as one script, so reading, refilling and taking are one atomic step on the
 * server and every replica shares one bucket per user. The server's clock (TIME) is the only
 * clock, so replicas with skewed clocks still agree. An absent bucket is a full one; it expires
 * once it would have refilled completely.
 */
const TAKE = luaScript(
  'rate-limit take',
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cap = tonumber(ARGV[1])
local rate = cap / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or cap
local at = tonumber(b[2]) or now
tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 61000)
return {allowed, math.floor(tokens), wait}
`,
);

export function createRedisRateLimiter(redis: Redis, options: RedisRateLimiterOptions): RateLimiter {
  return {
    async take(user): Promise<RateDecision> {
      const reply = (await TAKE.run(
        redis,
        [`${options.prefix}rate:${user}`],
        [options.perMinute],
      )) as number[];
      const [allowed = 0, remaining = 0, waitMs = 0] = reply;
      return allowed === 1
        ? { allowed: true, remaining }
        : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
  };
}
