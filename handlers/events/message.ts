import type { App } from '@slack/bolt';
import { z } from 'zod';
import { slackAudience } from '../../src/domain/audience.ts';
import { checkQuestion } from '../../src/domain/input-limits.ts';
import {
  answerInConversation,
  conversationKeyFor,
  isScoutConversation,
} from '../../src/usecases/answer-in-conversation.ts';
import type { HandlerDeps } from '../deps.ts';
import { queueAnswer } from '../queued-answer.ts';
import { rateLimitReply } from '../rate-limit.ts';
import { replyWithLimit } from '../reply-errors.ts';
import { teamOf } from './mention-text.ts';
import { repliedInPitchThread } from './pitch-thread.ts';

const messageSchema = z.object({
  text: z.string().default(''),
  user: z.string().min(1),
  channel: z.string().min(1),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  team: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

/**
 * Plain messages: every DM is a question (a DM is one conversation, or one per thread), and a
 * reply in one of Scout's threads is a follow-up. Messages that mention Scout are left to the
 * app_mention listener so they get one answer, not two.
 */
export function registerMessages(app: App, deps: HandlerDeps): void {
  app.message(async ({ message, body, context, client }) => {
    const parsed = messageSchema.safeParse(message);
    if (!parsed.success || parsed.data.subtype || parsed.data.bot_id) return;
    const { user, channel, ts, thread_ts: threadTs, channel_type: channelType, team, text } = parsed.data;
    if (user === context.botUserId) return;
    const isDm = channelType === 'im';
    if (!isDm && context.botUserId && text.includes(`<@${context.botUserId}>`)) return;
    if (!isDm && !threadTs) return;

    const conversationKey = conversationKeyFor(channel, threadTs ?? 'dm');
    // Length first; an oversized message is only ever measured, never parsed or logged.
    const checked = checkQuestion(text);
    const dedupeKey = `event:${String((body as { event_id?: string }).event_id ?? `${channel}:${ts}`)}`;
    await queueAnswer(
      deps,
      { listener: 'message', user, channel },
      {
        ephemeral: (reply) =>
          client.chat.postEphemeral({
            channel,
            user,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            ...reply,
          }),
      },
      async () => {
        // A pitch's thread takes objections about that pitch.
        const pitchInput = { user, channel, checked, dedupeKey, ...(team ? { team } : {}) };
        if (threadTs && (await repliedInPitchThread(deps, client, { ...pitchInput, threadTs }))) return;
        // In channels, only threads Scout is part of are conversations with Scout.
        if (!isDm) {
          // Memory down: stay quiet in threads rather than erroring at every message in the channel.
          const known = await isScoutConversation(deps.conversation, conversationKey).catch(
            (error: unknown) => {
              deps.logger.warn(
                { listener: 'message', channel, err: error },
                "cannot tell whether the thread is Scout's",
              );
              return false;
            },
          );
          if (!known) return;
        }
        if (!checked.ok) {
          const target = { channel, user, ...(threadTs ? { thread_ts: threadTs } : {}) };
          await replyWithLimit(client, { ...target, text: checked.message }, deps);
          return;
        }
        const limited = await rateLimitReply(deps, user);
        if (limited) {
          await client.chat.postEphemeral({
            channel,
            user,
            ...(threadTs ? { thread_ts: threadTs } : {}),
            ...limited,
          });
          return;
        }
        const recipientTeam = teamOf(team, body);
        await answerInConversation(deps.conversation, {
          surface: isDm ? 'dm' : 'thread',
          question: checked.text,
          audience: slackAudience({ user, channel, isDirectMessage: isDm }),
          user,
          channel,
          ...(recipientTeam ? { team: recipientTeam } : {}),
          // A DM's answer streams into the message's own thread, as Slack's agent messages do.
          replyThreadTs: threadTs ?? ts,
          conversationKey,
          dedupeKey,
          showStatus: true,
          stream: true,
        });
      },
    );
  });
}
