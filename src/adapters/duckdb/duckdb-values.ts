import type { CellValue } from '../../ports.ts';

const numericTypes =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** Maps a JSON-converted DuckDB value to Scout's raw cell value, typed by the column's engine type. */
export function toCell(value: unknown, type: string): CellValue {
  if (value === null || value === undefined) return null;
  if (numericTypes.test(type)) {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  return JSON.stringify(value);
}
