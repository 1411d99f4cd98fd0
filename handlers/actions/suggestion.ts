import type { App } from '@slack/bolt';
import { slackAudience } from '../../src/domain/audience.ts';
import { checkQuestion } from '../../src/domain/input-limits.ts';
import { actionIds } from '../../src/presentation/slack/answer-message.ts';
import { answerInConversation, conversationKeyFor } from '../../src/usecases/answer-in-conversation.ts';
import type { HandlerDeps } from '../deps.ts';
import { queueAnswer } from '../queued-answer.ts';
import { refusedOverLimit } from '../rate-limit.ts';
import { blockActionSchema } from './action-body.ts';

/** A suggestion button under a clarification re-asks that question, in the same thread. */
export function registerSuggestion(app: App, deps: HandlerDeps): void {
  app.action(new RegExp(`^${actionIds.suggestion}_\\d+$`), async ({ ack, body, respond }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return;
    const { user, team, channel, container, message, actions } = parsed.data;
    const channelId = channel?.id ?? container?.channel_id;
    const checked = checkQuestion(actions[0]?.value ?? '');
    const question = checked.ok ? checked.text : '';
    const messageTs = message?.ts ?? container?.message_ts;
    if (!channelId || !messageTs || question === '') return;
    const root = message?.thread_ts ?? container?.thread_ts ?? messageTs;
    const scope = { listener: 'action:ask_suggestion', user: user.id, channel: channelId };
    const target = {
      ephemeral: (reply: { text: string }) =>
        respond({ response_type: 'ephemeral', replace_original: false, ...reply }),
    };
    if (await refusedOverLimit(deps, user.id, target, scope)) return;
    await queueAnswer(deps, scope, target, async () => {
      await answerInConversation(deps.conversation, {
        surface: 'button',
        question,
        // A button may sit in any conversation: its readers count as unknown.
        audience: slackAudience({ user: user.id, channel: channelId, isDirectMessage: false }),
        user: user.id,
        channel: channelId,
        ...(team?.id ? { team: team.id } : {}),
        replyThreadTs: root,
        conversationKey: conversationKeyFor(channelId, root),
        // A double click on the same suggestion gets one answer.
        dedupeKey: `suggestion:${channelId}:${messageTs}:${user.id}:${question}`,
        showStatus: true,
      });
    });
  });
}
