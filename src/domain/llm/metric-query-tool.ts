import { z } from 'zod';
import type { LlmTool } from '../../ports.ts';
import { type MetricQuery, metricQuerySchema } from '../metric-query.ts';
import { timeGrains } from '../semantic/model-schema.ts';
import type { SemanticModel } from '../semantic/semantic-model.ts';

/** What the model may answer through the tool: a metric query, a question back, or (outside the model) SQL. */
export type ModelUnderstanding =
  | { kind: 'query'; query: MetricQuery }
  | { kind: 'documents'; search: string }
  | { kind: 'clarify'; question: string }
  | { kind: 'sql'; sql: string; explanation: string };

const toolInputSchema = z
  .object({
    query: z.unknown().optional(),
    clarify: z.string().min(1).max(1000).optional(),
    search_documents: z.string().min(2).max(500).optional(),
    sql: z.string().min(1).max(20_000).optional(),
    explanation: z.string().max(1000).optional(),
  })
  .strict();

const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

/**
 * JSON Schema of the metric query, with the model's own names and values as enums. The words the
 * model reads (the tool's and the search field's descriptions) come from versioned prompts.
 */
export function metricQueryTool(
  model: SemanticModel,
  options: { allowSql: boolean; description: string; searchDocumentsDescription: string },
): LlmTool {
  const metrics = [...model.metrics.keys()];
  const dimensions = [...model.dimensions.keys()];
  const timeSpec = {
    oneOf: [
      { type: 'object', properties: { kind: { const: 'all' } }, required: ['kind'] },
      {
        type: 'object',
        properties: { kind: { const: 'year' }, year: { type: 'integer' } },
        required: ['kind', 'year'],
      },
      {
        type: 'object',
        properties: { kind: { const: 'half' }, year: { type: 'integer' }, half: { enum: [1, 2] } },
        required: ['kind', 'year', 'half'],
      },
      {
        type: 'object',
        properties: {
          kind: { const: 'quarter' },
          year: { type: 'integer' },
          quarter: { enum: [1, 2, 3, 4] },
        },
        required: ['kind', 'year', 'quarter'],
      },
      {
        type: 'object',
        properties: {
          kind: { const: 'month' },
          year: { type: 'integer' },
          month: { type: 'integer', minimum: 1, maximum: 12 },
        },
        required: ['kind', 'year', 'month'],
      },
      {
        type: 'object',
        properties: { kind: { const: 'range' }, start: isoDate, end: isoDate },
        required: ['kind', 'start', 'end'],
      },
      {
        type: 'object',
        properties: {
          kind: { const: 'relative' },
          unit: { enum: ['day', 'week', 'month', 'quarter', 'year'] },
          offset: { type: 'integer', maximum: 0 },
        },
        required: ['kind', 'unit', 'offset'],
      },
      {
        type: 'object',
        properties: {
          kind: { const: 'last_n' },
          unit: { enum: ['day', 'week', 'month'] },
          n: { type: 'integer', minimum: 1 },
        },
        required: ['kind', 'unit', 'n'],
      },
      {
        type: 'object',
        properties: { kind: { const: 'since' }, start: isoDate },
        required: ['kind', 'start'],
      },
    ],
  };
  const query = {
    type: 'object',
    properties: {
      metrics: { type: 'array', items: { enum: metrics }, minItems: 1, maxItems: 6 },
      dimensions: { type: 'array', items: { enum: dimensions }, maxItems: 3 },
      grain: { enum: [...timeGrains] },
      filters: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            dimension: { enum: dimensions },
            values: { type: 'array', items: { type: 'string' }, minItems: 1 },
            exclude: { type: 'boolean' },
          },
          required: ['dimension', 'values'],
        },
      },
      time: timeSpec,
      compare: {
        type: 'object',
        properties: { kind: { enum: ['previous_period', 'previous_year'] } },
        required: ['kind'],
      },
      share: {
        type: 'object',
        properties: { dimension: { enum: dimensions }, values: { type: 'array', items: { type: 'string' } } },
        required: ['dimension'],
      },
      order: {
        type: 'object',
        properties: {
          metric: { enum: metrics },
          direction: { enum: ['asc', 'desc'] },
          by: { enum: ['value', 'change', 'change_pct'] },
        },
        required: ['metric', 'direction'],
      },
      per: { enum: [...timeGrains] },
      limit: { type: 'integer', minimum: 1, maximum: 1000 },
    },
    required: ['metrics'],
  };
  return {
    name: 'metric_query',
    description: options.description,
    inputSchema: {
      type: 'object',
      properties: {
        query,
        clarify: { type: 'string' },
        search_documents: {
          type: 'string',
          description: options.searchDocumentsDescription,
        },
        ...(options.allowSql ? { sql: { type: 'string' }, explanation: { type: 'string' } } : {}),
      },
    },
  };
}

/** Checks the model's tool input; the error text is what the repair turn shows the model. */
export function parseModelUnderstanding(
  input: unknown,
  check: (query: MetricQuery) => string | null,
  options: { allowSql: boolean },
): { ok: true; value: ModelUnderstanding } | { ok: false; error: string } {
  const parsed = toolInputSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      error: `the input must be an object with one of query, clarify${options.allowSql ? ', sql' : ''}`,
    };
  const { query, clarify, sql, explanation, search_documents: search } = parsed.data;
  const given = [query !== undefined, clarify !== undefined, sql !== undefined, search !== undefined].filter(
    Boolean,
  ).length;
  if (given !== 1) return { ok: false, error: 'fill exactly one of query, search_documents, clarify or sql' };
  if (clarify) return { ok: true, value: { kind: 'clarify', question: clarify } };
  if (search) return { ok: true, value: { kind: 'documents', search } };
  if (sql) {
    if (!options.allowSql) return { ok: false, error: 'sql is not allowed; use query or clarify' };
    return { ok: true, value: { kind: 'sql', sql, explanation: explanation ?? '' } };
  }
  const checked = metricQuerySchema.safeParse(query);
  if (!checked.success) {
    const detail = checked.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'query'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: `query is invalid: ${detail}` };
  }
  const problem = check(checked.data);
  if (problem) return { ok: false, error: problem };
  return { ok: true, value: { kind: 'query', query: checked.data } };
}
