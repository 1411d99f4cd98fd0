import { type MessagePort, threadId } from 'node:worker_threads';
import type { Logger } from 'pino';
import { createMaskedLogger } from '../adapters/logging/masked-logger.ts';
import {
  type FromThreadMessage,
  toThreadMessageSchema,
  toWireError,
} from '../adapters/threads/ask-thread-messages.ts';
import { lowerThreadPriority } from '../adapters/threads/thread-priority.ts';
import type { Config } from '../config.ts';
import type { AskAnswer, AskOptions } from '../usecases/ask/ask.ts';
import { askThreadDataSchema } from './answer-threads.ts';

/** What an answer thread runs: the `ask` use case on dependencies it built itself. */
export interface ThreadAnswerer {
  answer(question: string, options: AskOptions): Promise<AskAnswer>;
  close(): Promise<void>;
}

/** Nice value of answer threads: well below the receiving thread, still well above idle. */
const ANSWER_THREAD_NICE = 10;

export type StartAnswerer = (config: Config, logger: Logger) => Promise<ThreadAnswerer>;

/**
 * Serves one answer thread: builds the answerer from the configuration the main thread handed
 * over, then answers each `ask` message and posts the answer (or a typed error) back; `close`
 * closes the answerer and ends the thread. Questions that arrive while it starts wait for it.
 */
export function serveAskThread(port: MessagePort, data: unknown, start: StartAnswerer): void {
  const send = (message: FromThreadMessage) => port.postMessage(message);
  const parsed = askThreadDataSchema.safeParse(data);
  if (!parsed.success) {
    send({
      type: 'start_failed',
      error: toWireError(new Error(`bad answer-thread data: ${parsed.error.message}`)),
    });
    port.close();
    return;
  }
  // The same build parsed this configuration in the main thread; the check above guards the shape.
  const config = parsed.data.config as Config;
  const logger = createMaskedLogger(parsed.data.logLevel).child({ answerThread: threadId });
  // Before the answerer starts, so the warehouse's own threads inherit the lower priority.
  if (!lowerThreadPriority(ANSWER_THREAD_NICE)) logger.debug('answer thread keeps its priority');
  const answerer = start(config, logger);
  answerer.then(
    () => send({ type: 'ready' }),
    (error: unknown) => {
      logger.error({ err: error }, 'answer thread could not start');
      send({ type: 'start_failed', error: toWireError(error) });
      port.close();
    },
  );

  const answerOne = async (id: number, question: string, options: AskOptions) => {
    try {
      const answer = await (await answerer).answer(question, options);
      send({ type: 'answer', id, answer });
    } catch (error) {
      send({ type: 'failed', id, error: toWireError(error) });
    }
  };
  port.on('message', (raw: unknown) => {
    const message = toThreadMessageSchema.safeParse(raw);
    if (!message.success) {
      logger.error({ issues: message.error.issues }, 'malformed message to an answer thread');
      return;
    }
    if (message.data.type === 'ask') {
      void answerOne(message.data.id, message.data.question, message.data.options as AskOptions);
      return;
    }
    void answerer
      .then((running) => running.close())
      .catch((error: unknown) => logger.warn({ err: error }, 'answer thread closed with an error'))
      // Ends this thread only (process.exit in a worker stops the worker, not the process).
      .finally(() => process.exit(0));
  });
}
