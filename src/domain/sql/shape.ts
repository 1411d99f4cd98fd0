/**
 * What a statement reads, as one parser understood it: the base tables (after resolving CTE
 * names by scope), the functions it calls, and its string literals. Two parsers that split the
 * same text differently (one reads `'\'` as an open string, the other as a closed one) disagree
 * here, and a statement they disagree on is refused.
 */
export interface StatementShape {
  /** Base tables, lower case, sorted, each once. */
  tables: string[];
  /** Functions called (aggregates and window functions included), lower case, sorted, each once. */
  functions: string[];
  /** String literals in source order. */
  strings: string[];
}

export function shapeOf(
  tables: Iterable<string>,
  functions: Iterable<string>,
  strings: string[],
): StatementShape {
  return { tables: [...new Set(tables)].sort(), functions: [...new Set(functions)].sort(), strings };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** True when every string in `part` occurs in `whole` at least as many times. */
function containsAll(whole: string[], part: string[]): boolean {
  const counts = new Map<string, number>();
  for (const value of whole) counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const value of part) {
    const left = counts.get(value) ?? 0;
    if (left === 0) return false;
    counts.set(value, left - 1);
  }
  return true;
}

/**
 * Why the guard's reading and the engine's reading of a statement differ, or null when they
 * agree. Tables and functions must match exactly. Every literal the guard read must be among the
 * engine's; the engine may have more, because its parser spells some syntax with constants
 * (TRUE is CAST('t' AS BOOLEAN), EXTRACT(YEAR …) is date_part('year', …)).
 */
export function shapeDisagreement(guard: StatementShape, engine: StatementShape): string | null {
  if (!sameList(guard.tables, engine.tables))
    return `tables [${guard.tables.join(', ')}] vs [${engine.tables.join(', ')}]`;
  if (!sameList(guard.functions, engine.functions))
    return `functions [${guard.functions.join(', ')}] vs [${engine.functions.join(', ')}]`;
  if (!containsAll(engine.strings, guard.strings)) return 'string literals differ';
  return null;
}
