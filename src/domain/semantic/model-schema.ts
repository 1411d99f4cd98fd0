import { z } from 'zod';

/** Identifiers that reach SQL are restricted to this shape, so the model file cannot inject SQL. */
const identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower_snake_case identifier');

export const timeGrains = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TimeGrain = (typeof timeGrains)[number];

export const valueFormats = [
  'currency',
  'currency_precise',
  'percent',
  'integer',
  'decimal',
  'ratio',
] as const;
export type ValueFormat = (typeof valueFormats)[number];

const tableSchema = z.object({
  name: identifier,
  description: z.string(),
  columns: z.array(identifier).min(1),
});

const joinSchema = z.object({
  table: identifier,
  alias: identifier,
  on: z.object({ fact_column: identifier, column: identifier }),
});

const dimensionSchema = z.object({
  name: identifier,
  label: z.string().min(1),
  table: identifier,
  column: identifier,
  synonyms: z.array(z.string().min(1)).default([]),
  /** Canonical value -> everyday words for it. Values are checked against the warehouse at load. */
  aliases: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** Shorthand analysts type for the dimension itself ("mkt"): matched exactly, and the reading is said. */
  shorthand: z.array(z.string().min(1)).default([]),
  /**
   * Named sets of values ("video" -> Online Video, CTV): read as the whole set in "video channels"
   * and after an exclusion ("non-video"), where the name alone would otherwise read as one value.
   */
  groups: z.record(z.string(), z.array(z.string().min(1)).min(2)).default({}),
});

const metricBase = {
  name: identifier,
  label: z.string().min(1),
  format: z.enum(valueFormats),
  unit: z.string().optional(),
  /** Which direction is good: decides what "best" and "worst" mean. */
  better: z.enum(['higher', 'lower', 'neutral']),
  synonyms: z.array(z.string().min(1)).min(1),
};

const metricSchema = z.discriminatedUnion('kind', [
  z.object({ ...metricBase, kind: z.literal('sum'), column: identifier }),
  z.object({ ...metricBase, kind: z.literal('count_distinct'), column: identifier }),
  z.object({
    ...metricBase,
    kind: z.literal('ratio'),
    numerator: identifier,
    denominator: identifier,
    multiplier: z.number().positive().default(1),
  }),
]);

export const semanticModelSchema = z
  .object({
    version: z.literal(1),
    name: identifier,
    description: z.string(),
    fact: z.object({ table: identifier, alias: identifier, time_column: identifier }),
    tables: z.array(tableSchema).min(1),
    joins: z.array(joinSchema).default([]),
    time: z.object({
      column: identifier,
      grains: z.array(z.enum(timeGrains)).min(1),
      week_starts_on: z.literal('monday'),
    }),
    dimensions: z.array(dimensionSchema).min(1),
    metrics: z.array(metricSchema).min(1),
    examples: z.array(z.object({ question: z.string().min(1), query: z.unknown() })).default([]),
  })
  .superRefine((model, ctx) => {
    const tables = new Map(model.tables.map((t) => [t.name, new Set(t.columns)]));
    const fact = tables.get(model.fact.table);
    if (!fact) {
      ctx.addIssue({
        code: 'custom',
        message: `fact table ${model.fact.table} is not declared`,
        path: ['fact'],
      });
      return;
    }
    const reachable = new Set([model.fact.table, ...model.joins.map((j) => j.table)]);
    for (const [i, join] of model.joins.entries()) {
      if (!tables.get(join.table)?.has(join.on.column) || !fact.has(join.on.fact_column)) {
        ctx.addIssue({
          code: 'custom',
          message: `join to ${join.table} names unknown columns`,
          path: ['joins', i],
        });
      }
    }
    for (const [i, dim] of model.dimensions.entries()) {
      if (!reachable.has(dim.table) || !tables.get(dim.table)?.has(dim.column)) {
        ctx.addIssue({
          code: 'custom',
          message: `dimension ${dim.name} uses ${dim.table}.${dim.column}, which is not reachable`,
          path: ['dimensions', i],
        });
      }
    }
    for (const [i, metric] of model.metrics.entries()) {
      const columns = metric.kind === 'ratio' ? [metric.numerator, metric.denominator] : [metric.column];
      for (const column of columns) {
        if (!fact.has(column)) {
          ctx.addIssue({
            code: 'custom',
            message: `metric ${metric.name} uses unknown column ${column}`,
            path: ['metrics', i],
          });
        }
      }
    }
    const names = [...model.dimensions.map((d) => d.name), ...model.metrics.map((m) => m.name)];
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate)
      ctx.addIssue({ code: 'custom', message: `name ${duplicate} is used twice`, path: ['metrics'] });
  });

export type SemanticModelFile = z.infer<typeof semanticModelSchema>;
export type DimensionDef = SemanticModelFile['dimensions'][number];
export type MetricDef = SemanticModelFile['metrics'][number];
