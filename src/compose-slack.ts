import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { register } from '../handlers/register.ts';
import { createReportQueue, startReportWorker } from './adapters/bullmq/report-queue.ts';
import { createMemoryDedupe, dedupeWithFallback } from './adapters/memory/memory-dedupe.ts';
import { createRedisAnswerStore, recordTtlSeconds } from './adapters/redis/answer-store.ts';
import { createRedisConversationStore } from './adapters/redis/conversation-store.ts';
import { createRedisDedupe } from './adapters/redis/dedupe.ts';
import { createRedisRateLimiter } from './adapters/redis/rate-limiter.ts';
import { checkRedis, createRedisConnection } from './adapters/redis/redis-connection.ts';
import { createRedisReportRuns } from './adapters/redis/report-runs.ts';
import { createBoltApp, createWebClient } from './adapters/slack/bolt-app.ts';
import { createSlackChat } from './adapters/slack/web-chat.ts';
import { createSlackWorkspace } from './adapters/slack/workspace.ts';
import type { Config } from './config.ts';
import { createWorkQueue } from './domain/work-queue.ts';
import { ScoutError } from './errors.ts';
import { loadPromptRegistry } from './llmops/prompt-registry.ts';
import type { AnswerStore } from './ports.ts';
import { renderReportHtml } from './presentation/report/report-html.ts';
import { renderReportMarkdown } from './presentation/report/report-markdown.ts';
import { renderAnswer } from './presentation/slack/answer-message.ts';
import type { AskDeps } from './usecases/ask.ts';
import { reportJobFailed, runReportJob } from './usecases/report/run-report-job.ts';

export type ServeRole = 'web' | 'worker' | 'all';

export interface SlackRuntime {
  /** The answer records (the audit trail), e.g. for operators' tooling. */
  answers: AnswerStore;
  start(): Promise<void>;
  /** Stops taking requests, finishes admitted answers, drains the workers (in-flight reports finish), then closes Redis. */
  shutdown(): Promise<void>;
}

export interface SlackComposeOptions {
  logger: Logger;
  /** Web API retries (the client's default is ten over about thirty minutes). */
  retries?: number;
  /** web: the Slack app; worker: report jobs only; all: both in one process. */
  role?: ServeRole;
  projectRoot?: string;
}

function referenceId(): string {
  return `r-${randomBytes(4).toString('hex')}`;
}

/** Builds the Slack side on top of the analyst: Redis stores, the Chat adapter, handlers, report queue and workers. */
export function composeSlack(config: Config, ask: AskDeps, options: SlackComposeOptions): SlackRuntime {
  const { env } = config;
  const role = options.role ?? 'all';
  if (!env.SLACK_BOT_TOKEN) {
    throw new ScoutError('config_invalid', 'SLACK_BOT_TOKEN is required', {
      userMessage: 'SLACK_BOT_TOKEN is required to run the Slack app (see README: "Run Scout in Slack").',
    });
  }
  if (role !== 'worker' && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    throw new ScoutError('config_invalid', 'SLACK_SIGNING_SECRET is required in HTTP mode', {
      userMessage:
        'SLACK_SIGNING_SECRET is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode).',
    });
  }
  const logger = options.logger;
  const redis = createRedisConnection(env.REDIS_URL, { name: `scout-${role}`, logger });
  const prefix = env.SCOUT_REDIS_PREFIX;
  const now = () => new Date();
  const conversations = createRedisConversationStore(redis, { prefix });
  // While Redis is down, this process still refuses a delivery it has already seen.
  const dedupe = dedupeWithFallback(createRedisDedupe(redis, { prefix }), createMemoryDedupe(), (error) =>
    logger.debug({ err: error }, 'dedupe falls back to process memory'),
  );
  const answers = createRedisAnswerStore(redis, {
    prefix,
    ttlSeconds: recordTtlSeconds(env.SCOUT_RECORD_TTL_DAYS),
    onCorrupt: (id, error) => logger.error({ answerId: id, err: error }, 'corrupt answer record'),
  });
  const queue = createReportQueue({
    redisUrl: env.REDIS_URL,
    prefix,
    logger,
    attempts: env.SCOUT_REPORT_ATTEMPTS,
  });
  const prompts = loadPromptRegistry(resolve(options.projectRoot ?? process.cwd(), 'prompts'));

  const bolt =
    role === 'worker'
      ? null
      : createBoltApp({
          botToken: env.SLACK_BOT_TOKEN,
          signingSecret: env.SLACK_SIGNING_SECRET ?? '',
          ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
          apiUrl: env.SLACK_API_URL,
          port: env.PORT,
          logger,
          ...(options.retries !== undefined ? { retries: options.retries } : {}),
          health: async () => {
            const redisOk = await checkRedis(redis, 500).then(
              () => true,
              () => false,
            );
            return { ok: redisOk, detail: { redis: redisOk ? 'ok' : 'unreachable' } };
          },
        });
  const client =
    bolt?.client ??
    createWebClient({
      botToken: env.SLACK_BOT_TOKEN,
      apiUrl: env.SLACK_API_URL,
      logger,
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
    });
  const chat = createSlackChat(client);
  const workspace = createSlackWorkspace(client);

  // Answers run off the request path: Slack's ack never waits for the warehouse or a chart, and
  // the number of answers (each holding a query result and a chart) in memory at once is bounded.
  const answering = createWorkQueue(
    { concurrency: env.SCOUT_ANSWER_CONCURRENCY, maxQueued: env.SCOUT_ANSWER_QUEUE },
    (error) => logger.error({ err: error }, 'queued answer failed outside its error handler'),
  );
  if (bolt) {
    register(bolt.app, {
      conversation: {
        ask,
        chat,
        conversations,
        dedupe,
        answers,
        render: renderAnswer,
        contextTtlSeconds: env.SCOUT_CONTEXT_TTL_SECONDS,
        logger,
        now,
      },
      feedback: { answers, dedupe, workspace, now },
      reports: {
        queue,
        chat,
        workspace,
        parse: { model: ask.model, lexicon: ask.lexicon, asOf: ask.asOf },
        now,
      },
      answering,
      rateLimit: createRedisRateLimiter(redis, { prefix, perMinute: env.SCOUT_RATE_LIMIT_PER_MINUTE }),
      logger,
      newReferenceId: referenceId,
    });
    bolt.app.error(async (error) => {
      logger.error({ reference: referenceId(), err: error }, 'unhandled Slack listener error');
    });
  }

  let worker: { close(): Promise<void> } | null = null;
  const jobDeps = {
    report: {
      ask,
      template: prompts.get('report-industry'),
      insightsTemplate: ask.ai ? prompts.get('report-insights') : null,
      retriever: ask.retriever ?? null,
      now,
      ...(env.SCOUT_REPORT_STAGE_DELAY_MS > 0
        ? { beforeStage: () => new Promise<void>((r) => setTimeout(r, env.SCOUT_REPORT_STAGE_DELAY_MS)) }
        : {}),
    },
    chat,
    markers: conversations,
    runs: createRedisReportRuns(redis, { prefix }),
    newRunId: () => randomUUID(),
    render: { markdown: renderReportMarkdown, html: renderReportHtml },
    logger,
  };

  return {
    answers,
    async start() {
      // Redis down at start-up is reported, not fatal: the connection keeps retrying, answers
      // degrade to no memory, and the container is not restarted in a loop.
      await checkRedis(redis, 2_000).catch((error: unknown) => {
        logger.error(
          { err: error },
          'Redis is unreachable at start-up; continuing and retrying in the background',
        );
      });
      if (role !== 'web') {
        worker = startReportWorker({
          redisUrl: env.REDIS_URL,
          prefix,
          logger,
          concurrency: env.SCOUT_REPORT_CONCURRENCY,
          perMinute: env.SCOUT_REPORTS_PER_MINUTE,
          stalledIntervalMs: env.SCOUT_WORKER_STALLED_MS,
          lockDurationMs: env.SCOUT_WORKER_LOCK_MS,
          process: (data, job) => runReportJob(jobDeps, data, job),
          onFailed: (data, job, error, final) =>
            reportJobFailed({ ...jobDeps, asOf: ask.asOf }, data, job, error, final),
        });
      }
      if (bolt) await bolt.start();
    },
    async shutdown() {
      if (bolt) await bolt.stop();
      // Every admitted answer still gets its reply before Redis and the client go away.
      await answering.drain();
      await worker?.close();
      await queue.close();
      redis.disconnect();
    },
  };
}
