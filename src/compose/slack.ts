import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { register } from '../../handlers/register.ts';
import { createMemoryDedupe, dedupeWithFallback } from '../adapters/memory/memory-dedupe.ts';
import { createRedisAnswerStore, recordTtlSeconds } from '../adapters/redis/answer-store.ts';
import { createRedisConversationStore } from '../adapters/redis/conversation-store.ts';
import { createRedisDedupe } from '../adapters/redis/dedupe.ts';
import { createRedisRateLimiter } from '../adapters/redis/rate-limiter.ts';
import { checkRedis, createRedisConnection } from '../adapters/redis/redis-connection.ts';
import { createRedisTally } from '../adapters/redis/tally.ts';
import { createBoltApp, createWebClient } from '../adapters/slack/bolt-app.ts';
import { createSlackChat } from '../adapters/slack/web-chat.ts';
import { createSlackAgentSurface, createSlackStreams } from '../adapters/slack/web-streams.ts';
import { createSlackWorkspace } from '../adapters/slack/workspace.ts';
import type { Config } from '../config.ts';
import { createWorkQueue } from '../domain/work-queue.ts';
import { ScoutError } from '../errors.ts';
import { renderHome } from '../presentation/slack/agent-home.ts';
import { renderAnswer } from '../presentation/slack/answer-message.ts';
import { renderObjection, renderPitch, renderPitchProgress } from '../presentation/slack/pitch-message.ts';
import { renderStreamedAnswer } from '../presentation/slack/streamed-answer.ts';
import { composeAnswerThreads } from './answer-threads.ts';
import { composePitch } from './pitch.ts';
import { composeReports } from './reports.ts';
import type { AnalystDeps, ServeRole, SlackComposeOptions, SlackRuntime } from './types.ts';

function referenceId(): string {
  return `r-${randomBytes(4).toString('hex')}`;
}

/** The Slack settings this role needs, each missing one named; returns the bot token. */
function checkSlackConfig(config: Config, role: ServeRole): string {
  const { env } = config;
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
  return env.SLACK_BOT_TOKEN;
}

/** The Redis stores every replica shares: conversation memory, delivery dedupe, answer records. */
function redisStores(config: Config, redis: Redis, logger: Logger) {
  const prefix = config.env.SCOUT_REDIS_PREFIX;
  return {
    conversations: createRedisConversationStore(redis, { prefix }),
    // While Redis is down, this process still refuses a delivery it has already seen.
    dedupe: dedupeWithFallback(createRedisDedupe(redis, { prefix }), createMemoryDedupe(), (error) =>
      logger.debug({ err: error }, 'dedupe falls back to process memory'),
    ),
    answers: createRedisAnswerStore(redis, {
      prefix,
      ttlSeconds: recordTtlSeconds(config.env.SCOUT_RECORD_TTL_DAYS),
      onCorrupt: (id, error) => logger.error({ answerId: id, err: error }, 'corrupt answer record'),
    }),
  };
}

/** The Bolt app (roles web and all), or null for a worker, which only needs the Web API client. */
function slackApp(
  config: Config,
  redis: Redis,
  options: SlackComposeOptions & { role: ServeRole; botToken: string },
) {
  const { env } = config;
  const retries = options.retries !== undefined ? { retries: options.retries } : {};
  const bolt =
    options.role === 'worker'
      ? null
      : createBoltApp({
          botToken: options.botToken,
          signingSecret: env.SLACK_SIGNING_SECRET ?? '',
          ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
          apiUrl: env.SLACK_API_URL,
          port: env.PORT,
          logger: options.logger,
          ...retries,
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
      botToken: options.botToken,
      apiUrl: env.SLACK_API_URL,
      logger: options.logger,
      ...retries,
    });
  return { bolt, client };
}

/** Builds the Slack side on top of the analyst: Redis stores, the Chat adapter, handlers, and the reports. */
export function composeSlack(
  config: Config,
  analyst: AnalystDeps,
  options: SlackComposeOptions,
): SlackRuntime {
  const { env } = config;
  const role = options.role ?? 'all';
  const botToken = checkSlackConfig(config, role);
  const logger = options.logger;
  const redis = createRedisConnection(env.REDIS_URL, { name: `scout-${role}`, logger });
  const now = () => new Date();
  const { conversations, dedupe, answers } = redisStores(config, redis, logger);
  const { bolt, client } = slackApp(config, redis, { ...options, role, botToken });
  const chat = createSlackChat(client);
  const tally = createRedisTally(redis, {
    prefix: env.SCOUT_REDIS_PREFIX,
    ttlSeconds: recordTtlSeconds(env.SCOUT_RECORD_TTL_DAYS),
  });
  const workspace = createSlackWorkspace(client);
  const reports = composeReports(config, analyst, {
    redis,
    chat,
    workspace,
    markers: conversations,
    logger,
    now,
  });

  // Answers run off the request path: Slack's ack never waits for the warehouse or a chart, and
  // the number of answers (each holding a query result and a chart) in memory at once is bounded.
  const answering = createWorkQueue(
    { concurrency: env.SCOUT_ANSWER_CONCURRENCY, maxQueued: env.SCOUT_ANSWER_QUEUE },
    (error) => logger.error({ err: error }, 'queued answer failed outside its error handler'),
  );
  // ...and computed on worker threads, so that CPU work does not hold up the receiving event loop.
  const answerThreads =
    role === 'worker' ? null : composeAnswerThreads(config, logger, options.answerThreadEntry);
  if (bolt) {
    register(bolt.app, {
      conversation: {
        ask: analyst,
        ...(answerThreads ? { answer: answerThreads.ask } : {}),
        chat,
        conversations,
        dedupe,
        answers,
        render: renderAnswer,
        streams: createSlackStreams(client),
        renderStream: renderStreamedAnswer,
        contextTtlSeconds: env.SCOUT_CONTEXT_TTL_SECONDS,
        logger,
        now,
      },
      feedback: { answers, dedupe, workspace, now, tally },
      agent: {
        surface: createSlackAgentSurface(client),
        answers,
        queue: reports.order.queue,
        workspace,
        memory: conversations,
        tally,
        renderHome,
      },
      reports: reports.order,
      pitches: {
        pitch: composePitch(analyst),
        chat,
        memory: conversations,
        answers,
        dedupe,
        render: { progress: renderPitchProgress, pitch: renderPitch, objection: renderObjection },
        // A pitch's buttons and thread work as long as its record is kept.
        ttlSeconds: recordTtlSeconds(env.SCOUT_RECORD_TTL_DAYS),
        logger,
        now,
      },
      answering,
      rateLimit: createRedisRateLimiter(redis, {
        prefix: env.SCOUT_REDIS_PREFIX,
        perMinute: env.SCOUT_RATE_LIMIT_PER_MINUTE,
      }),
      logger,
      newReferenceId: referenceId,
    });
    bolt.app.error(async (error) => {
      logger.error({ reference: referenceId(), err: error }, 'unhandled Slack listener error');
    });
  }

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
      if (role !== 'web') reports.startWorker();
      // Requests are taken once the answer threads can answer them; threads that cannot start
      // are stopped, not left retrying behind a failed start.
      await answerThreads?.ready().catch(async (error: unknown) => {
        await answerThreads.close();
        throw error;
      });
      if (bolt) await bolt.start();
    },
    async shutdown() {
      if (bolt) await bolt.stop();
      // Every admitted answer still gets its reply before Redis and the client go away.
      await answering.drain();
      await answerThreads?.close();
      await reports.close();
      redis.disconnect();
    },
  };
}
