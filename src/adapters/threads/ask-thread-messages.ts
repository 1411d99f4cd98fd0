import { z } from 'zod';
import { type ErrorCode, isScoutError, ScoutError } from '../../errors.ts';
import type { AskAnswer, AskOptions } from '../../usecases/ask/ask.ts';

/**
 * What the main thread and an answer thread say to each other. Both ends run the same build, so
 * the envelopes are checked (a malformed one is a bug, reported as a typed error) while the answer
 * inside travels as the structured clone of the `AskAnswer` the use case returned.
 */

/** The main thread asks one question. */
export interface AskRequestMessage {
  type: 'ask';
  id: number;
  question: string;
  options: AskOptions;
}

/** The main thread asks the thread to close its dependencies and exit. */
export interface CloseMessage {
  type: 'close';
}

export type ToThreadMessage = AskRequestMessage | CloseMessage;

const wireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  userMessage: z.string(),
  retryable: z.boolean(),
});

/** A ScoutError as it crosses threads (class instances lose their prototype in a structured clone). */
export type WireError = z.infer<typeof wireErrorSchema>;

const answerShape = z.looseObject({ id: z.string(), status: z.string(), answer: z.string() });

export const fromThreadMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('start_failed'), error: wireErrorSchema }),
  z.object({ type: z.literal('answer'), id: z.number().int(), answer: answerShape }),
  z.object({ type: z.literal('failed'), id: z.number().int(), error: wireErrorSchema }),
]);

export type FromThreadMessage =
  | { type: 'ready' }
  | { type: 'start_failed'; error: WireError }
  | { type: 'answer'; id: number; answer: AskAnswer }
  | { type: 'failed'; id: number; error: WireError };

export const toThreadMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ask'),
    id: z.number().int(),
    question: z.string(),
    options: z.looseObject({}),
  }),
  z.object({ type: z.literal('close') }),
]);

export function toWireError(error: unknown): WireError {
  if (isScoutError(error)) {
    return {
      code: error.code,
      message: error.message,
      userMessage: error.userMessage,
      retryable: error.retryable,
    };
  }
  return {
    code: 'internal',
    message: error instanceof Error ? error.message : String(error),
    userMessage: 'Something went wrong on my side.',
    retryable: false,
  };
}

/** The ScoutError again, on the receiving side; its cause is the thread it came from. */
export function fromWireError(wire: WireError, thread: number): ScoutError {
  return new ScoutError(wire.code as ErrorCode, wire.message, {
    userMessage: wire.userMessage,
    retryable: wire.retryable,
    cause: { answerThread: thread },
  });
}
