import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedisSpendLedger } from '../adapters/redis/spend-ledger.ts';
import type { Config } from '../config.ts';
import { createSpendGate, type SpendGate } from '../llmops/ledger/spend-gate.ts';
import { questionWorstCaseUsd } from '../llmops/ledger/worst-case.ts';

/**
 * Model calls one question may make on the worst path: the metric query and its repair turn,
 * then SQL fallback and its repair, or the narrative.
 */
const CALLS_PER_QUESTION = 4;
/** The converse adapter's largest default output allowance. */
const MAX_OUTPUT_TOKENS = 2_000;
/** Room beside the system prompt for the question, the conversation and tool results. */
const CONTEXT_CHARS = 20_000;

/** Budgets and the cost ledger on the Bedrock path, in the Redis the breaker uses. */
export function composeSpendGate(
  config: Config,
  redis: Redis,
  systemPromptChars: number,
  options: { logger: Logger; guardrailConfigured: boolean },
): SpendGate {
  const { env } = config;
  return createSpendGate({
    ledger: createRedisSpendLedger(redis, { prefix: env.SCOUT_REDIS_PREFIX }),
    limits: {
      userDailyUsd: env.SCOUT_BUDGET_USER_DAILY_USD,
      teamMonthlyUsd: env.SCOUT_BUDGET_TEAM_MONTHLY_USD,
    },
    worstCaseUsd: questionWorstCaseUsd({
      modelIds: [env.BEDROCK_MODEL_FAST, env.BEDROCK_MODEL_STRONG],
      promptChars: systemPromptChars + CONTEXT_CHARS,
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      callsPerQuestion: CALLS_PER_QUESTION,
    }),
    // A hold outlives the question's deadline, then lapses if its process died.
    holdMs: env.SCOUT_QUESTION_TIMEOUT_MS + 60_000,
    // The policies a Scout guardrail is set up with (README "Bedrock"); word and regex filters are free.
    guardrailPolicies: options.guardrailConfigured ? ['content', 'topic', 'pii'] : [],
    now: () => new Date(),
    onError: (error, operation) => options.logger.warn({ err: error, operation }, 'spend ledger unavailable'),
  });
}
