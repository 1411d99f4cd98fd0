import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { guardSql, rejectSql } from '../../domain/sql/guard.ts';
import { shapeDisagreement } from '../../domain/sql/shape.ts';
import { isScoutError, ScoutError } from '../../errors.ts';
import type { CellValue, QueryOptions, QueryResult, Warehouse } from '../../ports.ts';
import { duckdbErrorToScout, planTooLarge, queryTimedOut, resultTooLarge } from './duckdb-errors.ts';
import { duckdb } from './duckdb-module.ts';
import { largestPlanEstimate } from './duckdb-plan.ts';
import { toCell } from './duckdb-values.ts';
import { checkEngineParse, parseSerializedSql } from './parse-tree-check.ts';
import { readWarehouseMeta, type WarehouseMeta } from './warehouse-meta.ts';

/** Bounds on what one statement may use and return. */
export interface DuckDbLimits {
  /** DuckDB memory_limit, e.g. "1GB": a statement needing more fails with query_too_large. */
  memoryLimit: string;
  threads: number;
  /** DuckDB max_temp_directory_size: how much a statement may spill to disk. */
  maxTempDirectorySize: string;
  maxResultRows: number;
  /** Approximate bytes of a result as Scout holds it (strings by length, other cells 8 bytes). */
  maxResultBytes: number;
  /** Largest intermediate result the optimizer may estimate for a plan (cross joins of the fact table). */
  maxPlanRows: number;
}

export const defaultDuckDbLimits: DuckDbLimits = {
  memoryLimit: '1GB',
  threads: 2,
  maxTempDirectorySize: '1GB',
  maxResultRows: 100_000,
  maxResultBytes: 8 * 1024 * 1024,
  maxPlanRows: 1e10,
};

export interface DuckDbWarehouseOptions {
  path: string;
  defaultTimeoutMs: number;
  /** Tables and columns a statement may read: DuckDB's own parse of every statement is checked against it. */
  allowlist: Map<string, Set<string>>;
  limits?: Partial<DuckDbLimits>;
}

export interface DuckDbWarehouse extends Warehouse {
  explain(sql: string): Promise<void>;
  /** The sample warehouse's metadata: Scout's own SQL over catalog tables the allowlist hides. */
  readMeta(): Promise<WarehouseMeta | null>;
  /** Current values of engine settings (for start-up checks and tests). */
  settings(names: string[]): Promise<Record<string, string>>;
}

async function createInstance(
  path: string,
  limits: DuckDbLimits,
  tempDirectory: string,
): Promise<DuckDBInstance> {
  try {
    return await duckdb.DuckDBInstance.create(resolve(path), {
      access_mode: 'READ_ONLY',
      memory_limit: limits.memoryLimit,
      threads: String(limits.threads),
      max_temp_directory_size: limits.maxTempDirectorySize,
      // Spill files go to a private directory, never next to the data.
      temp_directory: tempDirectory,
    });
  } catch (error) {
    throw new ScoutError('warehouse_corrupt', `cannot open warehouse ${path}: ${String(error)}`, {
      cause: error,
      userMessage: `The warehouse file ${path} cannot be opened (is it a DuckDB file?). Rebuild it with "scout warehouse build".`,
    });
  }
}

/**
 * No external access at all (no allowed_directories exception, so FROM 'data/x.csv' and every
 * other file-name scan fail), no extension loading, then the configuration is frozen: a
 * statement cannot SET its way back.
 */
async function lockDown(instance: DuckDBInstance): Promise<void> {
  const setup = await instance.connect();
  try {
    await setup.run(
      'SET enable_external_access=false; SET autoload_known_extensions=false; ' +
        'SET autoinstall_known_extensions=false; SET lock_configuration=true;',
    );
  } finally {
    setup.closeSync();
  }
}

/** The engine as every warehouse query meets it: read-only, bounded, locked. Exported for tests that try to break out. */
export async function openLockedEngine(
  path: string,
  limits: DuckDbLimits,
  tempDirectory: string,
): Promise<DuckDBInstance> {
  const instance = await createInstance(path, limits, tempDirectory);
  try {
    await lockDown(instance);
    return instance;
  } catch (error) {
    instance.closeSync();
    throw error;
  }
}

/**
 * Opens the warehouse file read-only with bounded memory, threads and spill space, and locks the
 * engine down before any query runs. Every statement is then checked on DuckDB's own parse
 * (default-deny, and it must agree with the SQL guard's reading), its plan is bounded, and its
 * result is read with row and byte caps. The SQL guard is the first line; this is the second.
 */
export async function openDuckDbWarehouse(options: DuckDbWarehouseOptions): Promise<DuckDbWarehouse> {
  const limits = { ...defaultDuckDbLimits, ...options.limits };
  // Private (0700) spill directory; removed on close, or at exit when a process never closes.
  const tempDirectory = mkdtempSync(join(tmpdir(), 'scout-duckdb-'));
  const removeTemp = () => rmSync(tempDirectory, { recursive: true, force: true });
  process.once('exit', removeTemp);
  let instance: DuckDBInstance;
  try {
    instance = await openLockedEngine(options.path, limits, tempDirectory);
  } catch (error) {
    process.off('exit', removeTemp);
    removeTemp();
    throw error;
  }

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

  const check = async (connection: DuckDBConnection, sql: string) => {
    await checkStatement(connection, sql, options.allowlist);
    await checkPlan(connection, sql, limits);
  };
  const run = (connection: DuckDBConnection, sql: string, timeoutMs: number) =>
    runBounded(connection, sql, { timeoutMs, limits });

  return {
    dialect: 'duckdb',
    query(sql: string, queryOptions: QueryOptions = {}) {
      const timeoutMs = queryOptions.timeoutMs ?? options.defaultTimeoutMs;
      return withConnection(async (connection) => {
        await check(connection, sql);
        return run(connection, sql, timeoutMs);
      });
    },
    explain(sql: string) {
      return withConnection((connection) => check(connection, sql));
    },
    readMeta() {
      return withConnection((connection) =>
        readWarehouseMeta((sql) => run(connection, sql, options.defaultTimeoutMs), options.path),
      );
    },
    settings(names: string[]) {
      return withConnection(async (connection) => {
        const entries: [string, string][] = [];
        for (const name of names) {
          // current_setting takes a constant, not a parameter; names come from Scout's code.
          if (!/^[a-z_]+$/.test(name)) throw new ScoutError('internal', `not a setting name: ${name}`);
          const reader = await connection.runAndReadAll(`SELECT current_setting('${name}')::VARCHAR`);
          entries.push([name, String(reader.getRowsJson()[0]?.[0] ?? '')]);
        }
        return Object.fromEntries(entries);
      });
    },
    async close() {
      closed = true;
      for (const connection of idle.splice(0)) connection.closeSync();
      instance.closeSync();
      process.off('exit', removeTemp);
      removeTemp();
    },
  };
}

/**
 * The decision is taken on the statement DuckDB will run: its own parse (json_serialize_sql) is
 * walked default-deny, and refused when it reads other tables, functions or literals than the
 * SQL guard's parser did on the same text.
 */
async function checkStatement(
  connection: DuckDBConnection,
  sql: string,
  allowlist: Map<string, Set<string>>,
): Promise<void> {
  const guard = guardSql(sql, { allowlist, maxRows: Number.MAX_SAFE_INTEGER }).shape;
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const engine = checkEngineParse(parseSerializedSql(String(reader.getRowsJson()[0]?.[0] ?? '')), allowlist);
  const disagreement = shapeDisagreement(guard, engine);
  if (disagreement) rejectSql(`the guard and the engine read it differently (${disagreement})`);
}

/** Refuses, before running, a plan the optimizer expects to produce a huge intermediate result. */
async function checkPlan(connection: DuckDBConnection, sql: string, limits: DuckDbLimits): Promise<void> {
  let planJson: string;
  try {
    const reader = await connection.runAndReadAll(`EXPLAIN (FORMAT JSON) ${sql}`);
    planJson = String(reader.getRowsJson()[0]?.[1] ?? '');
  } catch (error) {
    throw duckdbErrorToScout('plan', error, limits);
  }
  const estimate = largestPlanEstimate(planJson);
  if (estimate > limits.maxPlanRows) throw planTooLarge(estimate, limits.maxPlanRows);
}

function cellBytes(cell: CellValue): number {
  return typeof cell === 'string' ? cell.length * 2 : 8;
}

/** Runs a checked statement under a deadline, streaming the result and stopping at the row and byte caps. */
async function runBounded(
  connection: DuckDBConnection,
  sql: string,
  context: { timeoutMs: number; limits: DuckDbLimits },
): Promise<QueryResult> {
  const { timeoutMs, limits } = context;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  const started = performance.now();
  try {
    const result = await connection.stream(sql);
    const names = result.columnNames();
    const types = result.columnTypes().map(String);
    const rows: CellValue[][] = [];
    let bytes = 0;
    for await (const chunk of result.yieldRowsJson()) {
      for (const raw of chunk) {
        const row = raw.map((value, i) => toCell(value, types[i] ?? ''));
        bytes += row.reduce<number>((sum, cell) => sum + cellBytes(cell), 0);
        rows.push(row);
        if (rows.length > limits.maxResultRows) throw resultTooLarge(`${limits.maxResultRows} rows`);
        if (bytes > limits.maxResultBytes)
          throw resultTooLarge(`${Math.round(limits.maxResultBytes / 1024 / 1024)} MB`);
      }
    }
    return {
      columns: names.map((name, i) => ({ name, type: types[i] ?? 'UNKNOWN' })),
      rows,
      elapsedMs: performance.now() - started,
    };
  } catch (error) {
    throw timedOut && !isScoutError(error)
      ? queryTimedOut(timeoutMs, error)
      : duckdbErrorToScout('run', error, limits);
  } finally {
    clearTimeout(timer);
  }
}
