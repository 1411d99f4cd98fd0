import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { QueryResult, Warehouse } from '../../ports.ts';

/** One query a pitch ran and what came back: enough to write another version without the warehouse. */
export const recordedQuerySchema = z.object({
  sql: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type RecordedQuery = z.infer<typeof recordedQuerySchema>;

/** The warehouse as a pitch sees it, keeping every result it returns (the pitch's data, for re-writes). */
export function recordingWarehouse(inner: Warehouse): {
  warehouse: Warehouse;
  recorded: () => RecordedQuery[];
} {
  const recorded = new Map<string, RecordedQuery>();
  return {
    warehouse: {
      dialect: inner.dialect,
      async query(sql, options) {
        const result = await inner.query(sql, options);
        recorded.set(sql, { sql, columns: result.columns, rows: result.rows });
        return result;
      },
      close: () => inner.close(),
    },
    recorded: () => [...recorded.values()],
  };
}

/**
 * A warehouse that answers only from a pitch's recorded results: "Shorter", "More formal" and
 * "Another program" re-run the generator on the same numbers, never a new query.
 */
export function replayWarehouse(dialect: Warehouse['dialect'], queries: readonly RecordedQuery[]): Warehouse {
  const bySql = new Map(queries.map((q) => [q.sql, q]));
  return {
    dialect,
    async query(sql): Promise<QueryResult> {
      const hit = bySql.get(sql);
      if (!hit)
        throw new ScoutError(
          'query_failed',
          'a re-written pitch asked for a query its first version did not run',
          {
            userMessage: 'I could not re-write this pitch from its numbers; please draft it again.',
          },
        );
      return { columns: hit.columns, rows: hit.rows, elapsedMs: 0 };
    },
    close: async () => undefined,
  };
}
