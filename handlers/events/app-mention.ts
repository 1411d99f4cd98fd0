import type { App } from '@slack/bolt';
import { z } from 'zod';
import { slackAudience } from '../../src/domain/audience.ts';
import { checkQuestion } from '../../src/domain/input-limits.ts';
import { escapeMrkdwn } from '../../src/presentation/slack/mrkdwn.ts';
import { answerInConversation, conversationKeyFor } from '../../src/usecases/answer-in-conversation.ts';
import { orderReport } from '../../src/usecases/report/order-report.ts';
import { describeOrder } from '../commands/report.ts';
import type { HandlerDeps } from '../deps.ts';
import { queueAnswer } from '../queued-answer.ts';
import { refusedOverLimit } from '../rate-limit.ts';
import { replyWithLimit } from '../reply-errors.ts';
import { stripBotMention, teamOf } from './mention-text.ts';

const mentionSchema = z.object({
  text: z.string().default(''),
  user: z.string().min(1),
  channel: z.string().min(1),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
});

/** `@Scout <question>` in a channel: answer in the thread, which becomes a conversation. */
export function registerAppMention(app: App, deps: HandlerDeps): void {
  app.event('app_mention', async ({ event, body, context, client }) => {
    const parsed = mentionSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.warn({ listener: 'event:app_mention' }, 'unreadable app_mention ignored');
      return;
    }
    const { user, channel, ts, thread_ts: threadTs, team } = parsed.data;
    const root = threadTs ?? ts;
    // Length first: the mention is stripped and the text parsed only once it is known to be small.
    const checked = checkQuestion(parsed.data.text, (text) => stripBotMention(text, context.botUserId));
    if (!checked.ok) {
      await replyWithLimit(client, { channel, user, thread_ts: root, text: checked.message }, deps);
      return;
    }
    const question = checked.text;
    const reportOrder =
      /^(?:please\s+)?(?:make|create|build|generate|prepare|run|give me|write)\s+(?:me\s+)?(?:an?\s+|the\s+)?(?:industry\s+)?report\s+(?:on|for|about)\s+(.+)$/i.exec(
        question,
      );
    const scope = { listener: 'event:app_mention', user, channel };
    const target = {
      ephemeral: (message: { text: string }) =>
        client.chat.postEphemeral({ channel, user, thread_ts: root, ...message }),
    };
    if (await refusedOverLimit(deps, user, target, scope)) return;
    await queueAnswer(deps, scope, target, async () => {
      if (reportOrder) {
        // "@Scout make a report on gaming Q3 2025" is the same order as /report.
        const claimed = await deps.conversation.dedupe
          .claim(`event:${String((body as { event_id?: string }).event_id ?? `${channel}:${ts}`)}`, 3600)
          .catch(() => true);
        if (!claimed) return;
        const outcome = await orderReport(deps.reports, { text: reportOrder[1] ?? '', user, channel });
        if (outcome.kind !== 'queued') {
          await client.chat.postEphemeral({
            channel,
            user,
            thread_ts: root,
            text: escapeMrkdwn(describeOrder(outcome)),
          });
        }
        return;
      }
      await answerInConversation(deps.conversation, {
        surface: 'mention',
        question,
        audience: slackAudience({ user, channel, isDirectMessage: false }),
        user,
        channel,
        ...(teamOf(team, body) ? { team: teamOf(team, body) } : {}),
        replyThreadTs: root,
        conversationKey: conversationKeyFor(channel, root),
        dedupeKey: `event:${String((body as { event_id?: string }).event_id ?? `${channel}:${ts}`)}`,
        showStatus: true,
        stream: true,
      });
    });
  });
}
