import type { SlackBlock } from '../../ports.ts';
import type { AskAnswer } from '../../usecases/ask/answer-types.ts';
import {
  actionIds,
  aiLabel,
  chartImage,
  context,
  recordButtons,
  sourcesContext,
  suggestionsBlock,
  tableBlock,
} from './answer-message.ts';
import { truncate } from './mrkdwn.ts';

/** Rows shown inline in a streamed answer; the rest stay in the record ("How I got this"). */
export const INLINE_ROWS = 10;

export interface StreamedAnswer {
  /** The answer's text, streamed as standard Markdown. */
  markdown: string;
  /** What follows the text when the stream stops. */
  blocks: SlackBlock[];
}

/** Markdown that shows the text as written: no emphasis, links or HTML from it. */
function plainMarkdown(text: string): string {
  return text.replace(/([\\`*_~[\]<>#|])/g, '\\$1');
}

/**
 * Slack's native 👍/👎 (`feedback_buttons` in a `context_actions` block): one action id, the
 * direction and the answer in the value.
 */
export function feedbackButtons(answerId: string): SlackBlock {
  return {
    type: 'context_actions',
    block_id: 'feedback',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: actionIds.feedback,
        positive_button: {
          text: { type: 'plain_text', text: 'Helpful' },
          accessibility_label: 'This answer was helpful',
          value: `up:${answerId}`,
        },
        negative_button: {
          text: { type: 'plain_text', text: 'Not helpful' },
          accessibility_label: 'This answer was not helpful',
          value: `down:${answerId}`,
        },
      },
    ],
  };
}

/**
 * A lighter answer for a stream: the narrative as text; then the top rows (only when the table
 * says more than the narrative: two rows or more), the chart, sources, who asked with the AI
 * label, "How I got this", and the native feedback buttons.
 */
export function renderStreamedAnswer(
  answer: AskAnswer,
  options: { chartFileId?: string; asker: string },
): StreamedAnswer {
  const blocks: SlackBlock[] = [];
  if (answer.status === 'answered' && answer.table) {
    const table = tableBlock(answer.table.headers, answer.table.rows, INLINE_ROWS);
    if (table) blocks.push(table);
    if (answer.table.rows.length > INLINE_ROWS)
      blocks.push(
        context(`Top ${INLINE_ROWS} of ${answer.table.rows.length} rows; all of them are in the record.`),
      );
  }
  if (answer.status === 'answered' && options.chartFileId)
    blocks.push(chartImage(answer, options.chartFileId));
  const sources = sourcesContext(answer);
  if (sources) blocks.push(sources);
  const suggestions = suggestionsBlock(answer);
  if (suggestions) blocks.push(suggestions);
  blocks.push(context(`Asked by <@${options.asker}> · ${aiLabel(answer)}`));
  if (answer.status === 'answered' || answer.status === 'clarify') {
    blocks.push({ type: 'actions', block_id: 'how', elements: recordButtons(answer) });
    blocks.push(feedbackButtons(answer.id));
  }
  return { markdown: truncate(plainMarkdown(answer.answer), 11_000), blocks };
}
