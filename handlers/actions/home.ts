import type { App } from '@slack/bolt';
import { homeActionIds } from '../../src/presentation/slack/agent-home.ts';
import { publishHome } from '../../src/usecases/agent-home.ts';
import { orderReport } from '../../src/usecases/report/order-report.ts';
import type { HandlerDeps } from '../deps.ts';
import { blockActionSchema } from './action-body.ts';

/** "Remove" beside a schedule on Home: the same rules as `/report unschedule <id>`, then Home again. */
export function registerHomeActions(app: App, deps: HandlerDeps): void {
  app.action(homeActionIds.unschedule, async ({ ack, body }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    if (!parsed.success) return;
    const user = parsed.data.user.id;
    const [channel, id] = (parsed.data.actions[0]?.value ?? '').split(' ');
    if (!channel || !id || !/^[\w-]+$/.test(id)) return;
    try {
      const outcome = await orderReport(deps.reports, { text: `unschedule ${id}`, user, channel });
      deps.logger.info(
        { listener: 'action:home_unschedule', user, outcome: outcome.kind },
        'schedule change',
      );
      await publishHome(deps.agent, user);
    } catch (error) {
      deps.logger.warn({ listener: 'action:home_unschedule', user, err: error }, 'schedule not removed');
    }
  });
}
