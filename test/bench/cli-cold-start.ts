/**
 * Cold start of the command line: whole-process `scout ask` against a bare Node script that opens
 * the same DuckDB file and runs the same SQL (the floor any CLI answer pays). Target: the offline
 * ask without a chart costs at most 2.5× the bare script (medians of N runs, side by side).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile } from './stats.ts';

const runs = Number(process.env.BENCH_CLI_RUNS ?? 5);
const question = 'top 5 brands by spend in Gaming last quarter';
const root = resolve(import.meta.dirname, '../..');
const scout = join(root, 'bin/scout.js');
const env = { ...process.env, LOG_LEVEL: 'silent' };
const outDir = mkdtempSync(join(tmpdir(), 'scout-cold-'));

function run(args: string[], extraEnv: Record<string, string> = {}): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms: elapsed, stdout: result.stdout };
}

const probe = JSON.parse(run([scout, 'ask', '--json', '--no-chart', question]).stdout) as { sql: string };
if (!probe.sql) throw new Error('the benchmark question produced no SQL');

// The floor: load the DuckDB binding, open the same file read-only, run the same SQL, print rows.
const bare = `
import { DuckDBInstance } from '@duckdb/node-api';
const instance = await DuckDBInstance.create(${JSON.stringify(join(root, process.env.DUCKDB_PATH ?? 'data/warehouse.duckdb'))}, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll(${JSON.stringify(probe.sql)});
console.log(JSON.stringify(reader.getRowsJS(), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
connection.closeSync();
`;

function median(label: string, args: string[], extraEnv?: Record<string, string>): number {
  run(args, extraEnv); // warm the file cache once; the medians are of the runs after it
  const samples = Array.from({ length: runs }, () => run(args, extraEnv).ms);
  const value = percentile(samples, 50);
  console.log(`  ${label.padEnd(40)} median ${value.toFixed(0).padStart(5)} ms  (${runs} runs)`);
  return value;
}

console.log(`CLI cold start: "${question}"`);
const floor = median('bare script (DuckDB + same SQL)', ['--input-type=module', '-e', bare]);
const noChart = median('scout ask --no-chart', [scout, 'ask', '--no-chart', question]);
const chart = median('scout ask --chart', [scout, 'ask', '--chart', join(outDir, 'c.png'), question]);
const sources = median('scout ask --no-chart (tsx, no dist)', [scout, 'ask', '--no-chart', question], {
  SCOUT_FROM_SOURCE: '1',
});
const ratio = noChart / floor;
console.log(
  `  ratio no-chart/bare ${ratio.toFixed(2)}× (target ≤ 2.5×) ${ratio <= 2.5 ? 'OK' : 'MISSED'}; ` +
    `chart/bare ${(chart / floor).toFixed(2)}×; tsx/bare ${(sources / floor).toFixed(2)}×`,
);
rmSync(outDir, { recursive: true, force: true });
