import type { App } from '@slack/bolt';

/**
 * `/report` and `/pitch` are declared in the manifest so one install covers the roadmap; until
 * their features ship they say so plainly instead of failing or staying silent.
 */
export function registerUpcomingCommands(app: App): void {
  app.command('/report', async ({ ack }) => {
    await ack({
      response_type: 'ephemeral',
      text: 'Industry reports are not available in this version of Scout yet. Meanwhile, `/ask` answers questions about the same data.',
    });
  });
  app.command('/pitch', async ({ ack }) => {
    await ack({
      response_type: 'ephemeral',
      text: 'Sales pitch drafting is not available in this version of Scout yet. Meanwhile, `/ask` answers questions about your accounts.',
    });
  });
}
