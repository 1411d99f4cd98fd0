import type { App } from '@slack/bolt';
import type { AnswerRecord } from '../../src/domain/answer-record.ts';
import { actionIds } from '../../src/presentation/slack/answer-message.ts';
import { renderRecord, renderSources } from '../../src/presentation/slack/record-message.ts';
import { showAnswerRecord } from '../../src/usecases/show-answer-record.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { blockActionSchema } from './action-body.ts';

/** A button that shows part of an answer's record, only to the person who clicked (if they asked). */
function registerRecordAction(
  app: App,
  deps: HandlerDeps,
  actionId: string,
  render: (record: AnswerRecord) => { text: string; blocks: Record<string, unknown>[] },
): void {
  app.action(actionId, async ({ ack, body, respond }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return;
    const user = parsed.data.user.id;
    await withFriendlyErrors(
      deps,
      { listener: `action:${actionId}`, user },
      {
        ephemeral: (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
      },
      async () => {
        const record = await showAnswerRecord(deps.feedback, {
          answerId: parsed.data.actions[0]?.value ?? '',
          user,
        });
        await respond({ response_type: 'ephemeral', replace_original: false, ...render(record) });
      },
    );
  });
}

/** "How I got this": the answer's record. */
export function registerWhy(app: App, deps: HandlerDeps): void {
  registerRecordAction(app, deps, actionIds.why, renderRecord);
}

/** "Show sources": the excerpts behind each numbered citation. */
export function registerSources(app: App, deps: HandlerDeps): void {
  registerRecordAction(app, deps, actionIds.sources, renderSources);
}
