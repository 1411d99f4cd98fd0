import type { App } from '@slack/bolt';
import { z } from 'zod';
import { feedbackReasons } from '../../src/domain/answer-record.ts';
import { actionIds } from '../../src/presentation/slack/answer-message.ts';
import { feedbackFormId, renderFeedbackForm } from '../../src/presentation/slack/feedback-form.ts';
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

const nativeSchema = z.object({
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ value: z.string().optional() })).min(1),
});

/**
 * Slack's native 👍/👎 (feedback_buttons, one action id, `up:<id>` / `down:<id>`). 👍 is recorded;
 * 👎 opens the short "what was wrong" form at once (its trigger id lasts 3 s) and is recorded too,
 * so a closed form still counts. Slack sends no "deselected": the last click is the vote.
 */
export function registerNativeFeedback(app: App, deps: HandlerDeps): void {
  app.action(actionIds.feedback, async ({ ack, body, respond }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    const native = nativeSchema.safeParse(body);
    if (!parsed.success || !native.success) return;
    const [direction, answerId = ''] = (native.data.actions[0]?.value ?? '').split(':');
    if (direction !== 'up' && direction !== 'down') return;
    const user = parsed.data.user.id;
    const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
    const scope = { listener: `action:${actionIds.feedback}`, user };
    const reply = (message: { text: string; blocks?: Record<string, unknown>[] }) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...message });
    await withFriendlyErrors(deps, scope, { ephemeral: reply }, async () => {
      if (direction === 'down' && native.data.trigger_id) {
        const metadata = JSON.stringify({ answerId, ...(channel ? { channel } : {}) });
        await deps.agent.surface
          .openModal({ triggerId: native.data.trigger_id, view: renderFeedbackForm(metadata) })
          .catch((error: unknown) => deps.logger.warn({ ...scope, err: error }, 'feedback form not opened'));
      }
      const outcome = await recordFeedback(deps.feedback, {
        answerId,
        user,
        value: direction,
        ...(channel ? { channel } : {}),
      });
      if (outcome === 'not_accepted') await reply({ text: notAccepted });
      else if (outcome === 'recorded' && direction === 'up') await reply({ text: thanks.up });
    });
  });
}

const formSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.object({
        reason: z.object({
          reason: z.object({ selected_option: z.object({ value: z.enum(feedbackReasons) }) }),
        }),
        comment: z.object({ comment: z.object({ value: z.string().max(500).nullish() }) }).optional(),
      }),
    }),
  }),
});
const metadataSchema = z.object({ answerId: z.string(), channel: z.string().optional() });

/** The form's metadata as JSON, or null when it is not (then zod refuses it). */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The 👎 form sent: what was wrong (and the user's words) stored on the answer's record. */
export function registerFeedbackForm(app: App, deps: HandlerDeps): void {
  app.view(feedbackFormId, async ({ ack, body }) => {
    const parsed = formSchema.safeParse(body);
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: { reason: 'Please pick what was wrong.' } });
      return;
    }
    await ack();
    const metadata = metadataSchema.safeParse(readJson(parsed.data.view.private_metadata));
    if (!metadata.success) return;
    const values = parsed.data.view.state.values;
    const comment = values.comment?.comment.value ?? undefined;
    const user = parsed.data.user.id;
    const outcome = await recordFeedback(deps.feedback, {
      answerId: metadata.data.answerId,
      user,
      value: 'down',
      reason: values.reason.reason.selected_option.value,
      ...(comment ? { comment } : {}),
      ...(metadata.data.channel ? { channel: metadata.data.channel } : {}),
    }).catch((error: unknown) => {
      deps.logger.warn({ listener: `view:${feedbackFormId}`, user, err: error }, 'feedback form not stored');
      return 'failed';
    });
    deps.logger.info({ listener: `view:${feedbackFormId}`, user, outcome }, 'feedback form');
  });
}
