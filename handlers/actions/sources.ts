import type { App } from '@slack/bolt';
import { actionIds } from '../../src/presentation/slack/answer-message.ts';
import { renderSources } from '../../src/presentation/slack/record-message.ts';
import { showAnswerRecord } from '../../src/usecases/answer-feedback.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { blockActionSchema } from './action-body.ts';

/** "Show sources": the excerpts behind each numbered citation, to the person who asked. */
export function registerSources(app: App, deps: HandlerDeps): void {
  app.action(actionIds.sources, async ({ ack, body, respond }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return;
    const user = parsed.data.user.id;
    await withFriendlyErrors(
      deps,
      { listener: `action:${actionIds.sources}`, user },
      {
        ephemeral: (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
      },
      async () => {
        const record = await showAnswerRecord(deps.feedback, {
          answerId: parsed.data.actions[0]?.value ?? '',
          user,
        });
        await respond({ response_type: 'ephemeral', replace_original: false, ...renderSources(record) });
      },
    );
  });
}
