import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ScoutError } from '../../errors.ts';
import type { QueryOptions, QueryResult, Warehouse } from '../../ports.ts';
import { toCell } from './duckdb-values.ts';

export interface DuckDbWarehouseOptions {
  path: string;
  defaultTimeoutMs: number;
  /** Worker threads for the engine; defaults to DuckDB's own choice. */
  threads?: number;
}

/**
 * Opens the warehouse file read-only and locks the engine down before any query runs: no
 * external access (files, network, extensions), configuration frozen. The SQL guard is the
 * first line; this is the second.
 */
export async function openDuckDbWarehouse(options: DuckDbWarehouseOptions): Promise<Warehouse> {
  const path = resolve(options.path);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, {
      access_mode: 'READ_ONLY',
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
  } catch (error) {
    throw new ScoutError('warehouse_corrupt', `cannot open warehouse ${options.path}: ${String(error)}`, {
      cause: error,
      userMessage: `The warehouse file ${options.path} cannot be opened (is it a DuckDB file?). Rebuild it with "scout warehouse build".`,
    });
  }
  const setup = await instance.connect();
  const dir = dirname(path).replaceAll("'", "''");
  await setup.run(
    `SET allowed_directories=['${dir}/']; SET enable_external_access=false; SET autoload_known_extensions=false; ` +
      'SET autoinstall_known_extensions=false; SET lock_configuration=true;',
  );
  setup.closeSync();

  const idle: DuckDBConnection[] = [];
  let closed = false;

  async function withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (closed) throw new ScoutError('internal', 'warehouse is closed');
    const connection = idle.pop() ?? (await instance.connect());
    try {
      return await work(connection);
    } finally {
      if (closed) connection.closeSync();
      else idle.push(connection);
    }
  }

  return {
    dialect: 'duckdb',
    async query(sql: string, queryOptions: QueryOptions = {}): Promise<QueryResult> {
      const timeoutMs = queryOptions.timeoutMs ?? options.defaultTimeoutMs;
      return withConnection(async (connection) => {
        await assertSingleSelect(connection, sql);
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          connection.interrupt();
        }, timeoutMs);
        const started = performance.now();
        try {
          const reader = await connection.runAndReadAll(sql);
          const names = reader.columnNames();
          const types = reader.columnTypes().map(String);
          const rows = reader
            .getRowsJson()
            .map((row) => row.map((value, i) => toCell(value, types[i] ?? '')));
          return {
            columns: names.map((name, i) => ({ name, type: types[i] ?? 'UNKNOWN' })),
            rows,
            elapsedMs: performance.now() - started,
          };
        } catch (error) {
          if (timedOut) {
            throw new ScoutError('query_timeout', `query exceeded ${timeoutMs} ms and was interrupted`, {
              cause: error,
              retryable: false,
              userMessage: `The query took longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Try a narrower period or fewer groups.`,
            });
          }
          const message = error instanceof Error ? error.message : String(error);
          throw new ScoutError('query_failed', `query failed: ${message}`, {
            cause: error,
            userMessage: `The warehouse could not run the query: ${firstLine(message)}`,
          });
        } finally {
          clearTimeout(timer);
        }
      });
    },
    async explain(sql: string): Promise<void> {
      await withConnection(async (connection) => {
        await assertSingleSelect(connection, sql);
        try {
          await connection.run(`EXPLAIN ${sql}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new ScoutError('query_failed', `query failed to plan: ${message}`, {
            cause: error,
            userMessage: `The warehouse could not plan the query: ${firstLine(message)}`,
          });
        }
      });
    },
    async close() {
      closed = true;
      for (const connection of idle.splice(0)) connection.closeSync();
      instance.closeSync();
    },
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.slice(0, 200) ?? message;
}

/**
 * DuckDB's own parser must agree that this is one plain SELECT: json_serialize_sql refuses
 * anything else, and its AST shows table functions the generic guard might have missed.
 */
async function assertSingleSelect(connection: DuckDBConnection, sql: string): Promise<void> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const serialized = String(reader.getRowsJson()[0]?.[0] ?? '');
  let tree: { error?: boolean; error_message?: string; statements?: unknown[] };
  try {
    tree = JSON.parse(serialized);
  } catch (error) {
    throw new ScoutError('sql_rejected', 'SQL rejected by the engine check', {
      cause: error,
      userMessage: 'That SQL is not allowed.',
    });
  }
  if (tree.error && !/only select/i.test(tree.error_message ?? '')) {
    throw new ScoutError(
      'sql_rejected',
      `SQL rejected by the engine check: ${tree.error_message ?? 'unknown'}`,
      {
        userMessage: `That SQL is not allowed: the engine could not check it (${firstLine(tree.error_message ?? 'unknown error')}).`,
      },
    );
  }
  if (tree.error || !Array.isArray(tree.statements) || tree.statements.length !== 1) {
    throw new ScoutError(
      'sql_rejected',
      `SQL rejected by the engine check: ${tree.error_message ?? 'not one SELECT'}`,
      {
        userMessage: 'That SQL is not allowed: only one SELECT statement can run.',
      },
    );
  }
  if (serialized.includes('"TABLE_FUNCTION"')) {
    throw new ScoutError('sql_rejected', 'SQL rejected: table function', {
      userMessage: 'That SQL is not allowed: table functions cannot be used.',
    });
  }
}
