import { guardSql } from '../domain/sql/guard.ts';
import type { QueryResult, Warehouse } from '../ports.ts';

export interface RunSqlDeps {
  warehouse: Warehouse;
  allowlist: Map<string, Set<string>>;
  maxRows: number;
  queryTimeoutMs: number;
}

export interface SqlRun {
  sql: string;
  limitAdded: boolean;
  result: QueryResult;
}

/** Runs analyst SQL through the same guard as generated SQL; throws ScoutError('sql_rejected') when it fails. */
export async function runSql(deps: RunSqlDeps, input: string): Promise<SqlRun> {
  const guarded = guardSql(input, { allowlist: deps.allowlist, maxRows: deps.maxRows });
  const result = await deps.warehouse.query(guarded.sql, { timeoutMs: deps.queryTimeoutMs });
  return { sql: guarded.sql, limitAdded: guarded.limitAdded, result };
}
