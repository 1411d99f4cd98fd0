import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/compose/project-root.ts';
import type { RecordedCall } from '../fakes/fake-slack.ts';
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { freePort, type SlackHarness, signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';

/**
 * A Redis restart in the middle of a report, with two worker processes. The restart lasts longer
 * than the job lock, so BullMQ's stalled check hands the job to a second run while the first one
 * is still going: the report must still end with exactly one summary that nothing overwrites.
 *
 * The test runs its own redis-server (append-only file, fsync always) on a free port, so the
 * shared Redis is never restarted.
 */
const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

interface OwnRedis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function ownRedis(): Promise<OwnRedis & { dispose(): Promise<void> }> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'scout-redis-restart-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      for (let i = 0; ; i++) {
        try {
          if (probe.status !== 'ready') await probe.connect();
          // LOADING replies reject until the append-only file is loaded.
          if ((await probe.ping()) === 'PONG') return;
        } catch (error) {
          if (i > 100) throw error;
          probe.disconnect();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    } finally {
      probe.disconnect();
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    // SIGTERM: Redis fsyncs the append-only file and exits, as in a planned restart.
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url,
    start,
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const ok = (calls: RecordedCall[]) => calls.filter((c) => c.status === 200 && !c.error);
const isSummary = (c: RecordedCall) => JSON.stringify(c.args.blocks ?? []).includes('"type":"header"');

/** The report queue's events from BullMQ's event stream (it outlives jobs removed on completion). */
async function queueEvents(url: string, prefix: string): Promise<{ event: string; jobId: string }[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const entries = await redis.xrange(`${prefix}bull:reports:events`, '-', '+');
    return entries.map(([, fields]) => {
      const record: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) record[String(fields[i])] = String(fields[i + 1]);
      return { event: record.event ?? '', jobId: record.jobId ?? '' };
    });
  } finally {
    redis.disconnect();
  }
}

describe.skipIf(!hasRedisServer)('a Redis restart in the middle of a report', () => {
  let redis: Awaited<ReturnType<typeof ownRedis>>;
  let web: SlackHarness;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await ownRedis();
    web = await startSlackHarness({ REDIS_URL: redis.url }, 'web');
  });

  afterAll(async () => {
    await Promise.all(
      workers.map(async (worker) => {
        if (worker.exitCode !== null || worker.signalCode !== null) return;
        const exited = once(worker, 'exit');
        worker.kill('SIGTERM');
        const timer = setTimeout(() => worker.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await web?.close();
    await redis?.dispose();
  });

  it('ends with one summary that is never overwritten, and the job completed', async () => {
    const spawnWorker = (): ChildProcess => {
      const worker = spawn(
        process.execPath,
        [resolve(projectRoot, 'bin/scout.js'), 'serve', '--role', 'worker'],
        {
          env: {
            ...process.env,
            SLACK_BOT_TOKEN: 'xoxb-test',
            SLACK_API_URL: web.fake.url,
            DUCKDB_PATH: sampleWarehouse,
            REDIS_URL: redis.url,
            SCOUT_REDIS_PREFIX: web.prefix,
            SCOUT_WORKER_LOCK_MS: '1000',
            SCOUT_WORKER_STALLED_MS: '1000',
            SCOUT_REPORT_STAGE_DELAY_MS: '700',
            LOG_LEVEL: process.env.TEST_WORKER_LOG_LEVEL ?? 'silent',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
      workers.push(worker);
      return worker;
    };
    spawnWorker();
    spawnWorker();

    await sendSlackRequest(
      web.url,
      'command',
      slashCommand({ command: '/report', text: 'retail Q3 2025', response_url: web.fake.responseUrl() }),
      { signingSecret },
    );
    await web.fake.waitFor(
      (calls) => calls.some((c) => c.method === 'chat.update' && String(c.args.text).includes('(data)')),
      20_000,
    );
    // Down for longer than the job lock: the lock is gone when Redis comes back.
    await redis.stop();
    await new Promise((r) => setTimeout(r, 2_500));
    await redis.start();

    const [progress] = ok(web.fake.callsTo('chat.postMessage'));
    const progressTs = String(progress?.response?.ts);
    const jobEvents = async () => {
      const all = await queueEvents(redis.url, web.prefix);
      const jobId = all.find((e) => e.event === 'added')?.jobId;
      return all.filter((e) => e.jobId === jobId).map((e) => e.event);
    };
    const threadFiles = () =>
      ok(web.fake.callsTo('files.completeUploadExternal')).filter((c) => c.args.thread_ts === progressTs);
    await web.fake.waitFor(
      () => ok(web.fake.callsTo('chat.update')).some(isSummary) && threadFiles().length >= 6,
      25_000,
    );
    for (let i = 0; i < 50 && !(await jobEvents()).includes('completed'); i++) {
      await new Promise((r) => setTimeout(r, 200));
    }
    // Time for a stale run to write late, if it still could.
    await new Promise((r) => setTimeout(r, 2_000));

    const events = await jobEvents();
    // The restart outlasted the lock, so the job really was handed to a second run.
    expect(events).toContain('stalled');
    expect(events).toContain('completed');
    expect(events).not.toContain('failed');

    const updates = web.fake.calls.filter((c) => c.method === 'chat.update' && c.args.ts === progressTs);
    const summaries = updates.filter(isSummary);
    expect(summaries).toHaveLength(1);
    // The summary is the last word on the message: no stage, retry or "stalled" text after it.
    const after = updates.slice(updates.indexOf(summaries[0] as RecordedCall) + 1);
    expect(after.map((c) => String(c.args.text))).toEqual([]);
    expect(updates.some((c) => /could not be finished|stalled/.test(String(c.args.text)))).toBe(false);
    expect(ok(web.fake.callsTo('chat.postMessage'))).toHaveLength(1);
    const titles = threadFiles().map((c) => JSON.stringify(c.args.files));
    expect(titles.filter((t) => t.includes('(Markdown)'))).toHaveLength(1);
    expect(titles.filter((t) => t.includes('(HTML, charts embedded)'))).toHaveLength(1);
  }, 60_000);
});
