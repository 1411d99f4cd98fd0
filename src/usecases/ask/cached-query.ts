import { z } from 'zod';
import type { Audience } from '../../domain/audience.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { answerCacheKeyMaterial } from '../../llmops/cache/answer-cache-key.ts';
import type { CacheStatus } from '../../llmops/gateway/types.ts';
import type { QueryResult } from '../../ports.ts';
import type { AskDeps } from './deps.ts';

/** A cached result as read back from the store (a boundary: checked, never trusted). */
const cachedResultSchema = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  elapsedMs: z.number().min(0),
});

/**
 * Runs the guarded SQL of a metric query, or serves its result from the answer cache. The
 * narrative, table and chart are computed from the rows either way, so a hit answers exactly
 * what a miss would have. A cache that fails is bypassed, never in the way of an answer.
 */
export async function queryThroughCache(
  deps: AskDeps,
  query: MetricQuery,
  sql: string,
  audience: Audience | undefined,
  onError: (error: unknown) => void,
): Promise<{ result: QueryResult; cache: CacheStatus }> {
  const cache = deps.answerCache;
  if (!cache || !deps.dataVersion || !audience) {
    return { result: await deps.warehouse.query(sql, { timeoutMs: deps.queryTimeoutMs }), cache: 'bypass' };
  }
  const key = answerCacheKeyMaterial({
    query,
    asOf: deps.asOf,
    dataVersion: deps.dataVersion,
    audience,
    variant: deps.warehouse.dialect,
  });
  let stored: unknown;
  try {
    stored = await cache.get(key);
  } catch (error) {
    // The cache is unreachable: answer without it, and say so on the record.
    onError(error);
    return { result: await deps.warehouse.query(sql, { timeoutMs: deps.queryTimeoutMs }), cache: 'bypass' };
  }
  const hit = cachedResultSchema.safeParse(stored);
  if (hit.success) return { result: { ...hit.data, elapsedMs: 0 }, cache: 'hit' };
  const result = await deps.warehouse.query(sql, { timeoutMs: deps.queryTimeoutMs });
  await cache
    .set(key, { columns: result.columns, rows: result.rows, elapsedMs: result.elapsedMs })
    .catch((error: unknown) => onError(error));
  return { result, cache: 'miss' };
}
