/**
 * `npm run bench`: speed and memory of the data-question path, at scale 1 and scale 10.
 * Figures, not pass/fail: timed assertions are flaky on shared machines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createVegaPngRenderer } from '../../src/adapters/charts/vega-png-renderer.ts';
import { loadConfig } from '../../src/config.ts';
import { chartRequestFor } from '../../src/domain/answer/chart-request.ts';
import { buildChartSpec } from '../../src/domain/charts/chart-spec.ts';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { compileMetricQuery } from '../../src/domain/sql/compile.ts';
import { guardSql } from '../../src/domain/sql/guard.ts';
import { parseGoldenSet } from '../../src/llmops/eval/golden-set.ts';
import { composeAnalyst, createLogger, projectRoot } from '../../src/main.ts';
import { mean, ms, percentile, versus } from './stats.ts';

const golden = parseGoldenSet(readFileSync(resolve(projectRoot, 'eval/golden.yml'), 'utf8')).filter(
  (g) => g.expect === 'answered',
);
const scales = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number);

async function benchScale(scale: number) {
  const path = resolve(
    projectRoot,
    scale === 1 ? 'data/warehouse.duckdb' : `data/warehouse-scale${scale}.duckdb`,
  );
  if (!existsSync(path)) console.log(`(building the scale-${scale} warehouse at ${path} first)`);
  const config = loadConfig({
    ...process.env,
    DUCKDB_PATH: path,
    SCOUT_SAMPLE_SCALE: String(scale),
    LOG_LEVEL: 'silent',
  });
  const built = performance.now();
  const analyst = await composeAnalyst(config, {
    logger: createLogger('silent'),
    charts: false,
    onProgress: () => {},
  });
  const startup = performance.now() - built;
  const ctx = analyst;
  const rowsResult = await analyst.warehouse.query('SELECT COUNT(*) FROM ad_performance_daily');
  console.log(
    `\n## scale ${scale}: ${Number(rowsResult.rows[0]?.[0]).toLocaleString('en-US')} rows (start-up incl. any build ${ms(startup)})`,
  );

  // Parse + compile + guard, per question, many rounds.
  const parseSamples: number[] = [];
  const compiled: { id: string; sql: string; request: ReturnType<typeof chartRequestFor> | null }[] = [];
  for (let round = 0; round < 50; round++) {
    for (const item of golden) {
      const t0 = performance.now();
      const parsed = parseQuestion(item.question, ctx);
      if (parsed.status !== 'query') continue;
      const c = compileMetricQuery(parsed.query, analyst.semanticModel, {
        dialect: 'duckdb',
        asOf: analyst.asOf,
        maxRows: analyst.maxRows,
      });
      const sql = guardSql(c.sql, { allowlist: analyst.allowlist, maxRows: analyst.maxRows }).sql;
      parseSamples.push(performance.now() - t0);
      if (round === 0) compiled.push({ id: item.id, sql, request: null });
    }
  }
  const parseMean = mean(parseSamples);
  console.log(
    `parse+compile+guard per question: mean ${ms(parseMean)}, p95 ${ms(percentile(parseSamples, 95))} (${versus(parseMean, 2)} < 2 ms)`,
  );

  // Query latency for the golden set: one warm-up, then three timed runs each.
  const querySamples: number[] = [];
  for (const item of compiled) await analyst.warehouse.query(item.sql);
  for (let round = 0; round < 3; round++) {
    for (const item of compiled) {
      const t0 = performance.now();
      await analyst.warehouse.query(item.sql);
      querySamples.push(performance.now() - t0);
    }
  }
  const p50 = percentile(querySamples, 50);
  console.log(
    `query latency over ${compiled.length} golden queries: p50 ${ms(p50)}, p95 ${ms(percentile(querySamples, 95))}, max ${ms(Math.max(...querySamples))}` +
      (scale === 1 ? ` (${versus(p50, 150)} p50 < 150 ms)` : ''),
  );
  await analyst.close();
  return { parseMean, p50 };
}

async function benchCharts() {
  const config = loadConfig({
    ...process.env,
    DUCKDB_PATH: resolve(projectRoot, 'data/warehouse.duckdb'),
    LOG_LEVEL: 'silent',
  });
  const analyst = await composeAnalyst(config, { logger: createLogger('silent'), charts: false });
  const renderer = createVegaPngRenderer();
  const specs = [];
  for (const item of golden) {
    const parsed = parseQuestion(item.question, analyst);
    if (parsed.status !== 'query') continue;
    const c = compileMetricQuery(parsed.query, analyst.semanticModel, {
      dialect: 'duckdb',
      asOf: analyst.asOf,
      maxRows: analyst.maxRows,
    });
    const result = await analyst.warehouse.query(c.sql);
    const request = chartRequestFor(
      { query: parsed.query, compiled: c, model: analyst.semanticModel, rows: result.rows },
      parsed.understood,
    );
    const spec = request ? buildChartSpec(request) : null;
    if (spec) specs.push(spec);
  }
  await renderer.renderPng(specs[0] ?? {});
  const samples: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const spec of specs) {
      const t0 = performance.now();
      await renderer.renderPng(spec);
      samples.push(performance.now() - t0);
    }
  }
  const m = mean(samples);
  console.log(
    `\n## charts: ${specs.length} golden answers with a chart, mean ${ms(m)}, p95 ${ms(percentile(samples, 95))} (${versus(m, 60)} < 60 ms)`,
  );
  await analyst.close();
}

console.log('# Scout benchmark: data questions (offline engine, DuckDB)');
for (const scale of scales) await benchScale(scale);
await benchCharts();
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`\npeak memory (max RSS): ${peak.toFixed(0)} MB`);
