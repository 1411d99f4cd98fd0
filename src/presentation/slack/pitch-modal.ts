import type { SlackBlock } from '../../ports.ts';
import { truncate } from './mrkdwn.ts';

/** The modal's ids: the view's callback, each input's block and action, the type-ahead lists. */
export const pitchModalIds = {
  callback: 'pitch_modal',
  brand: 'pitch_brand',
  program: 'pitch_program',
  goal: 'pitch_goal',
  tone: 'pitch_tone',
  channel: 'pitch_channel',
} as const;

export const PITCH_TONES = [
  { value: 'house', label: 'House style' },
  { value: 'formal', label: 'More formal' },
  { value: 'shorter', label: 'Shorter' },
] as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75), emoji: true });
const option = (text: string, value: string) => ({ text: plain(text), value: truncate(value, 150) });

/**
 * The "Draft a sales pitch" modal: brand (type-ahead over the brands table), optional program,
 * goal and tone, and — from the global shortcut, which has no channel — where to post it.
 */
export function renderPitchModal(input: {
  brand?: string | null;
  program?: { programId: string; name: string } | null;
  goal?: string | null;
  askChannel: boolean;
  /** Carried to the submission: where the pitch goes when no channel is picked. */
  privateMetadata: string;
}): Record<string, unknown> {
  const blocks: SlackBlock[] = [
    {
      type: 'input',
      block_id: pitchModalIds.brand,
      label: plain('Brand'),
      element: {
        type: 'external_select',
        action_id: pitchModalIds.brand,
        placeholder: plain('Start typing a brand'),
        min_query_length: 0,
        ...(input.brand ? { initial_option: option(input.brand, input.brand) } : {}),
      },
    },
    {
      type: 'input',
      block_id: pitchModalIds.program,
      optional: true,
      label: plain('Program (empty: the best fit)'),
      element: {
        type: 'external_select',
        action_id: pitchModalIds.program,
        placeholder: plain('Any eligible program'),
        min_query_length: 0,
        ...(input.program
          ? {
              initial_option: option(
                `${input.program.programId} ${input.program.name}`,
                input.program.programId,
              ),
            }
          : {}),
      },
    },
    {
      type: 'input',
      block_id: pitchModalIds.goal,
      optional: true,
      label: plain('Goal'),
      element: {
        type: 'plain_text_input',
        action_id: pitchModalIds.goal,
        max_length: 500,
        placeholder: plain('e.g. grow CTV before the year ends'),
        ...(input.goal ? { initial_value: truncate(input.goal, 500) } : {}),
      },
    },
    {
      type: 'input',
      block_id: pitchModalIds.tone,
      label: plain('Tone'),
      element: {
        type: 'static_select',
        action_id: pitchModalIds.tone,
        options: PITCH_TONES.map((t) => option(t.label, t.value)),
        initial_option: option(PITCH_TONES[0].label, PITCH_TONES[0].value),
      },
    },
  ];
  if (input.askChannel)
    blocks.push({
      type: 'input',
      block_id: pitchModalIds.channel,
      optional: true,
      label: plain('Post in (empty: a DM from Scout)'),
      element: {
        type: 'conversations_select',
        action_id: pitchModalIds.channel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
      },
    });
  return {
    type: 'modal',
    callback_id: pitchModalIds.callback,
    title: plain('Draft a sales pitch'),
    submit: plain('Draft'),
    close: plain('Cancel'),
    private_metadata: input.privateMetadata,
    blocks,
  };
}

/** The type-ahead answer Slack expects from an options request. */
export function renderOptions(items: { label: string; value: string }[]) {
  return { options: items.slice(0, 100).map((i) => option(i.label, i.value)) };
}
