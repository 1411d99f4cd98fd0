import type { App } from '@slack/bolt';

/**
 * `/pitch` is declared in the manifest so one install covers the roadmap; until the feature
 * ships it says so plainly instead of failing or staying silent.
 */
export function registerUpcomingCommands(app: App): void {
  app.command('/pitch', async ({ ack }) => {
    await ack({
      response_type: 'ephemeral',
      text: 'Sales pitch drafting is not available in this version of Scout yet. Meanwhile, `/ask` answers questions about your accounts.',
    });
  });
}
