import type { webApi } from '@slack/bolt';
import { isScoutError } from '../src/errors.ts';
import { renderFailure } from '../src/presentation/slack/answer-message.ts';
import type { HandlerDeps } from './deps.ts';

export interface FailureTarget {
  /** Post where only the user sees it. */
  ephemeral: (message: { text: string; blocks: Record<string, unknown>[] }) => Promise<unknown>;
}

/**
 * Runs a listener's work; on failure, logs the cause under a short reference id and tells the
 * user in one friendly sentence with that id — never a stack trace or a raw SDK message.
 */
export async function withFriendlyErrors(
  deps: HandlerDeps,
  scope: Record<string, unknown>,
  target: FailureTarget,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const reference = deps.newReferenceId();
    deps.logger.error({ ...scope, reference, err: error }, 'listener failed');
    const message = isScoutError(error) ? error.userMessage : 'Something went wrong on my side.';
    await target.ephemeral(renderFailure(message, reference)).catch((postError: unknown) => {
      deps.logger.error({ ...scope, reference, err: postError }, 'could not tell the user about a failure');
    });
  }
}

/** Tells the sender (only them) that their message is over a limit; best effort. */
export async function replyWithLimit(
  client: webApi.WebClient,
  message: { channel: string; user: string; thread_ts?: string; text: string },
  deps: Pick<HandlerDeps, 'logger'>,
): Promise<void> {
  await client.chat.postEphemeral(message).catch((error: unknown) => {
    deps.logger.warn({ channel: message.channel, err: error }, 'could not tell the sender about the limit');
  });
}
