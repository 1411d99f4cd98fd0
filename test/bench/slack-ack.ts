/**
 * Ack latency of signed /ask requests against the real Slack app (HTTP receiver, real Redis,
 * real DuckDB, fake Slack Web API on loopback). The answers run after each ack, so later acks
 * are measured while earlier answers are still being computed — as in production.
 */
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';
import { mean, ms, percentile } from './stats.ts';

const count = Number(process.env.BENCH_ACKS ?? 200);
const questions = [
  'total spend in 2025',
  'CTR by channel last quarter',
  'top 5 brands by spend in Gaming last quarter',
  'monthly ROAS for cars in 2024',
];

const h = await startSlackHarness();
try {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const response = await sendSlackRequest(
      h.url,
      'command',
      slashCommand({
        command: '/ask',
        text: questions[i % questions.length] ?? 'spend',
        response_url: h.fake.responseUrl(),
        trigger_id: `bench-${i}`,
      }),
      { signingSecret },
    );
    if (response.status !== 200) throw new Error(`ack ${i} answered ${response.status}`);
    samples.push(response.elapsedMs);
  }
  await h.fake.waitFor(
    (calls) => calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200).length >= count,
    300_000,
  );
  const total = performance.now() - started;
  console.log(`\n## Slack /ask ack latency over ${count} signed requests`);
  console.log(
    `ack p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}, max ${ms(Math.max(...samples))}, mean ${ms(mean(samples))} (Slack's limit: 3000 ms)`,
  );
  console.log(
    `all ${count} answers posted in ${(total / 1000).toFixed(1)} s (${((count / total) * 60_000).toFixed(0)} answers/min on one process)`,
  );
} finally {
  await h.close();
}
