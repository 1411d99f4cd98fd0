import type { CellValue } from '../../ports.ts';
import type { MetricQuery } from '../metric-query.ts';
import type { SemanticModel } from '../semantic/semantic-model.ts';
import type { CompiledQuery, OutputColumn } from '../sql/compile.ts';

/** The compiled query's columns joined with the values that came back, by role. */
export interface ResultView {
  query: MetricQuery;
  compiled: CompiledQuery;
  model: SemanticModel;
  rows: CellValue[][];
}

export function columnIndex(view: ResultView, predicate: (c: OutputColumn) => boolean): number {
  return view.compiled.columns.findIndex(predicate);
}

export function numberAt(row: CellValue[], index: number): number | null {
  const value = index >= 0 ? row[index] : null;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function textAt(row: CellValue[], index: number): string {
  const value = index >= 0 ? row[index] : null;
  return value === null || value === undefined ? 'n/a' : String(value);
}
