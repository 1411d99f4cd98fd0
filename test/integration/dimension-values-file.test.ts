import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DimensionValues,
  dimensionValuesPath,
  storedDimensionValues,
} from '../../src/adapters/duckdb/dimension-values-file.ts';
import type { WarehouseMeta } from '../../src/adapters/duckdb/warehouse-meta.ts';
import { testModel } from '../fixtures/test-model.ts';

const file = testModel().file;
const meta: WarehouseMeta = { generator_version: '3', seed: 42, scale: 1, rows: 100, as_of: '2025-12-31' };
let dir: string;
let warehousePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scout-values-'));
  warehousePath = join(dir, 'warehouse.duckdb');
  writeFileSync(warehousePath, 'a warehouse');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A query standing in for the warehouse's UNION ALL, counting its calls. */
function counting(found: DimensionValues) {
  const calls = { count: 0 };
  const query = async () => {
    calls.count += 1;
    return found;
  };
  return { calls, query };
}

const found: DimensionValues = {
  values: new Map(file.dimensions.map((dim, i) => [dim.name, i === 0 ? ['Gaming', 'Retail'] : []])),
  dataRange: { start: '2024-01-01', end: '2025-12-31' },
};

describe('dimension values stored beside the warehouse', () => {
  it('queries once, then reads back exactly what the query gave', async () => {
    const { calls, query } = counting(found);
    expect(await storedDimensionValues(warehousePath, meta, file, query)).toEqual(found);
    const again = await storedDimensionValues(warehousePath, meta, file, query);
    expect(again).toEqual(found);
    expect([...again.values.keys()]).toEqual(file.dimensions.map((dim) => dim.name));
    expect(calls.count).toBe(1);
  });

  it('queries again for a rebuilt warehouse file', async () => {
    const { calls, query } = counting(found);
    await storedDimensionValues(warehousePath, meta, file, query);
    writeFileSync(warehousePath, 'a rebuilt warehouse');
    utimesSync(warehousePath, new Date(Date.now() + 5_000), new Date(Date.now() + 5_000));
    await storedDimensionValues(warehousePath, meta, file, query);
    expect(calls.count).toBe(2);
  });

  it('queries again for another seed or scale, or other dimension columns', async () => {
    const { calls, query } = counting(found);
    await storedDimensionValues(warehousePath, meta, file, query);
    await storedDimensionValues(warehousePath, { ...meta, scale: 10 }, file, query);
    const moved = {
      ...file,
      dimensions: file.dimensions.map((dim) => ({ ...dim, column: `${dim.column}_x` })),
    };
    await storedDimensionValues(warehousePath, { ...meta, scale: 10 }, moved, query);
    expect(calls.count).toBe(3);
  });

  it('queries when the stored file is unreadable', async () => {
    const { calls, query } = counting(found);
    writeFileSync(dimensionValuesPath(warehousePath), '{"key": 1');
    expect(await storedDimensionValues(warehousePath, meta, file, query)).toEqual(found);
    expect(calls.count).toBe(1);
  });
});
