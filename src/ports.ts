/**
 * Narrow interfaces between the use cases and the outside world. Adapters implement them;
 * only src/main.ts decides which adapter is used.
 */

export type SqlDialect = 'duckdb' | 'trino';

/** A column of a query result with its engine type name (e.g. DOUBLE, VARCHAR, DATE). */
export interface ResultColumn {
  name: string;
  type: string;
}

/**
 * Raw values: numbers for numeric columns (BIGINT included, as sample sums stay far below 2^53),
 * strings for text, ISO `YYYY-MM-DD` strings for dates, null for NULL.
 */
export type CellValue = string | number | boolean | null;

export interface QueryResult {
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Wall time spent in the engine, milliseconds. */
  elapsedMs: number;
  /** Bytes scanned, where the engine reports it (Athena). */
  bytesScanned?: number;
}

export interface QueryOptions {
  /** Abort the query past this many milliseconds. */
  timeoutMs?: number;
}

export interface Warehouse {
  readonly dialect: SqlDialect;
  /** Runs one statement that already passed the SQL guard. */
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  close(): Promise<void>;
}

/** A Vega-Lite specification (a plain JSON object). */
export type ChartSpec = Record<string, unknown>;

export interface ChartRenderer {
  /** Renders a Vega-Lite spec to PNG bytes. */
  renderPng(spec: ChartSpec): Promise<Uint8Array>;
}

export interface Clock {
  now(): Date;
}
