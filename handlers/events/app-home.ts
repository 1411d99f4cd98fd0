import type { App } from '@slack/bolt';
import { z } from 'zod';
import { greetInDm, publishHome, rememberContext } from '../../src/usecases/agent-home.ts';
import type { HandlerDeps } from '../deps.ts';

const homeOpenedSchema = z.object({
  user: z.string().min(1),
  channel: z.string().min(1),
  tab: z.enum(['home', 'messages']).optional(),
});

const contextChangedSchema = z.object({
  user: z.string().min(1),
  context: z
    .object({
      entities: z
        .array(z.object({ type: z.string(), value: z.unknown() }))
        .optional()
        .default([]),
    })
    .optional(),
});

/**
 * The agent surface (manifest `features.agent_view`): opening Scout's DM greets with prompts
 * fitted to the user; opening Home publishes it; what the user looks at is remembered.
 */
export function registerAppHome(app: App, deps: HandlerDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    const parsed = homeOpenedSchema.safeParse(event);
    if (!parsed.success) return;
    const { user, channel, tab } = parsed.data;
    const scope = { listener: 'event:app_home_opened', user, tab };
    const work =
      tab === 'messages' ? greetInDm(deps.agent, { user, channel }) : publishHome(deps.agent, user);
    // Nobody is waiting on a reply: a failure is logged, and the next open tries again.
    await work.catch((error: unknown) =>
      deps.logger.warn({ ...scope, err: error }, 'agent surface not shown'),
    );
  });

  app.event('app_context_changed', async ({ event }) => {
    const parsed = contextChangedSchema.safeParse(event);
    if (!parsed.success) return;
    const channel = parsed.data.context?.entities.find((e) => e.type === 'slack#/types/channel_id')?.value;
    await rememberContext(deps.agent, {
      user: parsed.data.user,
      channel: typeof channel === 'string' ? channel : null,
    }).catch((error: unknown) =>
      deps.logger.debug({ listener: 'event:app_context_changed', err: error }, 'context not remembered'),
    );
  });
}
