import { createRequire } from 'node:module';

/**
 * The DuckDB binding, loaded with require rather than import. Imported from an ES module, a
 * CommonJS package has each of its files scanned by Node's lexer for named exports; for this
 * package's barrel of re-exports that scan cost ~170 ms of every CLI start. require skips it.
 */
export const duckdb: typeof import('@duckdb/node-api') = createRequire(import.meta.url)('@duckdb/node-api');
