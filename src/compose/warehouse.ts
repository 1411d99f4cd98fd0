import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BuildSampleWarehouseOptions } from '../adapters/duckdb/build-warehouse.ts';
import { openDuckDbWarehouse } from '../adapters/duckdb/duckdb-warehouse.ts';
import type { WarehouseMeta } from '../adapters/duckdb/warehouse-meta.ts';
import type { Config } from '../config.ts';
import type { SemanticModelFile } from '../domain/semantic/model-schema.ts';
import { dimensionValuesSql, groupDimensionValues } from '../domain/sql/dimension-values.ts';
import { ScoutError } from '../errors.ts';
import type { Warehouse } from '../ports.ts';
import { awsClientConfig } from './aws.ts';

/** Builds the sample warehouse when the configured file is missing (embedded default only). */
export async function ensureWarehouseFile(
  config: Config,
  onProgress?: (message: string) => void,
): Promise<string> {
  const path = resolve(config.env.DUCKDB_PATH);
  if (existsSync(path)) return path;
  const scale = config.env.SCOUT_SAMPLE_SCALE;
  onProgress?.(
    `No warehouse at ${config.env.DUCKDB_PATH}: building the sample warehouse (scale ${scale}), once…`,
  );
  let lastShown = -1;
  await buildSampleWarehouse({
    path,
    scale,
    seed: config.env.SCOUT_SAMPLE_SEED,
    onProgress: (fraction, message) => {
      const pct = Math.floor(fraction * 10) * 10;
      if (pct !== lastShown) {
        lastShown = pct;
        onProgress?.(`  ${String(pct).padStart(3)}% ${message}`);
      }
    },
  });
  return path;
}

/** The sample-warehouse builder, loaded only when a warehouse is built. */
export async function buildSampleWarehouse(options: BuildSampleWarehouseOptions) {
  const { buildSampleWarehouse: build } = await import('../adapters/duckdb/build-warehouse.ts');
  return build(options);
}

/** The Athena warehouse (WAREHOUSE=athena); its SDK loads only when it is the one configured. */
async function openAthenaWarehouse(config: Config): Promise<Warehouse> {
  const [{ AthenaClient }, { createAthenaWarehouse }] = await Promise.all([
    import('@aws-sdk/client-athena'),
    import('../adapters/athena/athena-warehouse.ts'),
  ]);
  const client = new AthenaClient(awsClientConfig(config, config.env.ATHENA_ENDPOINT));
  return createAthenaWarehouse({
    client,
    workGroup: config.env.ATHENA_WORKGROUP,
    database: config.env.ATHENA_DATABASE,
    catalog: config.env.ATHENA_CATALOG,
    ...(config.env.ATHENA_OUTPUT_LOCATION ? { outputLocation: config.env.ATHENA_OUTPUT_LOCATION } : {}),
    defaultTimeoutMs: config.env.SCOUT_QUERY_TIMEOUT_MS,
  });
}

/** The embedded DuckDB warehouse, built from the sample generator on first use. */
async function openEmbeddedWarehouse(
  config: Config,
  allowlist: Map<string, Set<string>>,
  onProgress?: (message: string) => void,
): Promise<{ warehouse: Warehouse; meta: WarehouseMeta | null }> {
  const path = await ensureWarehouseFile(config, onProgress);
  const warehouse = await openDuckDbWarehouse({
    path,
    defaultTimeoutMs: config.env.SCOUT_QUERY_TIMEOUT_MS,
    allowlist,
    limits: {
      memoryLimit: config.env.SCOUT_DUCKDB_MEMORY_LIMIT,
      threads: config.env.SCOUT_DUCKDB_THREADS,
      maxTempDirectorySize: config.env.SCOUT_DUCKDB_TEMP_LIMIT,
      maxResultBytes: config.env.SCOUT_MAX_RESULT_BYTES,
      maxPlanRows: config.env.SCOUT_MAX_PLAN_ROWS,
    },
  });
  try {
    return { warehouse, meta: await warehouse.readMeta() };
  } catch (error) {
    await warehouse.close();
    throw error;
  }
}

/** The configured warehouse (WAREHOUSE: duckdb or athena) and, for DuckDB, what the build recorded. */
export async function openWarehouse(
  config: Config,
  allowlist: Map<string, Set<string>>,
  onProgress?: (message: string) => void,
): Promise<{ warehouse: Warehouse; meta: WarehouseMeta | null }> {
  if (config.env.WAREHOUSE === 'athena') return { warehouse: await openAthenaWarehouse(config), meta: null };
  return openEmbeddedWarehouse(config, allowlist, onProgress);
}

/** Loads the dimension values and the data's date span the parser needs. */
export async function loadDimensionValues(warehouse: Warehouse, file: SemanticModelFile) {
  const result = await warehouse.query(dimensionValuesSql(file.dimensions));
  const values = groupDimensionValues(file.dimensions, result.rows);
  const span = await warehouse.query(
    `SELECT CAST(MIN(${file.fact.time_column}) AS VARCHAR), CAST(MAX(${file.fact.time_column}) AS VARCHAR) FROM ${file.fact.table}`,
  );
  const [start, end] = span.rows[0] ?? [];
  if (typeof start !== 'string' || typeof end !== 'string') {
    throw new ScoutError('warehouse_corrupt', 'the fact table is empty', {
      userMessage: 'The warehouse has no performance data. Rebuild it with "scout warehouse build".',
    });
  }
  return { values, dataRange: { start, end } };
}
