import type { AnswerRecord } from '../../domain/answer-record.ts';
import { controlLines } from '../../domain/answer-record-controls.ts';
import type { SlackBlock } from '../../ports.ts';
import type { RenderedMessage } from './answer-message.ts';
import { codeBlock, escapeMrkdwn, truncate } from './mrkdwn.ts';

/** The audit record of an answer, for `/scout why <id>` and the "How I got this" button. */
export function renderRecord(record: AnswerRecord): RenderedMessage {
  const votes = record.feedback.reduce(
    (acc, f) => ({ ...acc, [f.value]: (acc[f.value] ?? 0) + 1 }),
    {} as Record<string, number>,
  );
  const lines = [
    `*Answer \`${record.id}\`* · ${record.status} · ${record.createdAt}`,
    `*Question:* ${escapeMrkdwn(truncate(record.question, 500))}`,
    record.understood ? `*Understood:* ${escapeMrkdwn(record.understood)}` : null,
    `*Answered by:* ${record.path === 'offline' ? 'offline engine (no model, no tokens)' : `model ${record.modelIds.join(', ')}`}`,
    record.promptVersions.length > 0 ? `*Prompts:* ${record.promptVersions.join(', ')}` : null,
    record.rowCount !== undefined ? `*Rows returned:* ${record.rowCount}` : null,
    record.sources.length > 0
      ? `*Sources:* ${record.sources.map((s) => escapeMrkdwn(s.title)).join('; ')}`
      : null,
    `*Latency:* ${Math.round(record.latencyMs)} ms · *tokens:* ${record.tokens.input} in / ${record.tokens.output} out · *cost:* $${record.costUsd.toFixed(4)}`,
    ...controlLines(record).map((line) => escapeMrkdwn(line)),
    `*Feedback:* ${votes.up ?? 0} :thumbsup: · ${votes.down ?? 0} :thumbsdown:`,
  ].filter((line): line is string => line !== null);
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 2900) } },
  ];
  if (record.sql) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: codeBlock(record.sql) } });
  return { text: `Record of answer ${record.id}`, blocks };
}

/** The sources of an answer with their excerpts, numbered as in the answer. */
export function renderSources(record: AnswerRecord): RenderedMessage {
  const blocks: SlackBlock[] = record.sources.slice(0, 10).map((source) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        `*${escapeMrkdwn(source.title)}*\n\`${escapeMrkdwn(source.source)}\`\n>${escapeMrkdwn(source.excerpt ?? '').replace(/\n/g, '\n>')}`,
        2900,
      ),
    },
  }));
  return {
    text: `Sources of answer ${record.id}`,
    blocks:
      blocks.length > 0
        ? blocks
        : [{ type: 'section', text: { type: 'mrkdwn', text: 'This answer has no document sources.' } }],
  };
}
