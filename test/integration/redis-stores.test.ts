import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRedisAnswerStore, DEFAULT_ANSWER_TTL_SECONDS } from '../../src/adapters/redis/answer-store.ts';
import { createRedisConversationStore } from '../../src/adapters/redis/conversation-store.ts';
import { createRedisDedupe } from '../../src/adapters/redis/dedupe.ts';
import {
  checkRedis,
  createRedisConnection,
  reconnectDelayMs,
} from '../../src/adapters/redis/redis-connection.ts';
import { REDIS_USER_MESSAGE, redisErrorToScout } from '../../src/adapters/redis/redis-errors.ts';
import { type AnswerRecord, answerRecordSchema } from '../../src/domain/answer-record.ts';
import { ScoutError } from '../../src/errors.ts';
import { deletePrefixed, keysUnder } from '../fixtures/redis-cleanup.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function answer(id: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return answerRecordSchema.parse({
    id,
    createdAt: '2025-06-02T09:30:00.000Z',
    surface: 'mention',
    asker: { user: 'U1', team: 'T1' },
    conversation: { channel: 'C1', threadTs: '1717320600.000100' },
    question: 'spend by channel last week',
    status: 'answered',
    sql: 'SELECT channel, SUM(spend) FROM fact GROUP BY 1',
    rowCount: 4,
    path: 'offline',
    latencyMs: 12.5,
    costUsd: 0.000123456789012345,
    ...overrides,
  });
}

/** Rejects with what the promise threw, plus how long that took. */
async function failure(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected a rejection');
}

function expectUnavailable(error: unknown, secret?: string): void {
  expect(error).toBeInstanceOf(ScoutError);
  const scout = error as ScoutError;
  expect(scout.code).toBe('redis_unavailable');
  expect(scout.retryable).toBe(true);
  expect(scout.userMessage).toBe(REDIS_USER_MESSAGE);
  if (secret) expect(`${scout.message} ${scout.userMessage}`).not.toContain(secret);
}

describe('Redis stores against a real Redis', () => {
  let redis: Redis;
  let prefix: string;

  beforeEach(async () => {
    prefix = `test-${randomUUID()}:`;
    redis = createRedisConnection(REDIS_URL, { name: 'scout-test' });
    await checkRedis(redis, 5_000);
  });

  afterEach(async () => {
    // Only this test's keys, then drop the connection.
    await deletePrefixed(redis, prefix);
    await redis.quit();
  });

  describe('conversation store', () => {
    it('round-trips JSON values under the prefix, with a TTL', async () => {
      const store = createRedisConversationStore(redis, { prefix });
      const value = { turns: [{ role: 'user', text: 'spend?' }], lastQuery: null, n: 1.5 };
      await store.set('C1:1717', value, 600);
      expect(await store.get('C1:1717')).toEqual(value);
      expect(await store.get('C1:other')).toBeNull();

      expect(await keysUnder(redis, prefix)).toEqual([`${prefix}conv:C1:1717`]);
      const ttl = await redis.ttl(`${prefix}conv:C1:1717`);
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
    });

    it('forgets a value once its TTL has passed', async () => {
      const store = createRedisConversationStore(redis, { prefix });
      await store.set('short', { a: 1 }, 1);
      expect(await store.get('short')).toEqual({ a: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1_150));
      expect(await store.get('short')).toBeNull();
    });

    it('treats a non-JSON value as missing and reports it', async () => {
      const onCorrupt = vi.fn();
      const store = createRedisConversationStore(redis, { prefix, onCorrupt });
      await redis.set(`${prefix}conv:bad`, '{not json', 'EX', 60);
      expect(await store.get('bad')).toBeNull();
      expect(onCorrupt).toHaveBeenCalledWith('bad', expect.any(SyntaxError));
    });

    it('rejects TTLs Redis cannot take and values JSON cannot hold', async () => {
      const store = createRedisConversationStore(redis, { prefix });
      await expect(store.set('k', { a: 1 }, 0)).rejects.toMatchObject({ code: 'internal' });
      await expect(store.set('k', { a: 1 }, 1.5)).rejects.toMatchObject({ code: 'internal' });
      await expect(store.set('k', undefined, 10)).rejects.toMatchObject({ code: 'internal' });
    });
  });

  describe('dedupe', () => {
    it('returns true for the first claim only', async () => {
      const dedupe = createRedisDedupe(redis, { prefix });
      expect(await dedupe.claim('evt-1', 60)).toBe(true);
      expect(await dedupe.claim('evt-1', 60)).toBe(false);
      expect(await dedupe.claim('evt-2', 60)).toBe(true);
      expect(await redis.ttl(`${prefix}dedupe:evt-1`)).toBeGreaterThan(50);
    });

    it('lets exactly one of 20 concurrent claims win, across connections', async () => {
      const other = createRedisConnection(REDIS_URL, { name: 'scout-test-2' });
      await checkRedis(other, 5_000);
      try {
        const dedupes = [createRedisDedupe(redis, { prefix }), createRedisDedupe(other, { prefix })];
        const claims = await Promise.all(
          Array.from({ length: 20 }, (_, i) => dedupes[i % 2]!.claim('evt-race', 60)),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      } finally {
        await other.quit();
      }
    });
  });

  describe('answer store', () => {
    it('saves and reads a record back unchanged, kept 30 days by default', async () => {
      const store = createRedisAnswerStore(redis, { prefix });
      const record = answer('a-1', {
        sources: [{ title: 'Spend', source: 'metric:spend' }],
        tokens: { input: 10, output: 20 },
        feedback: [{ user: 'U9', value: 'up', at: '2025-06-02T10:00:00.000Z' }],
      });
      await store.save(record);
      expect(await store.get('a-1')).toEqual(record);
      expect(await store.get('a-missing')).toBeNull();

      const ttl = await redis.ttl(`${prefix}answer:a-1`);
      expect(DEFAULT_ANSWER_TTL_SECONDS).toBe(30 * 86_400);
      expect(ttl).toBeGreaterThan(DEFAULT_ANSWER_TTL_SECONDS - 10);
      expect(ttl).toBeLessThanOrEqual(DEFAULT_ANSWER_TTL_SECONDS);
    });

    it('keeps empty arrays and honours a custom retention', async () => {
      const store = createRedisAnswerStore(redis, { prefix, ttlSeconds: 3_600 });
      const record = answer('a-2', { status: 'refused', sql: undefined, rowCount: undefined });
      await store.save(record);
      const back = await store.get('a-2');
      expect(back).toEqual(record);
      expect(back?.sources).toEqual([]);
      expect(await redis.ttl(`${prefix}answer:a-2`)).toBeLessThanOrEqual(3_600);
    });

    it("replaces a user's earlier vote instead of adding a second one", async () => {
      const store = createRedisAnswerStore(redis, { prefix });
      await store.save(answer('a-3'));
      expect(await store.addFeedback('a-3', { user: 'U1', value: 'up', at: '2025-06-02T10:00:00Z' })).toBe(
        true,
      );
      expect(await store.addFeedback('a-3', { user: 'U2', value: 'up', at: '2025-06-02T10:01:00Z' })).toBe(
        true,
      );
      expect(await store.addFeedback('a-3', { user: 'U1', value: 'down', at: '2025-06-02T10:02:00Z' })).toBe(
        true,
      );
      const back = await store.get('a-3');
      expect(back?.feedback).toEqual([
        { user: 'U2', value: 'up', at: '2025-06-02T10:01:00Z' },
        { user: 'U1', value: 'down', at: '2025-06-02T10:02:00Z' },
      ]);
    });

    it('keeps every vote from concurrent voters, and one vote for a user racing themself', async () => {
      const store = createRedisAnswerStore(redis, { prefix });
      await store.save(answer('a-4'));
      const at = '2025-06-02T11:00:00.000Z';
      const results = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => store.addFeedback('a-4', { user: `U${i}`, value: 'up', at })),
        ...Array.from({ length: 10 }, (_, i) =>
          store.addFeedback('a-4', { user: 'U-same', value: i % 2 ? 'up' : 'down', at }),
        ),
      ]);
      expect(results.every(Boolean)).toBe(true);
      const feedback = (await store.get('a-4'))?.feedback ?? [];
      expect(feedback).toHaveLength(21);
      expect(new Set(feedback.map((vote) => vote.user)).size).toBe(21);
    });

    it('returns false for feedback on an unknown answer and creates nothing', async () => {
      const store = createRedisAnswerStore(redis, { prefix });
      expect(await store.addFeedback('a-nope', { user: 'U1', value: 'up', at: '2025-06-02T10:00:00Z' })).toBe(
        false,
      );
      expect(await redis.exists(`${prefix}answer:a-nope`)).toBe(0);
    });

    it('votes do not extend or drop the retention', async () => {
      const store = createRedisAnswerStore(redis, { prefix, ttlSeconds: 120 });
      await store.save(answer('a-5'));
      await redis.expire(`${prefix}answer:a-5`, 100);
      await store.addFeedback('a-5', { user: 'U1', value: 'up', at: '2025-06-02T10:00:00Z' });
      const ttl = await redis.ttl(`${prefix}answer:a-5`);
      expect(ttl).toBeGreaterThan(90);
      expect(ttl).toBeLessThanOrEqual(100);
    });

    it('treats corrupt JSON or an invalid record as missing and reports it', async () => {
      const onCorrupt = vi.fn();
      const store = createRedisAnswerStore(redis, { prefix, onCorrupt });
      await redis.hset(`${prefix}answer:a-bad`, 'record', '{"id":"a-bad",');
      expect(await store.get('a-bad')).toBeNull();
      expect(onCorrupt).toHaveBeenCalledWith('a-bad', expect.any(SyntaxError));

      await redis.hset(`${prefix}answer:a-odd`, 'record', JSON.stringify({ id: 'a-odd', status: 'maybe' }));
      expect(await store.get('a-odd')).toBeNull();
      expect(onCorrupt).toHaveBeenCalledTimes(2);
      expect(onCorrupt.mock.calls[1]?.[0]).toBe('a-odd');
    });

    it('rejects malformed feedback before touching Redis', async () => {
      const store = createRedisAnswerStore(redis, { prefix });
      await store.save(answer('a-6'));
      const bogus = { user: 'U1', value: 'meh', at: 'now' } as unknown as AnswerRecord['feedback'][number];
      await expect(store.addFeedback('a-6', bogus)).rejects.toMatchObject({ code: 'bad_input' });
    });
  });

  it('checkRedis resolves against a healthy server', async () => {
    await expect(checkRedis(redis)).resolves.toBeUndefined();
  });
});

describe('Redis down', () => {
  const secret = 's3cret-pw';
  const downUrl = `redis://:${secret}@127.0.0.1:1`;
  const opened: Redis[] = [];
  let consoleError: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error');
  });

  afterEach(() => {
    for (const connection of opened.splice(0)) connection.disconnect();
    // ioredis prints "[ioredis] Unhandled error event" when no 'error' listener is attached.
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
  });

  function downConnection(lazy: boolean, logger?: { warn: () => void; info: () => void }): Redis {
    const connection = createRedisConnection(downUrl, { name: 'scout-test-down', lazy, logger });
    opened.push(connection);
    return connection;
  }

  it.each([false, true])('fails every store fast with redis_unavailable (lazy: %s)', async (lazy) => {
    const redis = downConnection(lazy);
    const prefix = `test-${randomUUID()}:`;
    const dedupe = createRedisDedupe(redis, { prefix });
    const conversations = createRedisConversationStore(redis, { prefix });
    const answers = createRedisAnswerStore(redis, { prefix });
    const attempts = [
      dedupe.claim('evt', 60),
      conversations.get('k'),
      conversations.set('k', { a: 1 }, 60),
      answers.get('a-1'),
      answers.save(answer('a-1')),
      answers.addFeedback('a-1', { user: 'U1', value: 'up', at: '2025-06-02T10:00:00Z' }),
    ];
    for (const attempt of attempts) {
      const { error, ms } = await failure(attempt);
      expectUnavailable(error, secret);
      expect(ms).toBeLessThan(2_000);
    }
  });

  it('keeps reconnecting without crashing, and logs the outage once', async () => {
    const warn = vi.fn();
    const info = vi.fn();
    const redis = downConnection(false, { warn, info });
    const errors: Error[] = [];
    redis.on('error', (error: Error) => errors.push(error));
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(errors.length).toBeGreaterThan(1);
    expect(redis.status).not.toBe('end');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(secret);
  });

  it('checkRedis rejects within its timeout', async () => {
    const redis = downConnection(true);
    const { error, ms } = await failure(checkRedis(redis, 500));
    expectUnavailable(error, secret);
    expect(ms).toBeLessThan(1_000);
  });

  it('never puts a URL password into a message', () => {
    // A resolver error as Node raises it (a code, and the host it could not resolve in the message).
    const unresolved = Object.assign(
      new Error(`getaddrinfo ENOTFOUND rediss://scout:${secret}@cache:6380/0`),
      { code: 'ENOTFOUND', syscall: 'getaddrinfo' },
    );
    const error = redisErrorToScout('GET', unresolved);
    expectUnavailable(error, secret);
    expect(error.message).toContain('rediss://***@cache:6380/0');
  });

  it('reconnect delays back off, jitter included, and stay under 5 s', () => {
    expect(reconnectDelayMs(1, () => 0)).toBe(50);
    expect(reconnectDelayMs(1, () => 1)).toBe(100);
    expect(reconnectDelayMs(4, () => 1)).toBe(800);
    for (let attempt = 1; attempt < 200; attempt++)
      expect(reconnectDelayMs(attempt)).toBeLessThanOrEqual(5_000);
  });
});

describe('Redis that accepts connections but stops answering', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();

  beforeEach(async () => {
    // Answers the connection handshake (CLIENT …, INFO for the ready check), then goes silent,
    // like a server stuck behind a half-open TCP link.
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('data', (chunk) => {
        for (const [, command] of chunk.toString('latin1').matchAll(/\*\d+\r\n\$\d+\r\n(\w+)\r\n/g)) {
          const name = command?.toLowerCase();
          if (name === 'client') socket.write('+OK\r\n');
          else if (name === 'info') {
            const body = '# Persistence\r\nloading:0\r\n';
            socket.write(`$${Buffer.byteLength(body)}\r\n${body}\r\n`);
          }
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });

  afterEach(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('times a command out instead of hanging the request', async () => {
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, {
      name: 'scout-test-hung',
      commandTimeoutMs: 300,
    });
    try {
      await checkRedis(redis, 2_000).catch(() => {}); // ready (handshake answered), PING unanswered
      expect(redis.status).toBe('ready');
      const { error, ms } = await failure(
        createRedisDedupe(redis, { prefix: 'test-hung:' }).claim('evt', 60),
      );
      expectUnavailable(error);
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(1_000);
    } finally {
      redis.disconnect();
    }
  });
});

describe('Redis outage and recovery (through a TCP proxy to the real server)', () => {
  const upstream = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  let proxy: Server | undefined;

  function startProxy(port: number): Promise<number> {
    proxy = createServer((client) => {
      const server = connect(Number(upstream.port || 6379), upstream.hostname);
      for (const socket of [client, server]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          server.destroy();
        });
      }
      client.pipe(server).pipe(client);
    });
    const listening = proxy;
    return new Promise((resolve) =>
      listening.listen(port, '127.0.0.1', () => {
        const address = listening.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
  }

  async function stopProxy(): Promise<void> {
    const closing = proxy;
    proxy = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise((resolve) => closing.close(resolve));
  }

  afterEach(stopProxy);

  it('fails fast during the outage, then serves again once Redis is back', async () => {
    const port = await startProxy(0);
    const warn = vi.fn();
    const info = vi.fn();
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, {
      name: 'scout-test-proxy',
      logger: { warn, info },
    });
    const prefix = `test-${randomUUID()}:`;
    const dedupe = createRedisDedupe(redis, { prefix });
    try {
      await checkRedis(redis, 5_000);
      expect(await dedupe.claim('before', 60)).toBe(true);

      await stopProxy();
      const { error, ms } = await failure(dedupe.claim('during', 60));
      expectUnavailable(error);
      expect(ms).toBeLessThan(2_000);

      await startProxy(port);
      await vi.waitFor(() => checkRedis(redis, 500), { timeout: 10_000, interval: 100 });
      expect(await dedupe.claim('during', 60)).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(info).toHaveBeenCalledTimes(1);
    } finally {
      await stopProxy();
      const direct = createRedisConnection(REDIS_URL, { name: 'scout-test-cleanup' });
      await checkRedis(direct, 5_000);
      await direct.del(`${prefix}dedupe:before`, `${prefix}dedupe:during`);
      await direct.quit();
      redis.disconnect();
    }
  });
});
