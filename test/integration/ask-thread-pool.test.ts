import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type AskThreadPool, createAskThreadPool } from '../../src/adapters/threads/ask-thread-pool.ts';
import { askThreadData } from '../../src/compose/answer-threads.ts';
import { loadConfig } from '../../src/config.ts';
import { isScoutError, type ScoutError } from '../../src/errors.ts';

const entry = new URL('../fixtures/threads/scripted-ask-thread.ts', import.meta.url);
const pools: AskThreadPool[] = [];

function pool(size: number, env: Record<string, string> = {}) {
  const created = createAskThreadPool({
    size,
    entry,
    workerData: askThreadData(loadConfig(env), 'silent'),
    heapMb: 128,
    logger: pino({ level: 'silent' }),
    restartDelayMs: 50,
  });
  pools.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<ScoutError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isScoutError(error)) throw new Error(`expected a ScoutError, got ${String(error)}`);
  return error;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('the answer thread pool', () => {
  it('answers on its threads, spreading questions over them, with the chart bytes intact', async () => {
    const threads = pool(2);
    await threads.ready();
    const answers = await Promise.all(['slow', 'slow', 'slow', 'slow'].map((q) => threads.ask(q, {})));
    const threadIds = new Set(answers.map((a) => a.answer.match(/thread (\d+)/)?.[1]));
    expect(threadIds.size).toBe(2);
    expect(Array.from(answers[0]?.chart?.png ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(threads.stats()).toEqual({ threads: 2, inFlight: 0 });
  });

  it("passes a use case's ScoutError through typed, code, user message and retryable flag included", async () => {
    const threads = pool(1);
    const error = await failure(threads.ask('throw', {}));
    expect(error.code).toBe('query_timeout');
    expect(error.userMessage).toBe('That query took too long.');
    expect(error.retryable).toBe(true);
  });

  it('fails the questions a dying thread held, once, and answers the next one on its replacement', async () => {
    const threads = pool(1);
    await threads.ready();
    const held = threads.ask('slow', {});
    const error = await failure(threads.ask('die', {}));
    expect(error.code).toBe('answer_thread_failed');
    expect(error.retryable).toBe(true);
    expect(error.userMessage).toMatch(/ask again/);
    // The question queued beside it on the same thread is failed too, not left hanging.
    expect((await failure(held)).code).toBe('answer_thread_failed');
    const next = await threads.ask('after the crash', {});
    expect(next.answer).toContain('echo: after the crash');
  });

  it('reports a thread that cannot start through ready(), with its typed error', async () => {
    const threads = pool(1, { DUCKDB_PATH: 'cannot-start' });
    const error = await failure(threads.ready());
    expect(error.code).toBe('warehouse_corrupt');
    expect(error.userMessage).toBe('No warehouse.');
  });

  it('closes: the threads exit and a question after close fails typed instead of hanging', async () => {
    const threads = pool(2);
    await threads.ready();
    await threads.close();
    expect((await failure(threads.ask('late', {}))).code).toBe('answer_thread_failed');
  });
});
