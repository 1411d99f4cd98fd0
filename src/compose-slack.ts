import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { register } from '../handlers/register.ts';
import { createRedisAnswerStore } from './adapters/redis/answer-store.ts';
import { createRedisConversationStore } from './adapters/redis/conversation-store.ts';
import { createRedisDedupe } from './adapters/redis/dedupe.ts';
import { checkRedis, createRedisConnection } from './adapters/redis/redis-connection.ts';
import { type BoltRuntime, createBoltApp } from './adapters/slack/bolt-app.ts';
import { createSlackChat } from './adapters/slack/web-chat.ts';
import type { Config } from './config.ts';
import { ScoutError } from './errors.ts';
import type { AnswerStore } from './ports.ts';
import { renderAnswer } from './presentation/slack/answer-message.ts';
import type { AskDeps } from './usecases/ask.ts';

export interface SlackRuntime extends BoltRuntime {
  /** The answer records (the audit trail), e.g. for operators' tooling. */
  answers: AnswerStore;
  /** Stops taking requests, then closes Redis. */
  shutdown(): Promise<void>;
}

export interface SlackComposeOptions {
  logger: Logger;
  /** Web API retries (the client's default is ten over about thirty minutes). */
  retries?: number;
}

function referenceId(): string {
  return `r-${randomBytes(4).toString('hex')}`;
}

/** Builds the Slack app on top of the analyst: Redis stores, the Chat adapter, handlers. */
export function composeSlack(config: Config, ask: AskDeps, options: SlackComposeOptions): SlackRuntime {
  const { env } = config;
  if (!env.SLACK_BOT_TOKEN) {
    throw new ScoutError('config_invalid', 'SLACK_BOT_TOKEN is required', {
      userMessage: 'SLACK_BOT_TOKEN is required to run the Slack app (see README: "Run Scout in Slack").',
    });
  }
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    throw new ScoutError('config_invalid', 'SLACK_SIGNING_SECRET is required in HTTP mode', {
      userMessage:
        'SLACK_SIGNING_SECRET is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode).',
    });
  }
  const logger = options.logger;
  const redis = createRedisConnection(env.REDIS_URL, { name: 'scout-web', logger });
  const prefix = env.SCOUT_REDIS_PREFIX;
  const bolt = createBoltApp({
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
  const now = () => new Date();
  const conversations = createRedisConversationStore(redis, { prefix });
  const dedupe = createRedisDedupe(redis, { prefix });
  const answers = createRedisAnswerStore(redis, {
    prefix,
    onCorrupt: (id, error) => logger.error({ answerId: id, err: error }, 'corrupt answer record'),
  });
  register(bolt.app, {
    conversation: {
      ask,
      chat: createSlackChat(bolt.client),
      conversations,
      dedupe,
      answers,
      render: renderAnswer,
      contextTtlSeconds: env.SCOUT_CONTEXT_TTL_SECONDS,
      logger,
      now,
    },
    feedback: { answers, dedupe, now },
    logger,
    newReferenceId: referenceId,
  });
  bolt.app.error(async (error) => {
    logger.error({ reference: referenceId(), err: error }, 'unhandled Slack listener error');
  });
  return {
    ...bolt,
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
      await bolt.start();
    },
    async shutdown() {
      await bolt.stop();
      redis.disconnect();
    },
  };
}
