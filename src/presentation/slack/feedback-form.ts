import type { FeedbackReason } from '../../domain/answer-record.ts';

export const feedbackFormId = 'answer_feedback_form';

export const reasonLabels: Record<FeedbackReason, string> = {
  wrong_number: 'A number is wrong',
  wrong_period: 'Wrong period',
  misunderstood: 'It misunderstood my question',
  too_slow: 'Too slow',
  other: 'Something else',
};

/** The short form a 👎 opens: what was wrong, and optionally in the user's words. */
export function renderFeedbackForm(metadata: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: feedbackFormId,
    private_metadata: metadata,
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'What was wrong with the answer?' },
        element: {
          type: 'radio_buttons',
          action_id: 'reason',
          options: Object.entries(reasonLabels).map(([value, text]) => ({
            text: { type: 'plain_text', text },
            value,
          })),
        },
      },
      {
        type: 'input',
        block_id: 'comment',
        optional: true,
        label: { type: 'plain_text', text: 'Anything else? (optional)' },
        element: { type: 'plain_text_input', action_id: 'comment', multiline: true, max_length: 500 },
      },
    ],
  };
}
