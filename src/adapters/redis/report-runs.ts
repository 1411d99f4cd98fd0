import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { ClaimOutcome, ReportRunState, ReportRuns } from '../../ports.ts';
import { requireTtlSeconds, runRedis } from './redis-errors.ts';

export interface RedisReportRunsOptions {
  /** Namespace for every key, e.g. `scout:`; records live under `<prefix>report-run:`. */
  prefix: string;
  /** How long a record outlives its last write. */
  ttlSeconds?: number;
}

/**
 * Each transition is one Lua script, so two runs deciding at the same moment see one order.
 * Leases are measured on Redis's clock (TIME), never on a worker's, so clock skew between
 * machines cannot make a live claim look lapsed. Hash fields: s status, r run, l lease end (ms),
 * p summary posted.
 */
const prelude = `
local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function state(key, t)
  local v = redis.call('HMGET', key, 's', 'r', 'l', 'p')
  local left = 0
  if v[1] == 'delivering' then left = math.max(0, (tonumber(v[3]) or 0) - t) end
  return {v[1] or '', v[2] or '', left, v[4] or ''}
end
`;

const readScript = `${prelude}
return state(KEYS[1], now())`;

const beginScript = `${prelude}
local t = now()
local s = redis.call('HGET', KEYS[1], 's')
if not s or s == 'running' then
  redis.call('HSET', KEYS[1], 's', 'running', 'r', ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return state(KEYS[1], t)`;

const claimScript = `${prelude}
local t = now()
local v = redis.call('HMGET', KEYS[1], 's', 'r', 'l')
local s, r, l = v[1], v[2], tonumber(v[3]) or 0
if s == 'delivered' or s == 'failed' then return s end
if s == 'running' and r ~= ARGV[1] then return 'superseded' end
if s == 'delivering' and r ~= ARGV[1] and l > t then return 'busy' end
-- Ours (running or claimed), a lapsed claim, or no record at all: only a Redis that lost its
-- data has none, and then nothing says another run is ahead of this one.
redis.call('HSET', KEYS[1], 's', 'delivering', 'r', ARGV[1], 'l', t + tonumber(ARGV[2]))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 'claimed'`;

const markScript = `
local v = redis.call('HMGET', KEYS[1], 's', 'r')
if v[1] ~= 'delivering' or v[2] ~= ARGV[1] then return 0 end
if ARGV[2] == 'summary' then
  redis.call('HSET', KEYS[1], 'p', '1')
else
  redis.call('HSET', KEYS[1], 's', 'delivered')
end
return 1`;

const releaseScript = `
local v = redis.call('HMGET', KEYS[1], 's', 'r')
if v[1] == 'delivering' and v[2] == ARGV[1] then redis.call('HSET', KEYS[1], 'l', 0) end
return 1`;

const failScript = `${prelude}
local t = now()
local v = redis.call('HMGET', KEYS[1], 's', 'r', 'l', 'p')
if v[1] == 'delivered' or v[1] == 'failed' or v[4] == '1' then return 0 end
if v[1] == 'delivering' and (tonumber(v[3]) or 0) > t then return 0 end
redis.call('HSET', KEYS[1], 's', 'failed')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`;

const stateReply = z.tuple([
  z.enum(['', 'running', 'delivering', 'delivered', 'failed']),
  z.string(),
  z.number(),
  z.string(),
]);
const claimReply = z.enum(['claimed', 'busy', 'superseded', 'delivered', 'failed']);
const flagReply = z.union([z.literal(0), z.literal(1)]);

function parseReply<T>(schema: z.ZodType<T>, reply: unknown, script: string): T {
  const parsed = schema.safeParse(reply);
  if (!parsed.success) {
    throw new ScoutError(
      'internal',
      `unexpected reply from the report-run ${script} script: ${String(reply)}`,
    );
  }
  return parsed.data;
}

function toState(reply: unknown, script: string): ReportRunState | null {
  const [status, run, leaseLeftMs, posted] = parseReply(stateReply, reply, script);
  if (status === '') return null;
  return { status, run, leaseLeftMs, summaryPosted: posted === '1' };
}

/** Report run records as Redis hashes that expire `ttlSeconds` after their last write. */
export function createRedisReportRuns(redis: Redis, options: RedisReportRunsOptions): ReportRuns {
  const keyOf = (reportId: string): string => `${options.prefix}report-run:${reportId}`;
  const ttl = String(requireTtlSeconds(options.ttlSeconds ?? 14 * 86_400));
  const run = (name: string, script: string, reportId: string, ...args: string[]) =>
    runRedis(`EVAL report-run ${name}`, () => redis.eval(script, 1, keyOf(reportId), ...args));

  return {
    async read(reportId) {
      return toState(await run('read', readScript, reportId), 'read');
    },
    async begin(reportId, runId) {
      const state = toState(await run('begin', beginScript, reportId, runId, ttl), 'begin');
      if (!state) throw new ScoutError('internal', `report run ${reportId} has no record after begin`);
      return state;
    },
    async claimDelivery(reportId, runId, leaseMs): Promise<ClaimOutcome> {
      const lease = String(Math.max(1, Math.round(leaseMs)));
      return parseReply(claimReply, await run('claim', claimScript, reportId, runId, lease, ttl), 'claim');
    },
    async markSummaryPosted(reportId, runId) {
      return parseReply(flagReply, await run('mark', markScript, reportId, runId, 'summary'), 'mark') === 1;
    },
    async markDelivered(reportId, runId) {
      return parseReply(flagReply, await run('mark', markScript, reportId, runId, 'delivered'), 'mark') === 1;
    },
    async releaseDelivery(reportId, runId) {
      await run('release', releaseScript, reportId, runId);
    },
    async markFailed(reportId) {
      return parseReply(flagReply, await run('fail', failScript, reportId, ttl), 'fail') === 1;
    },
  };
}
