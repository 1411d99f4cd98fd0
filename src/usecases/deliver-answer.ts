import { isScoutError, toScoutError } from '../errors.ts';
import type { Chat, ChatStreams, PostedMessage, SlackBlock, StreamTask } from '../ports.ts';
import type { AskAnswer } from './ask/answer-types.ts';

/** The one logger call delivery makes (pino's Logger has it). */
interface WarnLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Slack refused the blocks (not the message): the same reply without the failing part may go out. */
function blocksRejected(error: unknown): boolean {
  return isScoutError(error) && error.code === 'slack_blocks_rejected';
}

/**
 * The blocks to try, most complete first: as rendered; without the chart (an image whose upload
 * Slack has not finished is the usual culprit); only text, context and buttons.
 */
export function blockFallbacks(blocks: SlackBlock[]): SlackBlock[][] {
  const withoutImage = blocks.filter((block) => block.type !== 'image');
  const plain = withoutImage.filter((block) =>
    ['section', 'context', 'actions', 'context_actions'].includes(String(block.type)),
  );
  const tries = [blocks, withoutImage, plain];
  return tries.filter((t, i) => i === 0 || t.length !== tries[i - 1]?.length);
}

/** Posts a message; when Slack refuses its blocks, posts it again without the failing part. */
export async function postWithFallback(
  chat: Pick<Chat, 'postMessage'>,
  message: { channel: string; threadTs?: string; text: string; blocks: SlackBlock[] },
  log: WarnLog,
): Promise<PostedMessage> {
  const tries = [...blockFallbacks(message.blocks), []];
  for (const [i, blocks] of tries.entries()) {
    try {
      return await chat.postMessage({ ...message, blocks });
    } catch (error) {
      if (!blocksRejected(error) || i === tries.length - 1) throw error;
      log.warn({ err: toScoutError(error), attempt: i + 1 }, 'Slack refused the blocks; posting with fewer');
    }
  }
  throw new Error('unreachable: the last try either returns or throws');
}

/** The four steps a streamed answer shows while Scout works. */
export const streamSteps = {
  understand: 'Understanding the question',
  query: 'Querying the data',
  chart: 'Drawing the chart',
  check: 'Checking the figures',
} as const;

type Step = keyof typeof streamSteps;
const task = (id: Step, status: StreamTask['status'], output?: string): StreamTask => ({
  id,
  title: streamSteps[id],
  status,
  ...(output ? { output } : {}),
});

/** Where the work stands when the stream opens: understanding, the rest to come. */
export function openingTasks(): StreamTask[] {
  return [task('understand', 'in_progress'), task('query', 'pending'), task('check', 'pending')];
}

/** What the finished answer says about each step (only what did happen is marked complete). */
export function answeredTasks(answer: AskAnswer, chartComing: boolean): StreamTask[] {
  const failed = answer.status === 'error';
  const tasks = [task('understand', failed ? 'error' : 'complete', answer.understood)];
  if (answer.sql) {
    const rows = answer.rows?.length ?? 0;
    tasks.push(task('query', 'complete', `${rows} row${rows === 1 ? '' : 's'}`));
  } else {
    tasks.push(
      task('query', failed ? 'error' : 'complete', answer.route === 'data' ? 'no query ran' : 'documents'),
    );
  }
  if (chartComing) tasks.push(task('chart', 'in_progress'));
  const checked = answer.status === 'answered';
  tasks.push(
    task(
      'check',
      checked ? 'complete' : failed ? 'error' : 'complete',
      checked ? 'every figure comes from the result' : undefined,
    ),
  );
  return tasks;
}

/**
 * Ends a streamed answer: the text, then the trailing blocks. When Slack refuses the blocks, it
 * stops with fewer (without the chart, then only text and buttons, then none); any other failure
 * is thrown for the caller to post the answer as a plain message instead.
 */
export async function finishStream(
  streams: ChatStreams,
  stream: PostedMessage,
  content: { markdown: string; blocks: SlackBlock[] },
  log: WarnLog,
): Promise<void> {
  await streams.append({ channel: stream.channel, ts: stream.ts, text: content.markdown });
  const tries = [...blockFallbacks(content.blocks), []];
  for (const [i, blocks] of tries.entries()) {
    try {
      await streams.stop({ channel: stream.channel, ts: stream.ts, blocks });
      return;
    } catch (error) {
      if (!blocksRejected(error) || i === tries.length - 1) throw error;
      log.warn(
        { err: toScoutError(error), attempt: i + 1 },
        'Slack refused the closing blocks; stopping with fewer',
      );
    }
  }
}
