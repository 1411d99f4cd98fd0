import { formatChange, formatForText, formatPercent } from '../answer/format-value.ts';

/**
 * A figure a pitch may state: its value, the exact text the pitch writes for it, and where it
 * comes from. A fact with `sql` is a query result: running that SQL returns `value` in the first
 * column of the first row. A fact without `sql` is quoted from a document (`source` is
 * `data/kb/<path>#<anchor>`).
 */
export interface Fact {
  id: string;
  label: string;
  value: number;
  display: string;
  sql: string | null;
  source: string;
}

/**
 * How a value is written: money compact ($84.6K), `fraction` a ratio shown as a percentage
 * (CTR 0.0123 is 1.23%), `points` a percentage stored as points (rebate_pct 8 is 8%), `ratio`
 * two decimals (ROAS 5.17), `count` compact (3.3M), `change` a signed relative change (+12.3%).
 */
export type FactFormat = 'money' | 'fraction' | 'points' | 'ratio' | 'count' | 'change';

export function displayFact(value: number, format: FactFormat): string {
  switch (format) {
    case 'money':
      return formatForText(value, 'currency');
    case 'fraction':
      return formatPercent(value);
    case 'points':
      return `${formatForText(value, 'decimal').replace(/\.00$/, '')}%`;
    case 'ratio':
      return formatForText(value, 'ratio');
    case 'count':
      return formatForText(value, 'integer');
    case 'change':
      return formatChange(value);
  }
}

/** Collects facts in order and numbers them f1, f2, …; keyed so the writer can find each one. */
export interface FactBook {
  /** Adds a fact under `key` (a stable name such as `spend.this_quarter`); null values are not facts. */
  add(
    key: string,
    input: { label: string; value: number | null; format: FactFormat; sql: string | null; source: string },
  ): Fact | null;
  /** Adds a figure quoted from a document, with its display exactly as the document writes it. */
  addQuoted(key: string, input: { label: string; display: string; source: string }): Fact | null;
  get(key: string): Fact | undefined;
  all(): Fact[];
}

/** The value a written figure stands for: "$84,568.57" is 84568.57, "$6.8K" 6800, "8%" 8. */
export function valueOfFigure(display: string): number | null {
  const clean = display
    .replace(/[$,\s]/g, '')
    .replace('−', '-')
    .replace(/%$/, '');
  const unit = clean.at(-1);
  const multiplier = unit === 'K' ? 1e3 : unit === 'M' ? 1e6 : unit === 'B' ? 1e9 : 1;
  const value = Number(multiplier === 1 ? clean : clean.slice(0, -1)) * multiplier;
  return Number.isFinite(value) ? value : null;
}

export function createFactBook(): FactBook {
  const byKey = new Map<string, Fact>();
  const ordered: Fact[] = [];
  const push = (key: string, fact: Omit<Fact, 'id'>): Fact => {
    const existing = byKey.get(key);
    if (existing) return existing;
    const numbered: Fact = { id: `f${ordered.length + 1}`, ...fact };
    byKey.set(key, numbered);
    ordered.push(numbered);
    return numbered;
  };
  return {
    add(key, input) {
      if (input.value === null || !Number.isFinite(input.value)) return null;
      return push(key, {
        label: input.label,
        value: input.value,
        display: displayFact(input.value, input.format),
        sql: input.sql,
        source: input.source,
      });
    },
    addQuoted(key, input) {
      const value = valueOfFigure(input.display);
      if (value === null) return null;
      return push(key, {
        label: input.label,
        value,
        display: input.display,
        sql: null,
        source: input.source,
      });
    },
    get: (key) => byKey.get(key),
    all: () => [...ordered],
  };
}
