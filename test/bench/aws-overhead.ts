/**
 * The time Scout's own code adds to a question on the production path (LLM_PROVIDER=bedrock,
 * WAREHOUSE=athena), excluding model and query time: total wall time minus the model calls'
 * latency minus the warehouse calls' wall time. Runs against the wire-level fakes on loopback.
 */
import { loadConfig } from '../../src/config.ts';
import { composeAnalyst, createLogger } from '../../src/main.ts';
import type { Warehouse } from '../../src/ports.ts';
import { ask } from '../../src/usecases/ask/ask.ts';
import { startFakeAthena } from '../fakes/fake-athena.ts';
import { converseToolUse, startFakeBedrock } from '../fakes/fake-bedrock.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { mean, ms, percentile, versus } from './stats.ts';

const rounds = Number(process.env.BENCH_OVERHEAD_ROUNDS ?? 40);
const bedrock = await startFakeBedrock();
const athena = await startFakeAthena({ duckdbPath: sampleWarehouse });
process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
const config = loadConfig({
  ...process.env,
  LLM_PROVIDER: 'bedrock',
  WAREHOUSE: 'athena',
  AWS_REGION: 'us-east-1',
  BEDROCK_ENDPOINT: bedrock.url,
  ATHENA_ENDPOINT: athena.url,
  SCOUT_AS_OF: '2025-12-31',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  SCOUT_REDIS_PREFIX: 'bench-overhead:',
  LOG_LEVEL: 'silent',
});
const analyst = await composeAnalyst(config, { logger: createLogger('silent') });
let warehouseMs = 0;
const timed: Warehouse = {
  ...analyst.warehouse,
  dialect: analyst.warehouse.dialect,
  async query(sql, options) {
    const t0 = performance.now();
    try {
      return await analyst.warehouse.query(sql, options);
    } finally {
      warehouseMs += performance.now() - t0;
    }
  },
  close: () => analyst.warehouse.close(),
};
const deps = { ...analyst, warehouse: timed };

async function measure(label: string, question: string, scripted: boolean, renderChart: boolean) {
  const overheads: number[] = [];
  for (let i = 0; i < rounds + 3; i++) {
    if (scripted)
      bedrock.onConverse(
        converseToolUse('metric_query', {
          query: { metrics: ['spend'], dimensions: ['channel'], time: { kind: 'year', year: 2025 } },
        }),
      );
    warehouseMs = 0;
    const t0 = performance.now();
    const answer = await ask(deps, question, { renderChart });
    const total = performance.now() - t0;
    if (answer.status !== 'answered') throw new Error(`${label}: ${answer.answer}`);
    const modelMs = answer.llmCalls.reduce((sum, call) => sum + call.latencyMs, 0);
    if (i >= 3) overheads.push(total - modelMs - warehouseMs);
  }
  const p50 = percentile(overheads, 50);
  console.log(
    `${label}: overhead p50 ${ms(p50)}, p95 ${ms(percentile(overheads, 95))}, mean ${ms(mean(overheads))} (${versus(p50, 20)} < 20 ms)`,
  );
}

console.log(
  `\n## Production-path overhead per question (Bedrock + Athena fakes, ${rounds} rounds, excluding model and query time)`,
);
await measure('model path, no chart', 'how does spend split across channels in 2025, roughly', true, false);
await measure('model path, with chart', 'how does spend split across channels in 2025, roughly', true, true);
await measure('offline-certain path, no chart', 'spend by channel in 2025', false, false);
await analyst.close();
await bedrock.close();
await athena.close();
