import { resolve } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { Logger } from 'pino';
import { createAthenaWarehouse } from './adapters/athena/athena-warehouse.ts';
import { createBedrockLlm } from './adapters/bedrock/converse-llm.ts';
import { createBedrockGuardrail } from './adapters/bedrock/guardrail.ts';
import { createBedrockAgent } from './adapters/bedrock/invoke-agent.ts';
import { createKnowledgeBaseRetriever } from './adapters/bedrock/knowledge-base-retriever.ts';
import { createRedisCircuitBreaker } from './adapters/redis/circuit-breaker.ts';
import { checkRedis, createRedisConnection } from './adapters/redis/redis-connection.ts';
import { composeSpendGate } from './compose-spend.ts';
import type { Config } from './config.ts';
import { describeSemanticModelForModel } from './domain/llm/semantic-model-text.ts';
import type { SemanticModel } from './domain/semantic/semantic-model.ts';
import { ScoutError } from './errors.ts';
import { assertKnownModel, costOfCall } from './llmops/pricing.ts';
import { loadPromptRegistry } from './llmops/prompt-registry.ts';
import type { Agent, Retriever, Warehouse } from './ports.ts';
import type { ModelDeps } from './usecases/model-deps.ts';

/** Region and endpoint overrides (tests point them at local fakes). */
function awsClientConfig(config: Config, endpoint: string | undefined) {
  return {
    region: config.env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: config.env.BEDROCK_MAX_ATTEMPTS,
  };
}

/**
 * Bedrock clients: the SDK's HTTP/2 handler with an idle timeout on every stream, so an endpoint
 * that accepts a request and never answers frees it (the adapters also abort each call at
 * BEDROCK_TIMEOUT_MS, retries included). Options, not a handler instance: the SDK builds its
 * own NodeHttp2Handler from them.
 */
function bedrockClientConfig(config: Config) {
  const timeout = config.env.BEDROCK_TIMEOUT_MS;
  return {
    ...awsClientConfig(config, config.env.BEDROCK_ENDPOINT),
    requestHandler: { requestTimeout: timeout, sessionTimeout: timeout, disableConcurrentStreams: true },
  };
}

/** The Athena warehouse (WAREHOUSE=athena). */
export function composeAthena(config: Config): Warehouse {
  const client = new AthenaClient(awsClientConfig(config, config.env.ATHENA_ENDPOINT));
  return createAthenaWarehouse({
    client,
    workGroup: config.env.ATHENA_WORKGROUP,
    database: config.env.ATHENA_DATABASE,
    catalog: config.env.ATHENA_CATALOG,
    ...(config.env.ATHENA_OUTPUT_LOCATION ? { outputLocation: config.env.ATHENA_OUTPUT_LOCATION } : {}),
    defaultTimeoutMs: config.env.SCOUT_QUERY_TIMEOUT_MS,
  });
}

export interface ModelRuntime {
  ai: ModelDeps;
  agent: Agent | null;
  retriever: Retriever | null;
  /**
   * Connects the breaker's Redis. Commands on a connection that is not ready fail at once (no
   * offline queue), and the breaker fails open: without this, a fresh process would call
   * Bedrock while the shared circuit is open and lose its first failure. Never rejects.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Bedrock path (LLM_PROVIDER=bedrock): Converse for understanding, guardrails when
 * configured, the Knowledge Base and an Agent when their ids are set, and a circuit breaker
 * in Redis that every replica shares.
 */
export function composeModel(
  config: Config,
  model: SemanticModel,
  options: { logger: Logger; projectRoot: string },
): ModelRuntime {
  const { env } = config;
  // An unknown model id would be costed at $0: refuse it at start-up instead.
  assertKnownModel(env.BEDROCK_MODEL_FAST);
  assertKnownModel(env.BEDROCK_MODEL_STRONG);
  const runtime = new BedrockRuntimeClient(bedrockClientConfig(config));
  const agentRuntime = new BedrockAgentRuntimeClient(bedrockClientConfig(config));
  const callTimeoutMs = env.BEDROCK_TIMEOUT_MS;
  const guardrail = env.BEDROCK_GUARDRAIL_ID
    ? { id: env.BEDROCK_GUARDRAIL_ID, version: env.BEDROCK_GUARDRAIL_VERSION }
    : undefined;
  const prompts = loadPromptRegistry(resolve(options.projectRoot, 'prompts'));
  const redis = createRedisConnection(env.REDIS_URL, {
    name: 'scout-breaker',
    lazy: true,
    logger: options.logger,
  });
  const breaker = createRedisCircuitBreaker(redis, {
    prefix: env.SCOUT_REDIS_PREFIX,
    name: 'bedrock',
    onError: (error, operation) =>
      options.logger.debug({ err: error, operation }, 'circuit breaker state unavailable'),
    onTransition: (transition) =>
      options.logger.warn({ breaker: 'bedrock', transition }, 'Bedrock circuit breaker changed state'),
  });
  const ai: ModelDeps = {
    llm: createBedrockLlm({
      client: runtime,
      models: { fast: env.BEDROCK_MODEL_FAST, strong: env.BEDROCK_MODEL_STRONG },
      ...(guardrail ? { guardrail } : {}),
      callTimeoutMs,
    }),
    prompts: {
      metricQuery: prompts.get('metric-query'),
      sqlRepair: prompts.get('sql-repair'),
      narrative: prompts.get('answer-narrative'),
      agentDocuments: prompts.get('agent-document-results'),
    },
    guardrail: guardrail ? createBedrockGuardrail(runtime, guardrail, { callTimeoutMs }) : null,
    breaker,
    allowSql: env.SCOUT_ALLOW_MODEL_SQL,
    semanticModelText: describeSemanticModelForModel(model),
    costOf: (call) =>
      costOfCall({
        modelId: call.modelId,
        inputTokens: call.usage.inputTokens,
        outputTokens: call.usage.outputTokens,
        cacheReadTokens: call.usage.cacheReadTokens,
        cacheWriteTokens: call.usage.cacheWriteTokens,
      }).usd,
    questionTimeoutMs: env.SCOUT_QUESTION_TIMEOUT_MS,
  };
  ai.spend = composeSpendGate(config, redis, ai.semanticModelText.length, {
    logger: options.logger,
    guardrailConfigured: Boolean(guardrail),
  });
  if (env.ASK_ORCHESTRATOR === 'agent' && !(env.BEDROCK_AGENT_ID && env.BEDROCK_AGENT_ALIAS_ID)) {
    throw new ScoutError(
      'config_invalid',
      'ASK_ORCHESTRATOR=agent needs BEDROCK_AGENT_ID and BEDROCK_AGENT_ALIAS_ID',
      {
        userMessage: 'ASK_ORCHESTRATOR=agent needs BEDROCK_AGENT_ID and BEDROCK_AGENT_ALIAS_ID.',
      },
    );
  }
  const agent =
    env.ASK_ORCHESTRATOR === 'agent' && env.BEDROCK_AGENT_ID && env.BEDROCK_AGENT_ALIAS_ID
      ? createBedrockAgent(agentRuntime, {
          agentId: env.BEDROCK_AGENT_ID,
          agentAliasId: env.BEDROCK_AGENT_ALIAS_ID,
          callTimeoutMs,
        })
      : null;
  const retriever = env.BEDROCK_KB_ID
    ? createKnowledgeBaseRetriever(agentRuntime, { knowledgeBaseId: env.BEDROCK_KB_ID })
    : null;
  return {
    ai,
    agent,
    retriever,
    async ready() {
      await checkRedis(redis, 1_000).catch((error: unknown) =>
        options.logger.warn(
          { err: error },
          'circuit breaker store unreachable; Bedrock calls are not shared-guarded',
        ),
      );
    },
    async close() {
      runtime.destroy();
      agentRuntime.destroy();
      redis.disconnect();
    },
  };
}
