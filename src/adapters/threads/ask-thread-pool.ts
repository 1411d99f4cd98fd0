import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { ScoutError } from '../../errors.ts';
import type { AskAnswer, AskOptions } from '../../usecases/ask/ask.ts';
import {
  type AskRequestMessage,
  type FromThreadMessage,
  fromThreadMessageSchema,
  fromWireError,
  type ToThreadMessage,
} from './ask-thread-messages.ts';

/**
 * Answers questions on a few worker threads, each with its own warehouse connection, retriever
 * and chart renderer, so the CPU work of an answer (parsing, result materialisation, Vega and
 * resvg) never holds up the event loop that receives Slack's requests and acks them.
 *
 * A thread that dies (an uncaught error, its heap limit) fails the questions it held with a typed,
 * retryable `answer_thread_failed` error — the caller tells the user once, with a reference id —
 * and is replaced. Nothing is retried here: a question may have half-run (its model calls spent).
 */
export interface AskThreadPool {
  /** Resolves once every thread has built its dependencies; rejects with the first start failure. */
  ready(): Promise<void>;
  ask(question: string, options: AskOptions): Promise<AskAnswer>;
  stats(): { threads: number; inFlight: number };
  /** Lets each thread close its dependencies and exit; questions still in flight fail. */
  close(): Promise<void>;
}

export interface AskThreadPoolOptions {
  size: number;
  /** The module each thread runs (it builds the deps and answers `ask` messages). */
  entry: URL;
  /** Handed to each thread as `workerData` (structured-cloned). */
  workerData: unknown;
  /** Heap limit of one thread, in MB: past it the thread dies and is replaced. */
  heapMb: number;
  logger: Logger;
  /** Wait before replacing a dead thread; doubled (up to a minute) while replacements fail to start. */
  restartDelayMs?: number;
  /** How long a thread may take to close its dependencies before it is terminated. */
  closeTimeoutMs?: number;
}

interface Pending {
  resolve: (answer: AskAnswer) => void;
  reject: (error: ScoutError) => void;
}

interface Slot {
  index: number;
  worker: Worker;
  /** False from the thread's exit until its replacement is spawned. */
  alive: boolean;
  pending: Map<number, Pending>;
  started: Promise<void>;
  exited: Promise<void>;
}

const lostQuestion = (thread: number, reason: string, cause?: unknown) =>
  new ScoutError('answer_thread_failed', `answer thread ${thread} ${reason}`, {
    retryable: true,
    cause,
    userMessage: 'I lost track of that question while answering it. Please ask again.',
  });

export function createAskThreadPool(options: AskThreadPoolOptions): AskThreadPool {
  if (!Number.isInteger(options.size) || options.size < 1)
    throw new RangeError('an answer thread pool needs at least one thread');
  const log = options.logger;
  const slots: Slot[] = [];
  /** Per thread: replacements in a row that died before they were ready. */
  const failedStarts: number[] = new Array(options.size).fill(0);
  let nextId = 1;
  let closing = false;

  const spawn = (index: number): Slot => {
    const worker = spawnThread(options.entry, {
      workerData: options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    });
    const pending = new Map<number, Pending>();
    let markStarted: { resolve: () => void; reject: (error: ScoutError) => void } | null = null;
    const started = new Promise<void>((resolve, reject) => {
      markStarted = { resolve, reject };
    });
    // A start failure is reported through ready(); a later one must not be an unhandled rejection.
    started.catch(() => undefined);
    const failAll = (error: ScoutError) => {
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
      markStarted?.reject(error);
    };
    worker.on('message', (raw: unknown) => {
      const parsed = fromThreadMessageSchema.safeParse(raw);
      if (!parsed.success) {
        log.error({ answerThread: index, issues: parsed.error.issues }, 'malformed answer-thread message');
        return;
      }
      const message = parsed.data as FromThreadMessage;
      if (message.type === 'ready') {
        failedStarts[index] = 0;
        markStarted?.resolve();
        return;
      }
      if (message.type === 'start_failed') {
        markStarted?.reject(fromWireError(message.error, index));
        return;
      }
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if (message.type === 'answer') entry.resolve(message.answer);
      else entry.reject(fromWireError(message.error, index));
    });
    let lastError: unknown;
    let wasReady = false;
    started.then(
      () => {
        wasReady = true;
      },
      () => undefined,
    );
    worker.on('error', (error) => {
      lastError = error;
      log.error({ answerThread: index, err: error }, 'answer thread died');
    });
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', (code) => {
        slot.alive = false;
        failAll(lostQuestion(index, `exited (code ${code})`, lastError));
        resolve();
        if (closing) return;
        // A thread that had been answering is replaced at once; one that could not start, after a
        // delay that doubles while its replacements cannot start either.
        if (wasReady) {
          slots[index] = spawn(index);
          return;
        }
        failedStarts[index] = (failedStarts[index] ?? 0) + 1;
        const base = options.restartDelayMs ?? 1_000;
        const delay = Math.min(60_000, base * 2 ** Math.min(16, (failedStarts[index] ?? 1) - 1));
        const timer = setTimeout(() => {
          if (!closing) slots[index] = spawn(index);
        }, delay);
        timer.unref();
      });
    });
    const slot: Slot = { index, worker, alive: true, pending, started, exited };
    return slot;
  };

  for (let index = 0; index < options.size; index++) slots.push(spawn(index));

  const leastBusy = (): Slot | null => {
    let best: Slot | null = null;
    for (const slot of slots) {
      if (slot.alive && (best === null || slot.pending.size < best.pending.size)) best = slot;
    }
    return best;
  };

  return {
    ready: async () => {
      await Promise.all(slots.map((slot) => slot.started));
    },
    ask(question, askOptions) {
      if (closing) return Promise.reject(lostQuestion(-1, 'pool is closed'));
      const slot = leastBusy();
      if (slot === null) return Promise.reject(lostQuestion(-1, 'pool has no running thread'));
      const id = nextId++;
      return new Promise<AskAnswer>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        const message: AskRequestMessage = { type: 'ask', id, question, options: askOptions };
        try {
          slot.worker.postMessage(message satisfies ToThreadMessage);
        } catch (error) {
          slot.pending.delete(id);
          reject(lostQuestion(slot.index, 'could not take the question', error));
        }
      });
    },
    stats: () => ({
      threads: slots.length,
      inFlight: slots.reduce((sum, slot) => sum + slot.pending.size, 0),
    }),
    async close() {
      closing = true;
      await Promise.all(
        slots.map(async (slot) => {
          slot.worker.postMessage({ type: 'close' } satisfies ToThreadMessage);
          const timer = setTimeout(() => void slot.worker.terminate(), options.closeTimeoutMs ?? 10_000);
          await slot.exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}

/**
 * A TypeScript entry (running from the sources) is loaded through tsx's loader, registered in the
 * thread first: a worker thread does not inherit the loader the main thread registered.
 */
function spawnThread(entry: URL, options: ConstructorParameters<typeof Worker>[1]): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const loader = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}
