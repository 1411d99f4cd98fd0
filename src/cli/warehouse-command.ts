import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportWarehouseParquet } from '../adapters/duckdb/export-parquet.ts';
import { numberFlag, parseArgs, UsageError } from './args.ts';
import type { CliDeps, CliIo } from './index.ts';

/** `scout warehouse build [--scale N] [--seed N] [--force]`: (re)builds the sample DuckDB file. */
export async function warehouseCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (action === 'export') return exportCommand(rest, deps, io);
  if (action !== 'build') {
    throw new UsageError(
      'usage: scout warehouse build [--scale N] [--seed N] [--force] | scout warehouse export --out <dir>',
    );
  }
  const args = parseArgs(rest, { boolean: ['force'], value: ['scale', 'seed'] });
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const config = deps.loadConfig();
  const scale =
    numberFlag(args, 'scale', (n) => n > 0 && n <= 100, 'a number above 0 and at most 100') ??
    config.env.SCOUT_SAMPLE_SCALE;
  const seed =
    numberFlag(args, 'seed', (n) => Number.isInteger(n) && n >= 0, 'a whole number ≥ 0') ??
    config.env.SCOUT_SAMPLE_SEED;
  const path = resolve(config.env.DUCKDB_PATH);
  // The builder writes a temporary file and renames it over the old one, so --force never leaves no warehouse.
  if (existsSync(path) && !args.flags.has('force')) {
    io.err(`scout: ${config.env.DUCKDB_PATH} already exists; add --force to rebuild it`);
    return 1;
  }
  let lastShown = -1;
  const built = await deps.buildSampleWarehouse({
    path,
    scale,
    seed,
    onProgress: (fraction, message) => {
      const pct = Math.floor(fraction * 10) * 10;
      if (pct !== lastShown) {
        lastShown = pct;
        io.err(`  ${String(pct).padStart(3)}% ${message}`);
      }
    },
  });
  io.out(
    `Built ${config.env.DUCKDB_PATH}: ${built.rows.toLocaleString('en-US')} performance rows at scale ${scale} (seed ${seed}) in ${(built.elapsedMs / 1000).toFixed(1)} s.`,
  );
  return 0;
}

/** `scout warehouse export --out <dir>`: Parquet files per table, for loading the sample data into S3 and Athena. */
async function exportCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: [], value: ['out'] });
  const out = args.flags.get('out');
  if (typeof out !== 'string') throw new UsageError('warehouse export needs --out <dir>');
  const config = deps.loadConfig();
  const path = await deps.ensureWarehouseFile(config, (line) => io.err(line));
  const written = await exportWarehouseParquet(path, out);
  for (const file of written)
    io.out(`${file.table}: ${file.rows.toLocaleString('en-US')} rows -> ${file.file}`);
  return 0;
}
