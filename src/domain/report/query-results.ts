import type { CellValue } from '../../ports.ts';
import type { MetricQuery } from '../metric-query.ts';
import type { CompiledQuery } from '../sql/compile.ts';

/** A report query's outcome: what ran, what came back, how long it took. */
export interface ReportQueryResult {
  id: string;
  question: string;
  query: MetricQuery;
  compiled: CompiledQuery;
  sql: string;
  rows: CellValue[][];
  elapsedMs: number;
}

export type ReportResults = Record<string, ReportQueryResult>;

/** A numeric cell by column name ("spend", "spend_previous", "spend_change"). */
export function cell(
  result: ReportQueryResult | undefined,
  row: CellValue[] | undefined,
  column: string,
): number | null {
  if (!result || !row) return null;
  const index = result.compiled.columns.findIndex((c) => c.name === column);
  const value = index >= 0 ? row[index] : null;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function label(
  result: ReportQueryResult | undefined,
  row: CellValue[] | undefined,
  column: string,
): string {
  if (!result || !row) return '';
  const index = result.compiled.columns.findIndex((c) => c.name === column);
  return index >= 0 ? String(row[index] ?? '') : '';
}

/** A column of a grouped result as key -> value ("Search" -> 1.2e6). */
export function byKey(
  result: ReportQueryResult | undefined,
  keyColumn: string,
  valueColumn: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of result?.rows ?? []) {
    const value = cell(result, row, valueColumn);
    if (value !== null) out[label(result, row, keyColumn)] = value;
  }
  return out;
}
