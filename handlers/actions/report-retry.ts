import type { App } from '@slack/bolt';
import { z } from 'zod';
import { reportRequestSchema } from '../../src/domain/report/report-request.ts';
import { reportActionIds } from '../../src/presentation/slack/report-message.ts';
import { orderParsedReport } from '../../src/usecases/report/order-report.ts';
import { describeOrder } from '../commands/report.ts';
import type { HandlerDeps } from '../deps.ts';
import { withFriendlyErrors } from '../reply-errors.ts';
import { blockActionSchema } from './action-body.ts';

const retryValueSchema = z.object({ request: reportRequestSchema });

/** "Try again" on a failed report orders the same report again. */
export function registerReportRetry(app: App, deps: HandlerDeps): void {
  app.action(reportActionIds.retry, async ({ ack, body, respond }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return;
    const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
    if (!channel) return;
    const user = parsed.data.user.id;
    await withFriendlyErrors(
      deps,
      { listener: 'action:report_retry', user, channel },
      {
        ephemeral: (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
      },
      async () => {
        let value: unknown;
        try {
          value = JSON.parse(parsed.data.actions[0]?.value ?? '');
        } catch {
          value = null;
        }
        const retry = retryValueSchema.safeParse(value);
        if (!retry.success) return;
        const outcome = await orderParsedReport(deps.reports, retry.data.request, { user, channel });
        await respond({ response_type: 'ephemeral', replace_original: false, text: describeOrder(outcome) });
      },
    );
  });
}
