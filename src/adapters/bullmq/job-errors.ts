import { UnrecoverableError } from 'bullmq';
import { isScoutError, ScoutError, worthRetrying } from '../../errors.ts';

/**
 * A processor's error as BullMQ must see it. A ScoutError no retry can help (bad input, a
 * permanent failure) or one a layer below already retried (the SDK's attempts, a stage's three)
 * becomes BullMQ's UnrecoverableError: the job fails at once, so retries never multiply. The
 * ScoutError rides along as the cause so `fromJobError` can hand it back. Anything else (a crash
 * we did not type, a transient failure nobody retried yet) is left as it is and BullMQ re-runs
 * the job while attempts remain.
 */
export function toJobError(error: unknown): unknown {
  if (!isScoutError(error) || worthRetrying(error)) return error;
  const unrecoverable = new UnrecoverableError(error.userMessage);
  unrecoverable.cause = error;
  return unrecoverable;
}

/** True when BullMQ will not retry this failure (ours, or its own, e.g. a job that stalled too often). */
export function isUnrecoverable(error: Error): boolean {
  return error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
}

/**
 * A failed job's error as the use cases see it: a ScoutError whenever BullMQ gave up for good,
 * so they never need to know BullMQ's error names. BullMQ's own reasons ("job stalled more than
 * allowable limit") are queue internals: the log keeps them, the user reads what happened.
 */
export function fromJobError(error: Error): Error {
  if (!isUnrecoverable(error)) return error;
  if (isScoutError(error.cause)) return error.cause;
  return new ScoutError('internal', error.message, {
    cause: error,
    retryable: true,
    userMessage: 'the worker preparing it stopped more than once. Try again in a few minutes.',
  });
}
