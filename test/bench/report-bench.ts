/**
 * Industry reports: time from a signed /report to the posted summary (offline, scale 1, one
 * process), and report throughput with 1, 2 and 4 worker processes on one Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { INDUSTRIES } from '../../data/generator/value-sets.ts';
import { createReportQueue } from '../../src/adapters/bullmq/report-queue.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import { startFakeSlack } from '../fakes/fake-slack.ts';
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';
import { signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';
import { ms, percentile, versus } from './stats.ts';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const isSummary = (c: { method: string; status: number; args: Record<string, unknown> }) =>
  c.method === 'chat.update' &&
  c.status === 200 &&
  JSON.stringify(c.args.blocks ?? []).includes('"type":"header"');

console.log('\n## Industry reports (offline engine, scale 1)');
{
  const h = await startSlackHarness();
  const samples: number[] = [];
  for (const text of [
    'gaming Q3 2025',
    'beauty 2025 vs 2024',
    'automotive Q2 2025',
    'travel last quarter',
    'retail H2 2025',
  ]) {
    h.fake.reset();
    const t0 = performance.now();
    await sendSlackRequest(
      h.url,
      'command',
      slashCommand({ command: '/report', text, response_url: h.fake.responseUrl() }),
      { signingSecret },
    );
    await h.fake.waitFor((calls) => calls.some(isSummary), 60_000);
    samples.push(performance.now() - t0);
  }
  await h.close();
  const p50 = percentile(samples, 50);
  console.log(
    `time from /report to posted summary: p50 ${ms(p50)}, max ${ms(Math.max(...samples))} over ${samples.length} reports (${versus(p50 / 1000, 15)} < 15 s)`,
  );
}

async function throughput(workers: number, jobs: number): Promise<number> {
  const fake = await startFakeSlack({ botToken: 'xoxb-test' });
  const prefix = `bench-${randomUUID()}:`;
  const children: ChildProcess[] = [];
  try {
    const ready: Promise<void>[] = [];
    for (let i = 0; i < workers; i++) {
      const child = spawn(
        process.execPath,
        [resolve(projectRoot, 'bin/scout.js'), 'serve', '--role', 'worker'],
        {
          env: {
            ...process.env,
            SLACK_BOT_TOKEN: 'xoxb-test',
            SLACK_API_URL: fake.url,
            DUCKDB_PATH: sampleWarehouse,
            SCOUT_REDIS_PREFIX: prefix,
            SCOUT_REPORT_CONCURRENCY: '1',
            SCOUT_REPORTS_PER_MINUTE: '1000',
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      children.push(child);
      ready.push(
        new Promise((done) =>
          child.stderr?.on(
            'data',
            (chunk: Buffer) => chunk.toString().includes('Scout is listening') && done(),
          ),
        ),
      );
    }
    await Promise.all(ready);
    const queue = createReportQueue({ redisUrl, prefix, logger: pino({ level: 'silent' }) });
    const t0 = performance.now();
    for (let i = 0; i < jobs; i++) {
      const industry = INDUSTRIES[i % INDUSTRIES.length] ?? 'Gaming';
      const quarter = (Math.floor(i / INDUSTRIES.length) % 4) + 1;
      await queue.add(`bench-${i}`, {
        request: { industry, time: { kind: 'quarter', year: 2025, quarter }, compare: 'previous_year' },
        channel: `C${i}`,
        orderedAt: new Date().toISOString(),
      });
    }
    await fake.waitFor((calls) => calls.filter(isSummary).length >= jobs, 300_000);
    const minutes = (performance.now() - t0) / 60_000;
    await queue.close();
    return jobs / minutes;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await fake.close();
    const redis = new Redis(redisUrl);
    await deletePrefixed(redis, prefix);
    redis.disconnect();
  }
}

const results: string[] = [];
for (const workers of [1, 2, 4]) {
  const perMinute = await throughput(workers, 16);
  results.push(`${workers} worker${workers === 1 ? '' : 's'}: ${perMinute.toFixed(0)} reports/min`);
}
console.log(`throughput (16 reports, one process per worker, 2 cores): ${results.join(', ')}`);
