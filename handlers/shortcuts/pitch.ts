import type { App, types } from '@slack/bolt';
import { z } from 'zod';

export const pitchShortcuts = { global: 'pitch_global', message: 'pitch_from_message' } as const;

const shortcutSchema = z.object({ trigger_id: z.string().min(1), user: z.object({ id: z.string() }) });

const notYetView: types.ModalView = {
  type: 'modal',
  title: { type: 'plain_text', text: 'Draft a sales pitch' },
  close: { type: 'plain_text', text: 'Close' },
  blocks: [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Pitch drafting is not available in this version of Scout yet. Meanwhile, `/ask` answers questions about your accounts, e.g. `/ask spend for Gaming last quarter by brand`.',
      },
    },
  ],
};

/**
 * The two pitch shortcuts (global and on a message). Declared in the manifest ahead of the
 * feature; they open a modal that says so, which also works where there is no channel.
 */
export function registerPitchShortcuts(app: App): void {
  for (const callbackId of Object.values(pitchShortcuts)) {
    app.shortcut(callbackId, async ({ ack, body, client, logger }) => {
      await ack();
      const parsed = shortcutSchema.safeParse(body);
      if (!parsed.success) return;
      await client.views
        .open({ trigger_id: parsed.data.trigger_id, view: notYetView })
        .catch((error: unknown) => {
          logger.warn(`pitch modal not opened: ${String(error)}`);
        });
    });
  }
}
