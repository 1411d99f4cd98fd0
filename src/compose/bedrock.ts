import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { Logger } from 'pino';
import { createBedrockLlm } from '../adapters/bedrock/converse-llm.ts';
import { createBedrockGuardrail } from '../adapters/bedrock/guardrail.ts';
import { createBedrockAgent } from '../adapters/bedrock/invoke-agent.ts';
import { createKnowledgeBaseRetriever } from '../adapters/bedrock/knowledge-base-retriever.ts';
import { createRedisAnswerCache } from '../adapters/redis/answer-cache.ts';
import { createRedisCircuitBreaker } from '../adapters/redis/circuit-breaker.ts';
import { checkRedis, createRedisConnection } from '../adapters/redis/redis-connection.ts';
import type { Config } from '../config.ts';
import { describeSemanticModelForModel } from '../domain/llm/semantic-model-text.ts';
import type { SemanticModel } from '../domain/semantic/semantic-model.ts';
import { ScoutError } from '../errors.ts';
import type { PromptExperiments } from '../llmops/experiments/ports.ts';
import { assertKnownModel, costOfCall } from '../llmops/pricing.ts';
import type { PromptRegistry } from '../llmops/prompt-registry.ts';
import type { Agent, AnswerCache, LlmCallMeta, Retriever } from '../ports.ts';
import type { LlmDeps } from '../usecases/ask/deps.ts';
import { awsClientConfig } from './aws.ts';
import { composeExperiments } from './experiments.ts';
import { composeModelGateway } from './model-gateway.ts';
import { composeSpendGate } from './spend.ts';

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

export interface ModelRuntime {
  llm: LlmDeps;
  agent: Agent | null;
  retriever: Retriever | null;
  /** Query results by canonical query, in the breaker's Redis; null with SCOUT_ANSWER_CACHE_TTL_SECONDS=0. */
  answerCache: AnswerCache | null;
  /** Prompt labels and experiments, from the shared Redis. */
  experiments: PromptExperiments;
  /**
   * Connects the breaker's Redis. Commands on a connection that is not ready fail at once (no
   * offline queue), and the breaker fails open: without this, a fresh process would call
   * Bedrock while the shared circuit is open and lose its first failure. Never rejects.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** The shared circuit breaker (Redis) in front of every Bedrock call. */
function bedrockBreaker(config: Config, logger: Logger) {
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-breaker', lazy: true, logger });
  const breaker = createRedisCircuitBreaker(redis, {
    prefix: config.env.SCOUT_REDIS_PREFIX,
    name: 'bedrock',
    onError: (error, operation) =>
      logger.debug({ err: error, operation }, 'circuit breaker state unavailable'),
    onTransition: (transition) =>
      logger.warn({ breaker: 'bedrock', transition }, 'Bedrock circuit breaker changed state'),
  });
  return { redis, breaker };
}

/** The Bedrock Agent when ASK_ORCHESTRATOR=agent; its ids are required then. */
function bedrockAgent(config: Config, client: BedrockAgentRuntimeClient): Agent | null {
  const { env } = config;
  if (env.ASK_ORCHESTRATOR !== 'agent') return null;
  if (!(env.BEDROCK_AGENT_ID && env.BEDROCK_AGENT_ALIAS_ID)) {
    throw new ScoutError(
      'config_invalid',
      'ASK_ORCHESTRATOR=agent needs BEDROCK_AGENT_ID and BEDROCK_AGENT_ALIAS_ID',
      {
        userMessage: 'ASK_ORCHESTRATOR=agent needs BEDROCK_AGENT_ID and BEDROCK_AGENT_ALIAS_ID.',
      },
    );
  }
  return createBedrockAgent(client, {
    agentId: env.BEDROCK_AGENT_ID,
    agentAliasId: env.BEDROCK_AGENT_ALIAS_ID,
    callTimeoutMs: env.BEDROCK_TIMEOUT_MS,
  });
}

/** A call's cost from the versioned price table (cache reads and writes priced on their own). */
function costOfMeta(call: LlmCallMeta): number {
  return costOfCall({
    modelId: call.modelId,
    inputTokens: call.usage.inputTokens,
    outputTokens: call.usage.outputTokens,
    cacheReadTokens: call.usage.cacheReadTokens,
    cacheWriteTokens: call.usage.cacheWriteTokens,
  }).usd;
}

/** Converse for understanding and narratives, guardrails when configured, prompts and pricing. */
function bedrockModelDeps(
  config: Config,
  model: SemanticModel,
  deps: { client: BedrockRuntimeClient; prompts: PromptRegistry; breaker: LlmDeps['breaker'] },
): LlmDeps {
  const { env } = config;
  const callTimeoutMs = env.BEDROCK_TIMEOUT_MS;
  const guardrail = env.BEDROCK_GUARDRAIL_ID
    ? { id: env.BEDROCK_GUARDRAIL_ID, version: env.BEDROCK_GUARDRAIL_VERSION }
    : undefined;
  return {
    client: createBedrockLlm({
      client: deps.client,
      models: { fast: env.BEDROCK_MODEL_FAST, strong: env.BEDROCK_MODEL_STRONG },
      ...(guardrail ? { guardrail } : {}),
      callTimeoutMs,
    }),
    prompts: {
      metricQuery: deps.prompts.get('metric-query'),
      sqlRepair: deps.prompts.get('sql-repair'),
      narrative: deps.prompts.get('answer-narrative'),
      agentDocuments: deps.prompts.get('agent-document-results'),
      metricQueryTool: deps.prompts.get('metric-query-tool'),
      metricQueryToolSql: deps.prompts.get('metric-query-tool-sql'),
      searchDocumentsField: deps.prompts.get('search-documents-field'),
      followUpMessage: deps.prompts.get('follow-up-message'),
      runSqlTool: deps.prompts.get('run-sql-tool'),
      writeInsightsTool: deps.prompts.get('write-insights-tool'),
      insightsRequest: deps.prompts.get('insights-request'),
    },
    guardrail: guardrail ? createBedrockGuardrail(deps.client, guardrail, { callTimeoutMs }) : null,
    breaker: deps.breaker,
    allowSql: env.SCOUT_ALLOW_MODEL_SQL,
    semanticModelText: describeSemanticModelForModel(model),
    costOf: costOfMeta,
    questionTimeoutMs: env.SCOUT_QUESTION_TIMEOUT_MS,
  };
}

/**
 * The Bedrock path (LLM_PROVIDER=bedrock): Converse for understanding, guardrails when
 * configured, the Knowledge Base and an Agent when their ids are set, and a circuit breaker
 * in Redis that every replica shares.
 */
export function composeBedrock(
  config: Config,
  model: SemanticModel,
  options: { logger: Logger; prompts: PromptRegistry },
): ModelRuntime {
  const { env } = config;
  // An unknown model id would be costed at $0: refuse it at start-up instead.
  assertKnownModel(env.BEDROCK_MODEL_FAST);
  assertKnownModel(env.BEDROCK_MODEL_STRONG);
  const runtime = new BedrockRuntimeClient(bedrockClientConfig(config));
  const agentRuntime = new BedrockAgentRuntimeClient(bedrockClientConfig(config));
  const { redis, breaker } = bedrockBreaker(config, options.logger);
  const raw = bedrockModelDeps(config, model, { client: runtime, prompts: options.prompts, breaker });
  const spend = composeSpendGate(config, redis, raw.semanticModelText.length, {
    logger: options.logger,
    guardrailConfigured: Boolean(env.BEDROCK_GUARDRAIL_ID),
  });
  const agentModelId = env.BEDROCK_AGENT_MODEL ?? env.BEDROCK_MODEL_FAST;
  assertKnownModel(agentModelId);
  // Every Bedrock call from here on goes through the gateway: the adapters are its alone.
  const gateway = composeModelGateway(config, {
    raw: {
      llm: raw.client,
      agent: bedrockAgent(config, agentRuntime),
      guardrail: raw.guardrail,
      retriever: env.BEDROCK_KB_ID
        ? createKnowledgeBaseRetriever(agentRuntime, { knowledgeBaseId: env.BEDROCK_KB_ID })
        : null,
    },
    spend,
    costOf: costOfMeta,
    prompts: options.prompts,
    agentModelId,
    logger: options.logger,
  });
  const shared = gateway.shared();
  const llm: LlmDeps = {
    ...raw,
    client: shared.llm,
    guardrail: shared.guardrail,
    spend,
    gateway: gateway.gateway,
  };
  return {
    llm,
    agent: shared.agent,
    retriever: shared.retriever,
    answerCache:
      env.SCOUT_ANSWER_CACHE_TTL_SECONDS > 0
        ? createRedisAnswerCache(redis, {
            prefix: env.SCOUT_REDIS_PREFIX,
            ttlSeconds: env.SCOUT_ANSWER_CACHE_TTL_SECONDS,
          })
        : null,
    experiments: composeExperiments(config, redis, { prompts: options.prompts, logger: options.logger }),
    async ready() {
      await checkRedis(redis, 1_000).catch((error: unknown) =>
        options.logger.warn(
          { err: error },
          'circuit breaker store unreachable; Bedrock calls are not shared-guarded',
        ),
      );
    },
    async close() {
      await gateway.drain();
      runtime.destroy();
      agentRuntime.destroy();
      redis.disconnect();
    },
  };
}
