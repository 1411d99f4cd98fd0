import { z } from 'zod';
import type { CellValue, ResultColumn } from '../../ports.ts';

/**
 * zod schemas for the parts of Athena's responses the adapter depends on. The SDK types mark
 * almost everything optional, so a missing id or status must become a typed error here rather
 * than an `undefined` deep inside the polling loop.
 */

export const queryStates = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const;
export type QueryState = (typeof queryStates)[number];

export const startOutputSchema = z.object({ QueryExecutionId: z.string().min(1) });

const athenaErrorSchema = z.object({
  ErrorCategory: z.number().optional(),
  ErrorType: z.number().optional(),
  Retryable: z.boolean().optional(),
  ErrorMessage: z.string().optional(),
});

const statisticsSchema = z.object({
  EngineExecutionTimeInMillis: z.number().nonnegative().optional(),
  DataScannedInBytes: z.number().nonnegative().optional(),
  TotalExecutionTimeInMillis: z.number().optional(),
  QueryQueueTimeInMillis: z.number().optional(),
  ResultReuseInformation: z.object({ ReusedPreviousResult: z.boolean().optional() }).optional(),
});

export const executionOutputSchema = z.object({
  QueryExecution: z.object({
    QueryExecutionId: z.string().optional(),
    Status: z.object({
      State: z.enum(queryStates),
      StateChangeReason: z.string().optional(),
      AthenaError: athenaErrorSchema.optional(),
    }),
    Statistics: statisticsSchema.optional(),
  }),
});
export type QueryExecutionView = z.infer<typeof executionOutputSchema>['QueryExecution'];

const columnInfoSchema = z.object({
  Name: z.string(),
  Type: z.string().min(1),
  Precision: z.number().optional(),
  Scale: z.number().optional(),
});
type ColumnInfo = z.infer<typeof columnInfoSchema>;

export const resultsPageSchema = z.object({
  ResultSet: z.object({
    Rows: z
      .array(z.object({ Data: z.array(z.object({ VarCharValue: z.string().optional() })).default([]) }))
      .default([]),
    ResultSetMetadata: z.object({ ColumnInfo: z.array(columnInfoSchema) }),
  }),
  NextToken: z.string().min(1).optional(),
});
export type ResultsPage = z.infer<typeof resultsPageSchema>;

const numericTypes = new Set([
  'tinyint',
  'smallint',
  'integer',
  'int',
  'bigint',
  'double',
  'float',
  'real',
  'decimal',
]);

/** Athena's lower-case type name, without any parameters (`decimal(38,2)` → `decimal`). */
function baseType(type: string): string {
  return type.toLowerCase().replace(/\(.*$/, '').trim();
}

/** The column as the rest of Scout sees it: engine type names in upper case, as DuckDB reports them. */
export function toResultColumn(info: ColumnInfo): ResultColumn {
  const base = baseType(info.Type);
  const type =
    base === 'decimal' && info.Precision !== undefined && !info.Type.includes('(')
      ? `DECIMAL(${info.Precision},${info.Scale ?? 0})`
      : info.Type.toUpperCase();
  return { name: info.Name, type };
}

/** Athena sends every value as a string; the column's declared type decides what it becomes. */
export function toAthenaCell(value: string | undefined, type: string): CellValue {
  if (value === undefined) return null;
  const base = baseType(type);
  if (numericTypes.has(base)) {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : null;
  }
  if (base === 'boolean') return value === 'true';
  // date arrives as YYYY-MM-DD already; varchar, char, timestamp and nested types stay strings.
  return value;
}
