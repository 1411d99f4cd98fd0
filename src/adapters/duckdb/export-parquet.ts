import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ScoutError } from '../../errors.ts';

const tables = [
  'brands',
  'campaigns',
  'ad_performance_daily',
  'programs',
  'creatives',
  'creative_performance_monthly',
] as const;

/**
 * Writes each sample table as Parquet under `<outDir>/<table>/data.parquet`, the layout the
 * Athena DDL in the README points at (one S3 prefix per table). A separate, unsandboxed but
 * read-only connection: the query path never gets file access.
 */
export async function exportWarehouseParquet(
  warehousePath: string,
  outDir: string,
): Promise<{ table: string; rows: number; file: string }[]> {
  const instance = await DuckDBInstance.create(resolve(warehousePath), { access_mode: 'READ_ONLY' }).catch(
    (error: unknown) => {
      throw new ScoutError('warehouse_corrupt', `cannot open ${warehousePath}`, {
        cause: error,
        userMessage: `The warehouse file ${warehousePath} cannot be opened. Build it with "scout warehouse build".`,
      });
    },
  );
  const connection = await instance.connect();
  try {
    const written = [];
    for (const table of tables) {
      const dir = resolve(outDir, table);
      mkdirSync(dir, { recursive: true });
      const file = resolve(dir, 'data.parquet');
      await connection.run(
        `COPY (SELECT * FROM ${table}) TO '${file.replaceAll("'", "''")}' (FORMAT PARQUET, COMPRESSION ZSTD)`,
      );
      const count = await connection.runAndReadAll(`SELECT COUNT(*) FROM ${table}`);
      written.push({ table, rows: Number(count.getRowsJson()[0]?.[0] ?? 0), file });
    }
    return written;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
