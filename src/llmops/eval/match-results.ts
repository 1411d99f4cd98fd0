import type { CellValue } from '../../ports.ts';

export interface MatchOutcome {
  ok: boolean;
  reason?: string;
}

const tolerance = 1e-6;

function same(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b || (a !== null && b !== null && String(a) === String(b));
}

function sortKey(value: CellValue): string {
  if (typeof value === 'number') return `n:${value.toPrecision(7)}`;
  return `s:${String(value)}`;
}

function sortedColumn(rows: CellValue[][], index: number): CellValue[] {
  return rows.map((row) => row[index] ?? null).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

/**
 * Execution match: every reference column must equal some column of Scout's result (by values,
 * relative tolerance 1e-6), with the same number of rows; row order counts only when `ordered`.
 * Extra columns in Scout's result (previous values, totals) are allowed.
 */
export function matchResults(
  reference: CellValue[][],
  actual: CellValue[][],
  ordered: boolean,
): MatchOutcome {
  if (reference.length !== actual.length) {
    return { ok: false, reason: `expected ${reference.length} rows, got ${actual.length}` };
  }
  if (reference.length === 0) return { ok: true };
  const width = reference[0]?.length ?? 0;
  const actualWidth = actual[0]?.length ?? 0;
  const mapping: number[] = [];
  for (let r = 0; r < width; r++) {
    const want = ordered ? reference.map((row) => row[r] ?? null) : sortedColumn(reference, r);
    const found = [...Array(actualWidth).keys()].find((a) => {
      if (mapping.includes(a)) return false;
      const got = ordered ? actual.map((row) => row[a] ?? null) : sortedColumn(actual, a);
      return want.every((value, i) => same(value, got[i] ?? null));
    });
    if (found === undefined) return { ok: false, reason: `no column matches reference column ${r + 1}` };
    mapping.push(found);
  }
  if (ordered) return { ok: true };
  // Columns match as multisets; now every reference row must pair with its own result row.
  const used = new Set<number>();
  for (const row of reference) {
    const partner = actual.findIndex(
      (candidate, index) =>
        !used.has(index) && mapping.every((a, r) => same(row[r] ?? null, candidate[a] ?? null)),
    );
    if (partner === -1) return { ok: false, reason: 'the rows pair values differently from the reference' };
    used.add(partner);
  }
  return { ok: true };
}
