import type { App } from '@slack/bolt';
import { actionIds } from '../../src/presentation/slack/answer-message.ts';
import { recordFeedback } from '../../src/usecases/answer-feedback.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { blockActionSchema } from './action-body.ts';

const thanks = {
  up: 'Thanks, noted.',
  down: 'Thanks, noted. Reply in the thread with what was wrong and I will try again.',
} as const;
// The same words whether the answer is unknown or the vote not allowed: nothing about the id leaks.
const notAccepted = 'I could not attach your feedback to that answer.';

/** 👍 / 👎 under an answer: recorded on the answer's record, once per click burst. */
export function registerFeedback(app: App, deps: HandlerDeps): void {
  for (const [actionId, value] of [
    [actionIds.feedbackUp, 'up'],
    [actionIds.feedbackDown, 'down'],
  ] as const) {
    app.action(actionId, async ({ ack, body, respond }) => {
      await ack();
      const parsed = blockActionSchema.safeParse(body);
      if (!parsed.success) return;
      const user = parsed.data.user.id;
      const answerId = parsed.data.actions[0]?.value ?? '';
      const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
      await withFriendlyErrors(
        deps,
        { listener: `action:${actionId}`, user },
        {
          ephemeral: (message) =>
            respond({ response_type: 'ephemeral', replace_original: false, ...message }),
        },
        async () => {
          const outcome = await recordFeedback(deps.feedback, {
            answerId,
            user,
            value,
            ...(channel ? { channel } : {}),
          });
          if (outcome === 'duplicate') return;
          const text = outcome === 'recorded' ? thanks[value] : notAccepted;
          await respond({ response_type: 'ephemeral', replace_original: false, text });
        },
      );
    });
  }
}
