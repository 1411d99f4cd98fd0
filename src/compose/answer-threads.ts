import type { Logger } from 'pino';
import { z } from 'zod';
import { type AskThreadPool, createAskThreadPool } from '../adapters/threads/ask-thread-pool.ts';
import type { Config } from '../config.ts';

/** What the main thread hands an answer thread: its parsed configuration and log level. */
export const askThreadDataSchema = z.object({
  role: z.literal('answer-thread'),
  config: z.object({ env: z.looseObject({ DUCKDB_PATH: z.string() }), asOf: z.string().optional() }),
  logLevel: z.string(),
});

export type AskThreadData = z.infer<typeof askThreadDataSchema>;

export function askThreadData(config: Config, logLevel: string): AskThreadData {
  // Answer threads never talk to Slack: its credentials stay on the receiving thread.
  const { SLACK_BOT_TOKEN: _bot, SLACK_SIGNING_SECRET: _signing, SLACK_APP_TOKEN: _app, ...env } = config.env;
  return {
    role: 'answer-thread',
    config: { env, ...(config.asOf ? { asOf: config.asOf } : {}) },
    logLevel,
  };
}

/** This directory's ask-thread module: .ts from the sources, .js in the build. */
function defaultEntry(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./ask-thread.${extension}`, import.meta.url);
}

/**
 * The answer threads of a Slack web process (SCOUT_ANSWER_THREADS; 0 answers on the main thread).
 * `entry` replaces the thread's module (tests give it a deliberately slow answerer).
 */
export function composeAnswerThreads(config: Config, logger: Logger, entry?: URL): AskThreadPool | null {
  const size = config.env.SCOUT_ANSWER_THREADS;
  if (size === 0) return null;
  return createAskThreadPool({
    size,
    entry: entry ?? defaultEntry(),
    workerData: askThreadData(config, logger.level),
    heapMb: config.env.SCOUT_ANSWER_THREAD_HEAP_MB,
    logger,
  });
}
