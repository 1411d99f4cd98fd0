import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedisPromptLabelStore } from '../adapters/redis/prompt-label-store.ts';
import type { Config } from '../config.ts';
import type { PromptExperiments } from '../llmops/experiments/ports.ts';
import { createPromptExperiments } from '../llmops/experiments/prompt-labels.ts';
import type { PromptRegistry } from '../llmops/prompt-registry.ts';

/** How long a replica serves the labels it read before reading them again. */
const LABEL_CACHE_MS = 5_000;

/**
 * Prompt labels and experiments from the Redis every replica shares (the breaker's connection):
 * a `scout prompts promote` anywhere reaches every replica within LABEL_CACHE_MS. Redis down:
 * each prompt serves at its committed (front-matter) version.
 */
export function composeExperiments(
  config: Config,
  redis: Redis,
  options: { prompts: PromptRegistry; logger: Logger },
): PromptExperiments {
  return createPromptExperiments({
    registry: options.prompts,
    store: createRedisPromptLabelStore(redis, { prefix: config.env.SCOUT_REDIS_PREFIX }),
    now: () => Date.now(),
    cacheMs: LABEL_CACHE_MS,
    onError: (error) =>
      options.logger.debug({ err: error }, 'prompt labels unavailable; committed versions serve'),
  });
}
