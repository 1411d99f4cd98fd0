import { renderFailure } from '../src/presentation/slack/answer-message.ts';
import type { HandlerDeps } from './deps.ts';
import { type FailureTarget, withFriendlyErrors } from './reply-errors.ts';

export const busyText = "I'm answering a lot of questions right now. Please try again in a minute.";

/** The "busy" reply for a request the answer queue refused, logged under its reference id. */
export function busyReply(deps: HandlerDeps, scope: Record<string, unknown>) {
  const reference = deps.newReferenceId();
  deps.logger.warn({ ...scope, reference, ...deps.answering.stats() }, 'answer queue full; told the user');
  return renderFailure(busyText, reference);
}

/**
 * Hands an answer to the bounded answer queue, off the request path. Admitted work later gets
 * its answer or one friendly error; refused work gets one friendly "busy" message at once.
 * Returns whether it was admitted.
 */
export async function queueAnswer(
  deps: HandlerDeps,
  scope: Record<string, unknown>,
  target: FailureTarget,
  work: () => Promise<void>,
): Promise<boolean> {
  const admission = deps.answering.offer(() => withFriendlyErrors(deps, scope, target, work));
  if (admission.accepted) return true;
  await target.ephemeral(busyReply(deps, scope)).catch((error: unknown) => {
    deps.logger.error({ ...scope, err: error }, 'could not tell the user the queue is full');
  });
  return false;
}
