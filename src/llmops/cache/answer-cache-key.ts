import type { Audience } from '../../domain/audience.ts';
import { type MetricQuery, metricQuerySchema } from '../../domain/metric-query.ts';

/**
 * The answer cache's key: the canonical metric query (the parsed, validated query, normalised —
 * never the question's text), the as-of date relative periods resolve against, the warehouse's
 * data version, and the asker's access scope. Two questions share an answer only when they are
 * the same query over the same data for readers who may see the same things: a rephrase hits;
 * a negation (an `exclude` filter), another period, entity, metric, grouping or direction cannot.
 */

/** Bump when the cached value's shape or the key's meaning changes: old entries are never read. */
export const ANSWER_CACHE_KEY_VERSION = 1;

/** Order-free parts sorted, defaults filled in: one spelling per query. */
export function canonicalQuery(query: MetricQuery): string {
  const q = metricQuerySchema.parse(query);
  const filters = q.filters
    .map((f) => ({ dimension: f.dimension, exclude: f.exclude, values: [...new Set(f.values)].sort() }))
    .sort((a, b) => (a.dimension + String(a.exclude)).localeCompare(b.dimension + String(b.exclude)));
  return stableJson({
    ...q,
    filters,
    ...(q.share?.values ? { share: { ...q.share, values: [...q.share.values].sort() } } : {}),
  });
}

/** JSON with object keys in sorted order (arrays keep theirs: metric and grouping order shape the answer). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Who may see what, as far as an answer can differ: restricted documents are admitted by the
 * channel an answer is posted in, or by the one reader of a direct message; everyone else sees
 * internal documents only. The warehouse has no per-user rows, so this is the whole scope.
 */
export function accessScopeOf(audience: Audience): string {
  if (audience.channel) return `channel:${audience.channel}`;
  if (audience.asker && audience.readers?.length === 1 && audience.readers[0] === audience.asker)
    return `dm:${audience.asker}`;
  return 'internal';
}

/** The key material, hashed by the cache's store (so no value in it is ever a Redis key as such). */
export function answerCacheKeyMaterial(input: {
  query: MetricQuery;
  asOf: string;
  dataVersion: string;
  audience: Audience;
  /** What the cached answer holds beyond the query (a chart drawn or not). */
  variant?: string;
}): string {
  return stableJson({
    v: ANSWER_CACHE_KEY_VERSION,
    q: canonicalQuery(input.query),
    asOf: input.asOf,
    data: input.dataVersion,
    scope: accessScopeOf(input.audience),
    variant: input.variant ?? '',
  });
}
