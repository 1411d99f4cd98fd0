import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { QueryResult } from '../../ports.ts';

/** What the sample-data generator records about the file it built. */
export const warehouseMetaSchema = z.object({
  generator_version: z.string(),
  seed: z.coerce.number(),
  scale: z.coerce.number(),
  rows: z.coerce.number().optional(),
  as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type WarehouseMeta = z.infer<typeof warehouseMetaSchema>;

const requiredTables = [
  'ad_performance_daily',
  'brands',
  'campaigns',
  'programs',
  'creatives',
  'creative_performance_monthly',
];

/**
 * Reads and checks the sample warehouse's metadata. Internal SQL, never user input, so it runs
 * through `run`, the adapter's unchecked path: it reads information_schema and scout_meta, which
 * the allowlist hides from questions, analysts and the model.
 */
export async function readWarehouseMeta(
  run: (sql: string) => Promise<QueryResult>,
  path: string,
): Promise<WarehouseMeta | null> {
  const tables = await run("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'");
  const names = new Set(tables.rows.map((row) => String(row[0])));
  const missing = requiredTables.filter((t) => !names.has(t));
  if (missing.length > 0) {
    throw new ScoutError('warehouse_corrupt', `warehouse ${path} lacks tables: ${missing.join(', ')}`, {
      userMessage: `The warehouse file ${path} is missing tables (${missing.join(', ')}). Rebuild it with "scout warehouse build".`,
    });
  }
  if (!names.has('scout_meta')) return null;
  const result = await run('SELECT key, value FROM scout_meta');
  const parsed = warehouseMetaSchema.safeParse(
    Object.fromEntries(result.rows.map((row) => [String(row[0]), row[1]])),
  );
  if (!parsed.success) {
    throw new ScoutError('warehouse_corrupt', `warehouse ${path} has unreadable metadata`, {
      userMessage: `The warehouse file ${path} has unreadable metadata. Rebuild it with "scout warehouse build".`,
    });
  }
  return parsed.data;
}
