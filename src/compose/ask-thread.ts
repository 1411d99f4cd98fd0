/**
 * The entry module of an answer thread (src/adapters/threads/ask-thread-pool.ts starts it): it
 * serves `ask` messages with this thread's own analyst (warehouse connection, retriever, chart
 * renderer, model clients). Its one statement runs only in a thread the pool started, recognised
 * by its workerData (a test runner's own worker has a parentPort too).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ask } from '../usecases/ask/ask.ts';
import { composeAnalyst } from './analyst.ts';
import { askThreadDataSchema } from './answer-threads.ts';
import { type StartAnswerer, serveAskThread } from './ask-thread-server.ts';

const startAnalystAnswerer: StartAnswerer = async (config, logger) => {
  const analyst = await composeAnalyst(config, { logger });
  return { answer: (question, options) => ask(analyst, question, options), close: () => analyst.close() };
};

if (parentPort && askThreadDataSchema.safeParse(workerData).success) {
  serveAskThread(parentPort, workerData, startAnalystAnswerer);
}
