import type { App } from '@slack/bolt';
import type { HandlerDeps } from './deps.ts';

/**
 * Shortcuts and buttons we do not (or no longer) know — from an old message or a stale
 * manifest — are acknowledged and logged, so Slack does not show the user an error.
 */
export function registerUnknownPayloads(
  app: App,
  deps: HandlerDeps,
  known: { shortcuts: string[]; actions: RegExp },
): void {
  const unknownShortcut = new RegExp(`^(?!(${known.shortcuts.join('|')})$).*`);
  app.shortcut({ callback_id: unknownShortcut }, async ({ ack, body, respond }) => {
    await ack();
    deps.logger.warn({ listener: 'shortcut:unknown', callbackId: body.callback_id }, 'unknown shortcut');
    if ('response_url' in body && typeof body.response_url === 'string') {
      await respond({
        response_type: 'ephemeral',
        text: 'I do not know that shortcut (yet). Try `/scout help`.',
      }).catch(() => undefined);
    }
  });
  app.action(
    { action_id: new RegExp(`^(?!${known.actions.source.replace(/^\^/, '').replace(/\$$/, '')}$).*`) },
    async ({ ack, body }) => {
      await ack();
      deps.logger.warn({ listener: 'action:unknown', type: body.type }, 'unknown action');
    },
  );
}
