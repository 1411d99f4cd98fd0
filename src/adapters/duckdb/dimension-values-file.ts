import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SemanticModelFile } from '../../domain/semantic/model-schema.ts';
import type { WarehouseMeta } from './warehouse-meta.ts';

/*
 * The dimension values and the data's date span, stored beside the warehouse file
 * (`<warehouse>.values.json`) after the first start that queries them: reading them back costs
 * under a millisecond, the UNION ALL over every dimension ~30 ms at scale 1 and ~175 ms at scale 10.
 * The file is keyed by what the values depend on: the warehouse file as built (size, modification
 * time, and the generator's version, seed, scale and row count when it recorded them) and the
 * model's dimension columns. Any difference, or an unreadable file, and the values are queried.
 */

export interface DimensionValues {
  values: Map<string, string[]>;
  dataRange: { start: string; end: string };
}

const storedSchema = z.object({
  key: z.string(),
  values: z.array(z.tuple([z.string(), z.array(z.string())])),
  dataRange: z.object({ start: z.string(), end: z.string() }),
});

export function dimensionValuesPath(warehousePath: string): string {
  return `${warehousePath}.values.json`;
}

/** What the stored values depend on, as one hash. */
export function dimensionValuesKey(
  warehousePath: string,
  meta: WarehouseMeta | null,
  file: SemanticModelFile,
): string {
  const { size, mtimeMs } = statSync(warehousePath);
  const basis = {
    warehouse: { size, mtimeMs, meta },
    fact: [file.fact.table, file.fact.time_column],
    dimensions: file.dimensions.map((dim) => [dim.name, dim.table, dim.column]),
  };
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex');
}

export function readDimensionValues(warehousePath: string, key: string): DimensionValues | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(dimensionValuesPath(warehousePath), 'utf8'));
  } catch {
    return null;
  }
  const stored = storedSchema.safeParse(raw);
  if (!stored.success || stored.data.key !== key) return null;
  return { values: new Map(stored.data.values), dataRange: stored.data.dataRange };
}

/** Best effort: a warehouse in a read-only place is simply queried at every start. */
export function writeDimensionValues(warehousePath: string, key: string, found: DimensionValues): void {
  const stored = { key, values: [...found.values], dataRange: found.dataRange };
  const path = dimensionValuesPath(warehousePath);
  // Written aside and renamed, so a start running at the same time never reads half a file.
  const partial = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, JSON.stringify(stored));
    renameSync(partial, path);
  } catch {
    // Not stored: the next start queries again.
    rmSync(partial, { force: true });
  }
}

/** The stored values when they belong to this warehouse and model; else `query()`, then stored. */
export async function storedDimensionValues(
  warehousePath: string,
  meta: WarehouseMeta | null,
  file: SemanticModelFile,
  query: () => Promise<DimensionValues>,
): Promise<DimensionValues> {
  const key = dimensionValuesKey(warehousePath, meta, file);
  const stored = readDimensionValues(warehousePath, key);
  if (stored) return stored;
  const found = await query();
  writeDimensionValues(warehousePath, key, found);
  return found;
}
