import { z } from 'zod';
import { timeGrains } from './semantic/model-schema.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const year = z.number().int().min(1900).max(2200);

/** A period of time, absolute or relative to the as-of date. */
export const timeSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('year'), year }),
  z.object({ kind: z.literal('half'), year, half: z.number().int().min(1).max(2) }),
  z.object({ kind: z.literal('quarter'), year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }),
  z.object({ kind: z.literal('range'), start: isoDate, end: isoDate }),
  /** "this month" is offset 0, "last quarter" offset -1: calendar periods around the as-of date. */
  z.object({
    kind: z.literal('relative'),
    unit: z.enum(['day', 'week', 'month', 'quarter', 'year']),
    offset: z.number().int().min(-100).max(0),
  }),
  /** "the last 30 days": ends on the as-of date. */
  z.object({
    kind: z.literal('last_n'),
    unit: z.enum(['day', 'week', 'month']),
    n: z.number().int().min(1).max(3660),
  }),
  /** "since June": from a date through the as-of date. */
  z.object({ kind: z.literal('since'), start: isoDate }),
]);
export type TimeSpec = z.infer<typeof timeSpecSchema>;

const name = z.string().regex(/^[a-z_][a-z0-9_]*$/);

export const metricQuerySchema = z
  .object({
    metrics: z.array(name).min(1).max(6),
    /** Category dimensions to group by. */
    dimensions: z.array(name).max(3).default([]),
    /** Time bucket for a time series. */
    grain: z.enum(timeGrains).optional(),
    filters: z
      .array(
        z.object({
          dimension: name,
          values: z.array(z.string().min(1)).min(1),
          exclude: z.boolean().default(false),
        }),
      )
      .default([]),
    time: timeSpecSchema.default({ kind: 'all' }),
    /** Period-over-period: the same metrics over the previous period or the same period a year before. */
    compare: z.object({ kind: z.enum(['previous_period', 'previous_year']) }).optional(),
    /** Share of the total: of the given values (one figure) or of each value of the dimension. */
    share: z.object({ dimension: name, values: z.array(z.string().min(1)).optional() }).optional(),
    /**
     * Ranking: by the metric's value, or (with a comparison) by its absolute change
     * (`change`: current − previous) or relative change (`change_pct`: current / previous − 1).
     */
    order: z
      .object({
        metric: name,
        direction: z.enum(['asc', 'desc']),
        by: z.enum(['value', 'change', 'change_pct']).optional(),
      })
      .optional(),
    /** "average daily spend": the mean over buckets of this grain of each bucket's total (additive metrics only). */
    per: z.enum(timeGrains).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export type MetricQuery = z.infer<typeof metricQuerySchema>;
export type MetricQueryInput = z.input<typeof metricQuerySchema>;
