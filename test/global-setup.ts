import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSampleWarehouse } from '../src/adapters/duckdb/build-warehouse.ts';

/** The scale-1 sample warehouse the integration tests and the eval read; built once if missing. */
export const testWarehousePath = resolve(import.meta.dirname, '../data/warehouse.duckdb');

export default async function setup() {
  if (existsSync(testWarehousePath)) return;
  process.stderr.write(`building the sample warehouse for the tests at ${testWarehousePath}…\n`);
  await buildSampleWarehouse({ path: testWarehousePath, scale: 1, seed: 42 });
}
