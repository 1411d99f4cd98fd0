import type { Redis } from 'ioredis';
import type { BudgetScope } from '../../llmops/ledger/budgets.ts';
import {
  LEDGER_DIMENSIONS,
  type LedgerEntry,
  NANO,
  toNano,
  type UsageRow,
} from '../../llmops/ledger/ledger-entry.ts';
import type { ReserveOutcome, SpendLedger } from '../../llmops/ledger/ports.ts';
import { luaScript } from './lua-script.ts';
import { runRedis } from './redis-errors.ts';

export interface RedisSpendLedgerOptions {
  /** Namespace for every key: `<prefix>budget:…` and `<prefix>ledger:…`. */
  prefix: string;
}

/** Ledger lines are kept for a year and a month, so a year-on-year usage report still works. */
const LEDGER_TTL_SECONDS = 400 * 86_400;
/** A budget's counters outlive their period by a little (a report on the last day still sees them). */
const SCOPE_TTL_SECONDS: Record<BudgetScope['kind'], number> = {
  user_daily: 3 * 86_400,
  team_monthly: 40 * 86_400,
};

const FIELDS = [
  'calls',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'guardrailUnits',
  'cacheHits',
  'costNanoUsd',
] as const;

/**
 * Holds and spend of every scope checked and taken in one script: lapsed holds are dropped, then
 * either every scope can take the worst case (settled + held + worst ≤ limit) and all are held,
 * or none is. The server's clock decides when a hold lapses, so replicas agree.
 * KEYS: per scope spent, holds, expiry. ARGV: id, worst, holdMs, then per scope ttl, limit.
 */
const RESERVE = luaScript(
  'budget reserve',
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local id = ARGV[1]
local worst = tonumber(ARGV[2])
local holdMs = tonumber(ARGV[3])
local n = #KEYS / 3
local spent = {}
for i = 1, n do
  local sk, hk, ek = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  local lapsed = redis.call('ZRANGEBYSCORE', ek, '-inf', now)
  for _, r in ipairs(lapsed) do redis.call('HDEL', hk, r) end
  if #lapsed > 0 then redis.call('ZREMRANGEBYSCORE', ek, '-inf', now) end
  local held = 0
  for _, v in ipairs(redis.call('HVALS', hk)) do held = held + tonumber(v) end
  local s = tonumber(redis.call('GET', sk) or '0')
  if s + held + worst > tonumber(ARGV[3 + 2 * i]) then return {0, i, s, held} end
  spent[i] = s
end
local out = {1}
for i = 1, n do
  local hk, ek = KEYS[3 * i - 1], KEYS[3 * i]
  local ttl = tonumber(ARGV[2 + 2 * i])
  redis.call('HSET', hk, id, worst)
  redis.call('ZADD', ek, now + holdMs, id)
  redis.call('EXPIRE', hk, ttl)
  redis.call('EXPIRE', ek, ttl)
  out[#out + 1] = spent[i]
end
return out
`,
);

export function createRedisSpendLedger(redis: Redis, options: RedisSpendLedgerOptions): SpendLedger {
  const { prefix } = options;
  const scopeKeys = (scope: BudgetScope) => {
    const base = `${prefix}budget:${scope.key}`;
    return { spent: `${base}:spent`, holds: `${base}:holds`, expiry: `${base}:expiry` };
  };
  const indexKey = (day: string, dimension: string) => `${prefix}ledger:${day}:${dimension}`;
  const rowKey = (day: string, dimension: string, value: string) =>
    `${indexKey(day, dimension)}:${encodeURIComponent(value)}`;

  return {
    async reserve({ reservationId, scopes, worstNanoUsd, holdMs }): Promise<ReserveOutcome> {
      const keys = scopes.flatMap((scope) => {
        const k = scopeKeys(scope);
        return [k.spent, k.holds, k.expiry];
      });
      const args = [
        reservationId,
        worstNanoUsd,
        holdMs,
        ...scopes.flatMap((scope) => [SCOPE_TTL_SECONDS[scope.kind], toNano(scope.limitUsd)]),
      ];
      const reply = (await RESERVE.run(redis, keys, args)) as number[];
      if (reply[0] === 1) return { reserved: true, spentNanoUsd: reply.slice(1) };
      const scope = scopes[(reply[1] ?? 1) - 1] as BudgetScope;
      return { reserved: false, scope, spentNanoUsd: reply[2] ?? 0, heldNanoUsd: reply[3] ?? 0 };
    },

    async settle({ reservationId, scopes, entries }) {
      const total = entries.reduce((sum, entry) => sum + entry.costNanoUsd, 0);
      // Unconditional writes: MULTI makes them one step, so no reader sees the hold gone but the spend not yet added.
      const tx = redis.multi();
      for (const scope of scopes) {
        const k = scopeKeys(scope);
        if (reservationId) {
          tx.hdel(k.holds, reservationId);
          tx.zrem(k.expiry, reservationId);
        }
        if (total > 0) {
          tx.incrby(k.spent, total);
          tx.expire(k.spent, SCOPE_TTL_SECONDS[scope.kind]);
        }
      }
      for (const entry of entries) addEntry(tx, entry);
      await runRedis('MULTI ledger settle', () => tx.exec());
    },

    async spent(scopes) {
      if (scopes.length === 0) return [];
      const values = await runRedis('MGET budget spent', () =>
        redis.mget(...scopes.map((scope) => scopeKeys(scope).spent)),
      );
      return values.map((v) => Number(v ?? 0));
    },

    async usage({ days, by }) {
      const members = await runRedis('SMEMBERS ledger', async () => {
        const pipeline = redis.pipeline();
        for (const day of days) pipeline.smembers(indexKey(day, by));
        return ((await pipeline.exec()) ?? []).map(([, value]) => (value as string[] | null) ?? []);
      });
      const rowKeys = days.flatMap((day, i) => (members[i] ?? []).map((value) => ({ day, value })));
      const hashes = await runRedis('HGETALL ledger', async () => {
        const pipeline = redis.pipeline();
        for (const { day, value } of rowKeys) pipeline.hgetall(rowKey(day, by, value));
        return ((await pipeline.exec()) ?? []).map(([, value]) => (value as Record<string, string>) ?? {});
      });
      const rows = new Map<string, UsageRow & { nano: number }>();
      rowKeys.forEach(({ value }, i) => {
        const hash = hashes[i] ?? {};
        const row = rows.get(value) ?? {
          key: value,
          calls: 0,
          input_tokens: 0,
          output_tokens: 0,
          cost_usd: 0,
          cache_hits: 0,
          nano: 0,
        };
        row.calls += Number(hash.calls ?? 0);
        row.input_tokens += Number(hash.inputTokens ?? 0);
        row.output_tokens += Number(hash.outputTokens ?? 0);
        row.cache_hits += Number(hash.cacheHits ?? 0);
        row.nano += Number(hash.costNanoUsd ?? 0);
        rows.set(value, row);
      });
      return [...rows.values()].map(({ nano, ...row }) => ({ ...row, cost_usd: nano / NANO }));
    },
  };

  function addEntry(tx: ReturnType<Redis['multi']>, entry: LedgerEntry): void {
    for (const dimension of LEDGER_DIMENSIONS) {
      const value = entry.keys[dimension];
      const key = rowKey(entry.day, dimension, value);
      for (const field of FIELDS) if (entry[field] !== 0) tx.hincrby(key, field, entry[field]);
      tx.hset(key, 'priceTableVersion', entry.priceTableVersion);
      tx.expire(key, LEDGER_TTL_SECONDS);
      tx.sadd(indexKey(entry.day, dimension), value);
      tx.expire(indexKey(entry.day, dimension), LEDGER_TTL_SECONDS);
    }
  }
}
