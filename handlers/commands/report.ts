import type { App } from '@slack/bolt';
import { z } from 'zod';
import { checkCommandText } from '../../src/domain/input-limits.ts';
import { escapeMrkdwn } from '../../src/presentation/slack/mrkdwn.ts';
import { type OrderOutcome, orderReport } from '../../src/usecases/report/order-report.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';

const commandSchema = z.object({
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
});

export const reportHelp = [
  '*Industry reports* — KPIs and their change, trends, channel, device and market mix, brands, benchmarks and anomalies, with charts and every figure traceable to its query.',
  '• `/report gaming Q3 2025` · `/report beauty 2025 vs 2024` · `/report travel last quarter`',
  '• `/report schedule weekly mon 09:00 Asia/Taipei gaming` · `/report schedule monthly 1 09:00 Asia/Singapore retail`',
  '• `/report schedules` lists this channel’s schedules; `/report unschedule <id>` removes one.',
].join('\n');

/** What to tell the person who typed the command (the report itself goes to the channel). */
export function describeOrder(outcome: OrderOutcome): string {
  switch (outcome.kind) {
    case 'queued':
      return 'On it: the report is being prepared in this channel.';
    case 'already_running':
      return 'That report is already being prepared in this channel; it will appear there.';
    case 'scheduled':
      return `Scheduled \`${outcome.id}\`: ${outcome.description}. It will post in this channel.`;
    case 'schedules':
      return outcome.lines.length > 0
        ? `Schedules in this channel:\n${outcome.lines.join('\n')}`
        : 'There are no report schedules in this channel.';
    case 'unscheduled':
      return outcome.removed
        ? `Removed schedule \`${outcome.id}\`.`
        : `There is no schedule \`${outcome.id}\` in this channel (see \`/report schedules\`).`;
    case 'not_schedule_owner':
      return `Only the person who set up schedule \`${outcome.id}\`, or a workspace admin, can ${outcome.change} it.`;
    case 'help':
      return reportHelp;
    case 'invalid':
      return `${outcome.message}\nFor example: ${outcome.suggestions.map((s) => `\`${s}\``).join(' · ')}`;
  }
}

/** `/report …`: ack at once; the use case posts the progress message and enqueues one job. */
export function registerReportCommand(app: App, deps: HandlerDeps): void {
  app.command('/report', async ({ command, ack, respond }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({ response_type: 'ephemeral', text: reportHelp });
      return;
    }
    const checked = checkCommandText(parsed.data.text);
    if (!checked.ok) {
      await ack({ response_type: 'ephemeral', text: checked.message });
      return;
    }
    await ack();
    const { text, user_id: user, channel_id: channel } = parsed.data;
    await withFriendlyErrors(
      deps,
      { listener: 'command:/report', user, channel },
      { ephemeral: (message) => respond({ response_type: 'ephemeral', ...message }) },
      async () => {
        const outcome = await orderReport(deps.reports, { text, user, channel });
        await respond({ response_type: 'ephemeral', text: escapeMrkdwn(describeOrder(outcome)) });
      },
    );
  });
}
