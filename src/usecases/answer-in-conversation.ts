import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AnswerRecord } from '../domain/answer-record.ts';
import type { Audience } from '../domain/audience.ts';
import { metricQuerySchema } from '../domain/metric-query.ts';
import { DELIVERY_DEDUPE_SECONDS } from '../domain/request-identity.ts';
import { toScoutError } from '../errors.ts';
import type {
  AnswerStore,
  Chat,
  ChatStreams,
  ConversationStore,
  Dedupe,
  PostedMessage,
  SlackBlock,
} from '../ports.ts';
import { type AskAnswer, type AskDeps, type AskOptions, ask } from './ask/ask.ts';
import { buildAnswerRecords } from './ask/build-answer-record.ts';
import {
  answeredTasks,
  finishStream,
  openingTasks,
  postWithFallback,
  streamSteps,
} from './deliver-answer.ts';

export interface ConversationDeps {
  ask: AskDeps;
  /** Where the question itself is answered (an answer thread); `ask` on these deps, here, without it. */
  answer?: (question: string, options: AskOptions) => Promise<AskAnswer>;
  chat: Chat;
  conversations: ConversationStore;
  dedupe: Dedupe;
  answers: AnswerStore;
  render: (
    answer: AskAnswer,
    options: { chartFileId?: string; question: string },
  ) => { text: string; blocks: SlackBlock[] };
  /** Streamed answers (chat.startStream…); without them every answer is one posted message. */
  streams?: ChatStreams;
  renderStream?: (
    answer: AskAnswer,
    options: { chartFileId?: string; asker: string },
  ) => { markdown: string; blocks: SlackBlock[] };
  contextTtlSeconds: number;
  logger: Logger;
  now: () => Date;
}

export interface ConversationRequest {
  surface: AnswerRecord['surface'];
  question: string;
  /** Who reads the answer where it is posted (built by the handler that received the request). */
  audience: Audience;
  user: string;
  team?: string;
  channel: string;
  /** Reply in this thread; without it the answer is a new message in the channel. */
  replyThreadTs?: string;
  /** The conversation the message continues (its context key); without it a new one starts at the answer. */
  conversationKey?: string;
  /** Slack delivers at least once: the first request with this key wins. */
  dedupeKey?: string;
  /** How long that claim holds; an hour (past Slack's last retry) by default. */
  dedupeTtlSeconds?: number;
  /** Show "is looking into it…" in the thread while answering. */
  showStatus?: boolean;
  /** Stream the answer into `replyThreadTs` (progress, text, then blocks); falls back to a message. */
  stream?: boolean;
}

export type ConversationResult =
  | { outcome: 'duplicate' }
  | { outcome: 'posted'; answer: AskAnswer; message: PostedMessage; conversationKey: string };

/** What a conversation remembers between messages: the last query, so follow-ups can modify it. */
const conversationContextSchema = z.object({
  query: metricQuerySchema.nullable(),
  question: z.string(),
  answerId: z.string(),
});

export function conversationKeyFor(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

/**
 * Answers a question in a Slack conversation: dedupe, recall the conversation, ask, upload the
 * chart, post one message, remember the query for follow-ups, and store the answer record.
 * Memory (Redis) failures degrade to an answer without context rather than no answer at all.
 */
export async function answerInConversation(
  deps: ConversationDeps,
  request: ConversationRequest,
): Promise<ConversationResult> {
  const log = deps.logger.child({
    requestId: randomUUID().slice(0, 8),
    useCase: 'answer',
    surface: request.surface,
    user: request.user,
    channel: request.channel,
  });
  const started = performance.now();

  if (request.dedupeKey) {
    const ttl = request.dedupeTtlSeconds ?? DELIVERY_DEDUPE_SECONDS;
    const first = await deps.dedupe.claim(request.dedupeKey, ttl).catch((error: unknown) => {
      log.warn({ err: toScoutError(error) }, 'dedupe unavailable; answering anyway');
      return true;
    });
    if (!first) {
      log.info({ dedupeKey: request.dedupeKey }, 'duplicate delivery ignored');
      return { outcome: 'duplicate' };
    }
  }
  if (request.showStatus && request.replyThreadTs) {
    await deps.chat
      .setStatus({
        channel: request.channel,
        threadTs: request.replyThreadTs,
        status: 'is looking into it…',
        loadingMessages: Object.values(streamSteps).map((step) => `${step}…`),
      })
      .catch((error: unknown) => log.debug({ err: error }, 'status not shown'));
  }
  const stream = await openStream(deps, request, log);

  const previous = request.conversationKey ? await recall(deps, request.conversationKey, log) : null;
  // One agent session per Slack thread keeps a Bedrock Agent's memory aligned with the conversation.
  const sessionId = (
    request.conversationKey ?? `${request.channel}:${request.replyThreadTs ?? randomUUID()}`
  ).replace(/[^\w.:-]/g, '-');
  const answerQuestion = deps.answer ?? ((question, options) => ask(deps.ask, question, options));
  const answer = await answerQuestion(request.question, {
    previous: previous?.query ?? null,
    sessionId,
    audience: request.audience,
    ...(request.team ? { team: request.team } : {}),
  });

  const chartComing = Boolean(answer.chart && answer.chart.png.length > 0);
  if (stream) await progress(deps, stream, answeredTasks(answer, chartComing), log);
  let chartFileId: string | undefined;
  if (answer.chart && answer.chart.png.length > 0) {
    try {
      chartFileId = (
        await deps.chat.uploadImage({
          bytes: answer.chart.png,
          filename: `scout-${answer.id}.png`,
          title: answer.understood ?? 'Chart',
        })
      ).fileId;
    } catch (error) {
      // The numbers still go out; the chart is a nice-to-have.
      log.warn({ err: toScoutError(error), answerId: answer.id }, 'chart upload failed');
    }
  }
  if (stream && chartComing) {
    const status = chartFileId ? 'complete' : 'error';
    await progress(deps, stream, [{ id: 'chart', title: streamSteps.chart, status }], log);
  }
  // Stored before posting: whoever sees the answer can look its record up at once.
  const [record, ...shadows] = buildAnswerRecords(answer, {
    surface: request.surface,
    user: request.user,
    ...(request.team ? { team: request.team } : {}),
    channel: request.channel,
    ...(request.replyThreadTs ? { threadTs: request.replyThreadTs } : {}),
    latencyMs: performance.now() - started,
    createdAt: deps.now(),
  });
  for (const stored of [record, ...shadows])
    await deps.answers
      .save(stored)
      .catch((error: unknown) =>
        log.error({ err: toScoutError(error), answerId: stored.id }, 'answer record not stored'),
      );
  const message = await deliver(deps, request, { answer, stream, chartFileId }, log);

  const conversationKey =
    request.conversationKey ?? conversationKeyFor(request.channel, request.replyThreadTs ?? message.ts);
  if (answer.query) {
    // The thread the answer sits in continues the conversation too (a DM's answer thread).
    const threadKey = request.replyThreadTs
      ? conversationKeyFor(request.channel, request.replyThreadTs)
      : conversationKey;
    const context = { query: answer.query, question: answer.question, answerId: answer.id };
    for (const key of new Set([conversationKey, threadKey])) {
      await deps.conversations
        .set(key, context, deps.contextTtlSeconds)
        .catch((error: unknown) => log.warn({ err: toScoutError(error) }, 'conversation not remembered'));
    }
  }
  log.info(
    {
      answerId: answer.id,
      status: answer.status,
      latencyMs: Math.round(record.latencyMs),
      followUp: Boolean(previous),
    },
    'answered',
  );
  return { outcome: 'posted', answer, message, conversationKey };
}

/** Opens the answer's stream in its thread; null (answer posted as a message) when it cannot. */
async function openStream(
  deps: ConversationDeps,
  request: ConversationRequest,
  log: Logger,
): Promise<PostedMessage | null> {
  if (!(request.stream && deps.streams && deps.renderStream && request.replyThreadTs)) return null;
  try {
    return await deps.streams.start({
      channel: request.channel,
      threadTs: request.replyThreadTs,
      recipientUserId: request.user,
      ...(request.team ? { recipientTeamId: request.team } : {}),
      tasks: openingTasks(),
    });
  } catch (error) {
    log.warn({ err: toScoutError(error) }, 'stream not started; the answer goes out as a message');
    return null;
  }
}

/** Progress on an open stream; best effort (the answer still goes out when it fails). */
async function progress(
  deps: ConversationDeps,
  stream: PostedMessage,
  tasks: ReturnType<typeof openingTasks>,
  log: Logger,
): Promise<void> {
  await deps.streams
    ?.append({ channel: stream.channel, ts: stream.ts, tasks })
    .catch((error: unknown) => log.debug({ err: toScoutError(error) }, 'stream progress not shown'));
}

/**
 * Ends the stream with the answer, or posts it as one message (no stream, or the stream failed);
 * blocks Slack refuses are dropped part by part rather than losing the answer.
 */
async function deliver(
  deps: ConversationDeps,
  request: ConversationRequest,
  done: { answer: AskAnswer; stream: PostedMessage | null; chartFileId: string | undefined },
  log: Logger,
): Promise<PostedMessage> {
  const { answer, stream, chartFileId } = done;
  const chart = chartFileId ? { chartFileId } : {};
  if (stream && deps.streams && deps.renderStream) {
    try {
      await finishStream(
        deps.streams,
        stream,
        deps.renderStream(answer, { ...chart, asker: request.user }),
        log,
      );
      return stream;
    } catch (error) {
      log.warn(
        { err: toScoutError(error), answerId: answer.id },
        'stream failed; posting the answer instead',
      );
    }
  }
  const rendered = deps.render(answer, { question: answer.question, ...chart });
  return postWithFallback(
    deps.chat,
    {
      channel: request.channel,
      ...(request.replyThreadTs ? { threadTs: request.replyThreadTs } : {}),
      text: rendered.text,
      blocks: rendered.blocks,
    },
    log,
  );
}

async function recall(deps: ConversationDeps, key: string, log: Logger) {
  try {
    const stored = await deps.conversations.get(key);
    if (stored === null) return null;
    const parsed = conversationContextSchema.safeParse(stored);
    if (!parsed.success) log.warn({ key }, 'conversation context unreadable; starting afresh');
    return parsed.success ? parsed.data : null;
  } catch (error) {
    log.warn({ err: toScoutError(error) }, 'conversation memory unavailable; answering without context');
    return null;
  }
}

/** Whether a thread is one of Scout's conversations (thread replies only get answers there). */
export async function isScoutConversation(
  deps: Pick<ConversationDeps, 'conversations'>,
  key: string,
): Promise<boolean> {
  return (await deps.conversations.get(key)) !== null;
}
