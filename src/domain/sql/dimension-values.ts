import type { CellValue } from '../../ports.ts';

/** Where a dimension's values live, as the semantic-model file declares it. */
export interface DimensionColumn {
  name: string;
  table: string;
  column: string;
}

/**
 * Every distinct value of every dimension in one statement, rows of (`dimension`, `value`)
 * ordered by both: one round trip, as on Athena each query costs a start and some polling.
 * The names come from the semantic-model file, which the schema restricts to identifiers.
 */
export function dimensionValuesSql(dimensions: readonly DimensionColumn[]): string {
  const union = dimensions
    .map(
      (dim) =>
        `SELECT '${dim.name}' AS dimension, CAST(${dim.column} AS VARCHAR) AS value FROM ${dim.table} WHERE ${dim.column} IS NOT NULL GROUP BY 2`,
    )
    .join('\nUNION ALL\n');
  return `SELECT dimension, value FROM (\n${union}\n) AS v ORDER BY 1, 2`;
}

/** The rows of `dimensionValuesSql` as one list per dimension (every dimension present, maybe empty). */
export function groupDimensionValues(
  dimensions: readonly DimensionColumn[],
  rows: readonly CellValue[][],
): Map<string, string[]> {
  const values = new Map<string, string[]>(dimensions.map((dim) => [dim.name, []]));
  for (const [dimension, value] of rows) values.get(String(dimension))?.push(String(value));
  return values;
}
