import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { GENERATOR_VERSION } from '../data/generator/index.ts';
import { buildSampleWarehouse } from '../src/adapters/duckdb/build-warehouse.ts';

/** The scale-1 sample warehouse the integration tests and the eval read. */
export const testWarehousePath = resolve(import.meta.dirname, '../data/warehouse.duckdb');

async function builtVersion(path: string): Promise<string | null> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      "SELECT value FROM scout_meta WHERE key = 'generator_version'",
    );
    connection.closeSync();
    return String(reader.getRowsJson()[0]?.[0] ?? '');
  } catch {
    return null;
  } finally {
    instance.closeSync();
  }
}

/** Builds the warehouse once when it is missing or was made by another generator version. */
export default async function setup() {
  if (existsSync(testWarehousePath) && (await builtVersion(testWarehousePath)) === GENERATOR_VERSION) return;
  process.stderr.write(`building the sample warehouse for the tests at ${testWarehousePath}…\n`);
  await buildSampleWarehouse({ path: testWarehousePath, scale: 1, seed: 42 });
}
