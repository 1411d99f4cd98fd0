import type { App } from '@slack/bolt';
import { z } from 'zod';
import { checkCommandText } from '../../src/domain/input-limits.ts';
import { renderRecord } from '../../src/presentation/slack/record-message.ts';
import { showAnswerRecord } from '../../src/usecases/show-answer-record.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { askUsage } from './ask.ts';

const commandSchema = z.object({
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
});

export const scoutHelp = [
  '*Scout* answers questions about advertising performance with numbers it actually queried.',
  `• ${askUsage}`,
  '• Mention me (`@Scout …`) in a channel, or DM me. Reply in my thread to follow up: "and for video only?", "same for 2024", "break it down by market".',
  '• `/pitch <brand> [for <program>] [goal …]` (or the "Draft a sales pitch" shortcuts) drafts a partner-program pitch from the brand’s own numbers; reply in its thread with an objection.',
  '• `/scout why <answer id>` shows how an answer was made: what I understood, the SQL, rows and timing.',
  '• Every answer is AI-generated and labelled so; 👍/👎 on an answer helps us improve.',
].join('\n');

/** `/scout help | usage | why <answer id>`. */
export function registerScoutCommand(app: App, deps: HandlerDeps): void {
  app.command('/scout', async ({ command, ack, respond }) => {
    const parsed = commandSchema.safeParse(command);
    const checked = checkCommandText(parsed.success ? parsed.data.text : '');
    if (!checked.ok) {
      await ack({ response_type: 'ephemeral', text: checked.message });
      return;
    }
    const [sub = 'help', ...rest] = checked.text.trim().split(/\s+/).filter(Boolean);
    if (!parsed.success || sub === 'help' || sub === 'usage') {
      await ack({ response_type: 'ephemeral', text: scoutHelp });
      return;
    }
    if (sub !== 'why') {
      await ack({
        response_type: 'ephemeral',
        text: `I don't know \`/scout ${sub.slice(0, 40).replace(/[<>&`]/g, '')}\`.\n${scoutHelp}`,
      });
      return;
    }
    await ack();
    const user = parsed.data.user_id;
    await withFriendlyErrors(
      deps,
      { listener: 'command:/scout why', user },
      { ephemeral: (message) => respond({ response_type: 'ephemeral', ...message }) },
      async () => {
        const record = await showAnswerRecord(deps.feedback, { answerId: rest[0] ?? '', user });
        await respond({ response_type: 'ephemeral', ...renderRecord(record) });
      },
    );
  });
}
