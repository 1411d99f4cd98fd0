/**
 * Builds the embedded sample warehouse: a DuckDB file holding the contract's four tables plus
 * scout_meta, filled from the deterministic generator through the Appender API. The file is
 * written next to its destination and renamed onto it only once complete and checkpointed, so an
 * interrupted build never leaves a half-written warehouse behind.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDateValue,
  DuckDBInstance,
} from '@duckdb/node-api';
import {
  AD_PERFORMANCE_DAILY_TABLE,
  AS_OF_ISO,
  BRANDS_TABLE,
  CAMPAIGNS_TABLE,
  type CatalogRow,
  type ChannelMonth,
  CREATIVE_PERFORMANCE_MONTHLY_TABLE,
  CREATIVES_TABLE,
  dayFromIso,
  generateSampleData,
  PROGRAMS_TABLE,
  type SampleData,
  SCOUT_META_TABLE,
  type TableSchema,
  WAREHOUSE_TABLES,
} from '../../../data/generator/index.ts';
import { ScoutError, toScoutError } from '../../errors.ts';

export interface BuildSampleWarehouseOptions {
  /** Destination file; its directory is created if needed. */
  path: string;
  /** Default 42. */
  seed?: number;
  /** Default 1 (about one million ad_performance_daily rows). */
  scale?: number;
  /** Called with the fraction done (0–1) and what is happening; may be called often. */
  onProgress?: (fraction: number, message: string) => void;
}

export interface BuildSampleWarehouseResult {
  /** Rows written to ad_performance_daily. */
  rows: number;
  elapsedMs: number;
}

/** Share of the progress bar reserved for the performance rows (the rest: tables, catalog, checkpoint). */
const ROWS_FROM = 0.05;
const ROWS_TO = 0.95;

function createTableSql(table: TableSchema): string {
  const columns = table.columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  return `CREATE TABLE "${table.name}" (${columns})`;
}

/** Appends catalog rows whose values are already in column order (DATE as days since epoch). */
async function appendCatalog(connection: DuckDBConnection, table: TableSchema, rows: readonly CatalogRow[]) {
  const appender = await connection.createAppender(table.name);
  try {
    for (const row of rows) {
      table.columns.forEach(([name, type], i) => {
        const value = row[i];
        if (value === undefined) throw new Error(`${table.name}.${name}: missing value`);
        if (type === 'VARCHAR') appender.appendVarchar(String(value));
        else if (typeof value !== 'number')
          throw new Error(`${table.name}.${name}: expected a number, got "${value}"`);
        else if (type === 'DATE') appender.appendDate(new DuckDBDateValue(value));
        else if (type === 'BIGINT') appender.appendBigInt(BigInt(value));
        else appender.appendDouble(value);
      });
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Lets other work (a Slack ack, a progress message) run between batches of synchronous appends. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolveYield) => setImmediate(resolveYield));
}

async function appendPerformanceRows(
  connection: DuckDBConnection,
  data: SampleData,
  progress: (fraction: number, message: string) => void,
): Promise<number> {
  const appender: DuckDBAppender = await connection.createAppender(AD_PERFORMANCE_DAILY_TABLE.name);
  const total = data.expectedRows;
  let written = 0;
  try {
    for (const batch of data.rows(16_384)) {
      for (const row of batch) {
        appender.appendDate(new DuckDBDateValue(row[0]));
        appender.appendVarchar(row[1]);
        appender.appendVarchar(row[2]);
        appender.appendVarchar(row[3]);
        appender.appendVarchar(row[4]);
        appender.appendVarchar(row[5]);
        appender.appendVarchar(row[6]);
        appender.appendBigInt(BigInt(row[7]));
        appender.appendBigInt(BigInt(row[8]));
        appender.appendBigInt(BigInt(row[9]));
        appender.appendBigInt(BigInt(row[10]));
        appender.appendDouble(row[11]);
        appender.appendDouble(row[12]);
        appender.endRow();
      }
      written += batch.length;
      const done = total > 0 ? written / total : 1;
      progress(
        ROWS_FROM + (ROWS_TO - ROWS_FROM) * done,
        `ad_performance_daily: ${written.toLocaleString('en-US')} rows`,
      );
      await yieldToEventLoop();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return written;
}

/** Each campaign's monthly sums per channel, the totals its creatives' monthly figures split. */
async function channelMonths(connection: DuckDBConnection): Promise<ChannelMonth[]> {
  const reader = await connection.runAndReadAll(
    `SELECT campaign_id, channel, CAST(date_trunc('month', date) AS VARCHAR) AS month,
            SUM(impressions), SUM(clicks), SUM(conversions), CAST(ROUND(SUM(spend_usd) * 100) AS BIGINT)
     FROM ad_performance_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  );
  return reader.getRowsJson().map((row) => ({
    campaignId: String(row[0]),
    channel: String(row[1]),
    month: dayFromIso(String(row[2]).slice(0, 10)),
    impressions: Number(row[3]),
    clicks: Number(row[4]),
    conversions: Number(row[5]),
    spendCents: Number(row[6]),
  }));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** A DuckDB database is a file plus an optional write-ahead log next to it. */
async function removeDatabaseFiles(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}

function validatePath(path: unknown): string {
  if (typeof path !== 'string' || path.trim() === '') {
    const message = 'Invalid warehouse path: expected a non-empty file path.';
    throw new ScoutError('bad_input', message, { userMessage: message });
  }
  return resolve(path);
}

export async function buildSampleWarehouse(
  options: BuildSampleWarehouseOptions,
): Promise<BuildSampleWarehouseResult> {
  const started = performance.now();
  const target = validatePath(options.path);
  const progress = options.onProgress ?? (() => {});
  // Validates seed and scale (ScoutError 'bad_input') before anything touches the disk.
  const data = generateSampleData({ seed: options.seed, scale: options.scale });
  const temporary = `${target}.tmp`;

  progress(0, `preparing ${temporary}`);
  await mkdir(dirname(target), { recursive: true });
  await removeDatabaseFiles(temporary);

  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  const close = () => {
    connection?.closeSync();
    instance?.closeSync();
    connection = undefined;
    instance = undefined;
  };
  let rows = 0;
  try {
    instance = await DuckDBInstance.create(temporary);
    connection = await instance.connect();
    for (const table of WAREHOUSE_TABLES) await connection.run(createTableSql(table));

    progress(0.02, 'brands, campaigns and programs');
    await appendCatalog(connection, BRANDS_TABLE, data.catalogRows.brands);
    await appendCatalog(connection, CAMPAIGNS_TABLE, data.catalogRows.campaigns);
    await appendCatalog(connection, PROGRAMS_TABLE, data.catalogRows.programs);

    rows = await appendPerformanceRows(connection, data, progress);

    progress(0.95, 'creatives');
    await appendCatalog(connection, CREATIVES_TABLE, data.catalogRows.creatives);
    await appendCatalog(
      connection,
      CREATIVE_PERFORMANCE_MONTHLY_TABLE,
      data.creativeRows(await channelMonths(connection)),
    );

    await appendCatalog(connection, SCOUT_META_TABLE, [
      ['generator_version', data.version],
      ['seed', String(data.seed)],
      ['scale', String(data.scale)],
      ['rows', String(rows)],
      ['as_of', AS_OF_ISO],
    ]);

    progress(0.96, 'checkpoint');
    await connection.run('CHECKPOINT');
    close();
  } catch (error) {
    close();
    await removeDatabaseFiles(temporary);
    throw toScoutError(error, 'internal');
  }

  // Everything is checkpointed into the main file; a leftover log would mean it is not.
  if (await exists(`${temporary}.wal`)) {
    const walSize = (await stat(`${temporary}.wal`)).size;
    if (walSize > 0) {
      await removeDatabaseFiles(temporary);
      throw new ScoutError(
        'internal',
        `sample warehouse build left a ${walSize}-byte write-ahead log behind`,
      );
    }
    await rm(`${temporary}.wal`, { force: true });
  }
  // A stale log next to the destination would be replayed onto the new file: remove it first.
  await rm(`${target}.wal`, { force: true });
  await rename(temporary, target);

  const elapsedMs = Math.round(performance.now() - started);
  progress(1, `done: ${rows.toLocaleString('en-US')} rows in ${(elapsedMs / 1000).toFixed(1)} s`);
  return { rows, elapsedMs };
}
