/**
 * The model gateway's own time per call: the same Converse tool call made directly on the
 * Bedrock adapter and through the gateway, interleaved, against the fake Bedrock on loopback.
 * "Overhead" is the gateway's wall time minus the time inside the adapter call (the audit
 * event's overheadMs): masking, routing, the output screen and, with budgets, the ledger's
 * round trips to Redis (hold, settle, release).
 */

import { createBedrockLlm } from '../../src/adapters/bedrock/converse-llm.ts';
import { checkRedis, createRedisConnection } from '../../src/adapters/redis/redis-connection.ts';
import { createRedisSpendLedger } from '../../src/adapters/redis/spend-ledger.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { createModelGateway } from '../../src/llmops/gateway/gateway.ts';
import type { GatewayAuditEvent } from '../../src/llmops/gateway/types.ts';
import { createSpendGate } from '../../src/llmops/ledger/spend-gate.ts';
import { costOfCall } from '../../src/llmops/pricing.ts';
import type { LlmCallMeta, LlmRequest, LlmTool } from '../../src/ports.ts';
import { bedrockClientsFor } from '../fakes/bedrock-clients.ts';
import { converseToolUse, startFakeBedrock } from '../fakes/fake-bedrock.ts';
import { mean, ms, percentile, versus } from './stats.ts';

const rounds = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 300);
const bedrock = await startFakeBedrock();
const clients = bedrockClientsFor(bedrock);
const raw = createBedrockLlm({
  client: clients.runtime,
  models: { fast: 'us.anthropic.claude-haiku-4-5-20251001-v1:0', strong: 'us.anthropic.claude-sonnet-4-6' },
  callTimeoutMs: 20_000,
});
const redis = createRedisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
  name: 'bench-gateway',
  logger: createLogger('silent'),
});
await checkRedis(redis, 3_000);
const prefix = `bench-gateway-${process.pid}:`;
const costOf = (call: LlmCallMeta) => costOfCall({ modelId: call.modelId, ...call.usage }).usd;

function gateway(withBudgets: boolean, audits: GatewayAuditEvent[]) {
  const spend = createSpendGate({
    ledger: createRedisSpendLedger(redis, { prefix }),
    limits: withBudgets ? { userDailyUsd: 1_000_000 } : {},
    worstCaseUsd: 0.05,
    holdMs: 60_000,
    guardrailPolicies: [],
    now: () => new Date(),
    onError: (error) => {
      throw error;
    },
  });
  return createModelGateway({
    raw: { llm: raw, agent: null, guardrail: null, retriever: null },
    spend,
    costOf,
    tierOf: () => 'fast',
    agentModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    callTimeoutMs: 20_000,
    onAudit: (event) => audits.push(event),
  });
}

const tool: LlmTool = {
  name: 'metric_query',
  description: 'Fill the query.',
  inputSchema: { type: 'object' },
};
const request: LlmRequest & { tool: LlmTool } = {
  tier: 'fast',
  system: { id: 'metric-query', version: '1.1.0', hash: 'h', text: 'You plan metric queries. '.repeat(40) },
  messages: [{ role: 'user', text: 'how does spend split across channels in 2025, for bob@example.com' }],
  tool,
};
const accept = (input: unknown) => ({ ok: true as const, value: input });
const script = () =>
  bedrock.onConverse(
    converseToolUse('metric_query', { query: { metrics: ['spend'], dimensions: ['channel'] } }),
  );

async function measure(label: string, withBudgets: boolean) {
  const audits: GatewayAuditEvent[] = [];
  const gw = gateway(withBudgets, audits);
  const direct: number[] = [];
  const through: number[] = [];
  for (let i = 0; i < rounds + 10; i++) {
    script();
    let t0 = performance.now();
    await raw.callTool(request, accept);
    const directMs = performance.now() - t0;
    script();
    const ports = gw.open({
      answerId: `bench-${i}`,
      who: { user: 'UBENCH', channel: 'CBENCH', team: 'TBENCH' },
    });
    t0 = performance.now();
    await ports.llm.callTool(request, accept);
    await ports.close();
    const throughMs = performance.now() - t0;
    if (i >= 10) {
      direct.push(directMs);
      through.push(throughMs);
    }
  }
  const overhead = audits.slice(10).map((a) => a.overheadMs);
  const p50 = percentile(overhead, 50);
  console.log(
    `${label}: gateway overhead p50 ${ms(p50)}, p95 ${ms(percentile(overhead, 95))}, mean ${ms(mean(overhead))} (${versus(p50, 2)} < 2 ms); ` +
      `call p50 direct ${ms(percentile(direct, 50))} vs through the gateway ${ms(percentile(through, 50))} (close included)`,
  );
}

console.log(`\n## Model gateway overhead per call (fake Bedrock over HTTP/2, ${rounds} interleaved rounds)`);
try {
  await measure('no budgets (ledger booking only)', false);
  await measure('with a user budget (hold, settle, release in Redis)', true);
} finally {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  clients.destroy();
  await bedrock.close();
}
