import type { App } from '@slack/bolt';
import { z } from 'zod';
import { answerInConversation } from '../../src/usecases/answer-in-conversation.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';

const commandSchema = z.object({
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().optional(),
  trigger_id: z.string().optional(),
});

export const askUsage =
  'Ask me about advertising performance, e.g. `/ask top 5 brands by spend in Gaming last quarter` or `/ask CTR by channel this year vs last year`.';

/** `/ask <question>`: ack at once (ephemeral), then answer in the channel. */
export function registerAskCommand(app: App, deps: HandlerDeps): void {
  app.command('/ask', async ({ command, ack, respond }) => {
    const parsed = commandSchema.safeParse(command);
    const question = parsed.success ? parsed.data.text.trim() : '';
    if (!parsed.success || question === '') {
      await ack({ response_type: 'ephemeral', text: askUsage });
      return;
    }
    await ack({ response_type: 'ephemeral', text: ':mag: Looking into it…' });
    const { user_id: user, channel_id: channel, team_id: team, trigger_id: trigger } = parsed.data;
    await withFriendlyErrors(
      deps,
      { listener: 'command:/ask', user, channel },
      {
        ephemeral: (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
      },
      async () => {
        await answerInConversation(deps.conversation, {
          surface: 'slash_command',
          question,
          user,
          channel,
          ...(team ? { team } : {}),
          ...(trigger ? { dedupeKey: `command:${trigger}` } : {}),
        });
      },
    );
  });
}
