import type { SqlDialect } from '../../ports.ts';
import type { TimeGrain } from '../semantic/model-schema.ts';

/**
 * The places where DuckDB and Trino (Athena) differ for the SQL Scout generates. Everything
 * else the compiler emits is written in the common subset of both.
 */
export interface DialectRules {
  /** Division of two aggregates that yields a fraction (Trino truncates integer division). */
  ratio(numerator: string, denominator: string): string;
  /** The start of the time bucket, typed DATE (DuckDB's date_trunc returns a TIMESTAMP). */
  bucket(grain: TimeGrain, column: string): string;
  /** A date shifted forward by whole months or days, typed DATE. */
  shiftDate(column: string, amount: number, unit: 'month' | 'day'): string;
}

const duckdb: DialectRules = {
  ratio: (numerator, denominator) => `${numerator} / NULLIF(${denominator}, 0)`,
  bucket: (grain, column) => (grain === 'day' ? column : `CAST(date_trunc('${grain}', ${column}) AS DATE)`),
  shiftDate: (column, amount, unit) => `CAST(${column} + INTERVAL '${amount}' ${unit.toUpperCase()} AS DATE)`,
};

const trino: DialectRules = {
  ratio: (numerator, denominator) => `CAST(${numerator} AS DOUBLE) / NULLIF(${denominator}, 0)`,
  bucket: (grain, column) => (grain === 'day' ? column : `date_trunc('${grain}', ${column})`),
  shiftDate: (column, amount, unit) => `date_add('${unit}', ${amount}, ${column})`,
};

export function dialectRules(dialect: SqlDialect): DialectRules {
  return dialect === 'duckdb' ? duckdb : trino;
}

/** A SQL string literal; single quotes are doubled, which both engines read the same way. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return `DATE '${iso}'`;
}
