import type { App } from '@slack/bolt';
import { slackAudience } from '../../src/domain/audience.ts';
import { checkQuestion } from '../../src/domain/input-limits.ts';
import { commandDedupeClaim } from '../../src/domain/request-identity.ts';
import { answerInConversation } from '../../src/usecases/answer-in-conversation.ts';
import type { HandlerDeps } from '../deps.ts';
import { busyReply } from '../queued-answer.ts';
import { rateLimitReply } from '../rate-limit.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { answeringCommandSchema } from './command-body.ts';

export const askUsage =
  'Ask me about advertising performance, e.g. `/ask top 5 brands by spend in Gaming last quarter` or `/ask CTR by channel this year vs last year`.';

/** `/ask <question>`: ack at once (ephemeral), then answer in the channel from the answer queue. */
export function registerAskCommand(app: App, deps: HandlerDeps): void {
  app.command('/ask', async ({ command, ack, respond }) => {
    const parsed = answeringCommandSchema.safeParse(command);
    // Length first: nothing else may look at an oversized question.
    const checked = checkQuestion(parsed.success ? parsed.data.text : '');
    if (!checked.ok) {
      await ack({ response_type: 'ephemeral', text: checked.message });
      return;
    }
    if (!parsed.success || checked.text === '') {
      await ack({ response_type: 'ephemeral', text: askUsage });
      return;
    }
    const { user_id: user, channel_id: channel, team_id: team } = parsed.data;
    const limited = await rateLimitReply(deps, user);
    if (limited) {
      await ack({ response_type: 'ephemeral', text: limited.text });
      return;
    }
    const claim = commandDedupeClaim(parsed.data);
    const scope = { listener: 'command:/ask', user, channel };
    // Admission is decided before the ack, so the ack itself says "busy" when the queue is full;
    // admitted work starts only after this listener has acked.
    const admission = deps.answering.offer(() =>
      withFriendlyErrors(
        deps,
        scope,
        {
          ephemeral: (message) =>
            respond({ response_type: 'ephemeral', replace_original: false, ...message }),
        },
        async () => {
          await answerInConversation(deps.conversation, {
            surface: 'slash_command',
            question: checked.text,
            // A slash command in a D… conversation may be a DM between two people: readers unknown.
            audience: slackAudience({ user, channel, isDirectMessage: false }),
            user,
            channel,
            ...(team ? { team } : {}),
            dedupeKey: claim.key,
            dedupeTtlSeconds: claim.ttlSeconds,
          });
        },
      ),
    );
    if (!admission.accepted) {
      await ack({ response_type: 'ephemeral', ...busyReply(deps, scope) });
      return;
    }
    await ack({ response_type: 'ephemeral', text: ':mag: Looking into it…' });
  });
}
