import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromJobError } from '../../src/adapters/bullmq/job-errors.ts';
import { createRedisConversationStore } from '../../src/adapters/redis/conversation-store.ts';
import { checkRedis, createRedisConnection } from '../../src/adapters/redis/redis-connection.ts';
import { createRedisReportRuns } from '../../src/adapters/redis/report-runs.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import type { AnalystDeps } from '../../src/compose/types.ts';
import { loadConfig } from '../../src/config.ts';
import type { ReportJobData } from '../../src/domain/report/report-job.ts';
import { loadPromptRegistry } from '../../src/llmops/prompt-registry.ts';
import type { Chat } from '../../src/ports.ts';
import { formatFigure } from '../../src/presentation/report/format-figure.ts';
import { reportRenderers } from '../../src/presentation/report/report-renderers.ts';
import type { ReportStage } from '../../src/usecases/report/produce-report.ts';
import {
  type ReportJobDeps,
  reportJobFailed,
  runReportJob,
} from '../../src/usecases/report/run-report-job.ts';
import { reportJobData } from '../fakes/report-fakes.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';

/**
 * Two runs of one report job at the same time, as BullMQ makes them when a run loses its lock
 * (a Redis restart) and the job is handed to another: the real pipeline and the real run record
 * on Redis, a recording chat, and gates that pause one run where the interleaving matters.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Posted {
  method: 'update' | 'share' | 'upload' | 'post';
  ts: string;
  text: string;
  run: string;
}

function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

/** Resolves when `predicate` holds, polling. */
async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('two runs of one report job', () => {
  let analyst: AnalystDeps;
  let redis: Redis;
  let prefix: string;
  let posted: Posted[];
  const prompts = loadPromptRegistry(resolve(projectRoot, 'prompts'));

  beforeAll(async () => {
    analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
      logger: pino({ level: 'silent' }),
      charts: false,
    });
  });
  afterAll(async () => {
    await analyst?.close();
  });
  beforeEach(async () => {
    prefix = `test-${randomUUID()}:`;
    redis = createRedisConnection(REDIS_URL, { name: 'scout-test' });
    await checkRedis(redis, 5_000);
    posted = [];
  });
  afterEach(async () => {
    await deletePrefixed(redis, prefix);
    await redis.quit();
  });

  /** A chat that records who posted what; `beforeShare` can hold a run inside its delivery. */
  function chatFor(run: string, beforeShare?: () => Promise<void>): Chat {
    return {
      async postMessage(m) {
        posted.push({ method: 'post', ts: 'P-new', text: m.text, run });
        return { channel: m.channel, ts: 'P-new' };
      },
      async updateMessage(m) {
        posted.push({ method: 'update', ts: m.ts, text: m.text, run });
      },
      async postEphemeral() {},
      async uploadImage(f) {
        posted.push({ method: 'upload', ts: '', text: f.title, run });
        return { fileId: `F-${run}-${posted.length}` };
      },
      async shareFile(f) {
        await beforeShare?.();
        posted.push({ method: 'share', ts: f.threadTs ?? '', text: f.title, run });
        return { fileId: `F-${run}-${posted.length}` };
      },
      async setStatus() {},
    };
  }

  function deps(
    run: string,
    hooks: { beforeStage?: (stage: ReportStage) => Promise<void>; beforeShare?: () => Promise<void> } = {},
  ): ReportJobDeps {
    return {
      report: {
        ask: analyst,
        template: prompts.get('report-industry'),
        insightsTemplate: null,
        retriever: null,
        formatFigure,
        now: () => new Date('2026-01-05T09:00:00Z'),
        ...(hooks.beforeStage ? { beforeStage: hooks.beforeStage } : {}),
      },
      chat: chatFor(run, hooks.beforeShare),
      markers: createRedisConversationStore(redis, { prefix }),
      runs: createRedisReportRuns(redis, { prefix }),
      newRunId: () => `${run}-${randomUUID()}`,
      render: reportRenderers,
      logger: { warn: () => {}, info: () => {} },
      timing: { pollMs: 20, leaseMs: 5_000, busyWaitMs: 10_000, redisWaitMs: 1_000 },
    };
  }

  const data = (overrides: Partial<ReportJobData> = {}): ReportJobData => reportJobData(overrides);
  const job = { id: 'report-gaming-test' };
  const isSummary = (p: Posted) => p.method === 'update' && p.text.includes('industry report');
  const updatesTo = (ts: string) => posted.filter((p) => p.method === 'update' && p.ts === ts);
  /** BullMQ's failure of a job that stalled once too often, as the queue adapter hands it on from the worker's 'failed' event. */
  const stalledTooOften = () =>
    fromJobError(
      Object.assign(new Error('job stalled more than allowable limit'), { name: 'UnrecoverableError' }),
    );

  /** Starts a run that stops before `stage` (or, with 'delivery', before its first file) until resumed. */
  function heldRun(run: string, at: ReportStage | 'delivery') {
    const held = gate();
    let reached = false;
    const hold = async () => {
      reached = true;
      await held.opened;
    };
    const done = runReportJob(
      deps(
        run,
        at === 'delivery'
          ? { beforeShare: hold }
          : { beforeStage: async (stage) => (stage === at ? hold() : undefined) },
      ),
      data(),
      job,
    );
    return { done, reached: () => until(() => reached), resume: held.open };
  }

  it('an older run paused mid-pipeline stops at its next step once a newer run has begun', async () => {
    const a = heldRun('a', 'insights');
    await a.reached();
    const b = heldRun('b', 'charts');
    await b.reached();
    a.resume();
    await expect(a.done).rejects.toMatchObject({ code: 'run_superseded' });
    b.resume();
    await b.done;

    const updates = updatesTo('P1');
    expect(updates.filter(isSummary)).toHaveLength(1);
    expect(updates.at(-1)).toMatchObject({ run: 'b' });
    expect(isSummary(updates.at(-1) as Posted)).toBe(true);
    // Once b began, a wrote nothing at all.
    const bFirst = posted.findIndex((p) => p.run === 'b');
    expect(posted.slice(bFirst).filter((p) => p.run === 'a')).toEqual([]);
    expect(posted.filter((p) => p.method === 'share').map((p) => p.run)).toEqual(['b', 'b']);
  });

  it('an older run that resumes after the newer one delivered posts nothing', async () => {
    const a = heldRun('a', 'draft');
    await a.reached();
    await runReportJob(deps('b'), data(), job);
    const before = posted.length;
    a.resume();
    await a.done;
    expect(posted.length).toBe(before);
    expect(updatesTo('P1').filter(isSummary)).toHaveLength(1);
  });

  it('a run that starts while another delivers waits for it, shows no progress and posts nothing', async () => {
    const a = heldRun('a', 'delivery');
    await a.reached();
    let bDone = false;
    const b = runReportJob(deps('b'), data(), job).finally(() => {
      bDone = true;
    });
    // b runs its pipeline silently, then waits on a's claim.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(bDone).toBe(false);
    a.resume();
    await Promise.all([a.done, b]);
    expect(posted.filter((p) => p.run === 'b')).toEqual([]);
    const updates = updatesTo('P1');
    expect(updates.filter(isSummary)).toHaveLength(1);
    expect(isSummary(updates.at(-1) as Posted)).toBe(true);
    expect(posted.filter((p) => p.method === 'share')).toHaveLength(2);
  });

  it('a re-run of a delivered report posts nothing, and its failure is never shown over the summary', async () => {
    await runReportJob(deps('a'), data(), job);
    const before = posted.length;
    await runReportJob(deps('b'), data(), job);
    await reportJobFailed({ ...deps('c'), asOf: analyst.asOf }, data(), job, stalledTooOften(), true);
    await reportJobFailed({ ...deps('c'), asOf: analyst.asOf }, data(), job, new Error('boom'), false);
    expect(posted.length).toBe(before);
    expect(isSummary(updatesTo('P1').at(-1) as Posted)).toBe(true);
  });

  it('a final failure while a run is in the pipeline is shown once, and that run then posts nothing', async () => {
    const a = heldRun('a', 'charts');
    await a.reached();
    await reportJobFailed({ ...deps('c'), asOf: analyst.asOf }, data(), job, stalledTooOften(), true);
    a.resume();
    await a.done;
    const updates = updatesTo('P1');
    expect(updates.at(-1)?.text).toMatch(
      /could not be finished: the worker preparing it stopped more than once/,
    );
    // BullMQ's own reason stays in the log, not in the channel.
    expect(updates.some((u) => u.text.includes('allowable limit'))).toBe(false);
    expect(updates.filter((u) => u.text.includes('could not be finished'))).toHaveLength(1);
    expect(updates.filter(isSummary)).toHaveLength(0);
    expect(posted.filter((p) => p.method === 'share')).toEqual([]);
  });

  it('the same report ordered again later gets its own summary and files', async () => {
    await runReportJob(deps('a'), data(), job);
    await runReportJob(deps('b'), data({ progressTs: 'P2', orderedAt: '2026-01-05T10:00:00.000Z' }), job);
    expect(updatesTo('P1').filter(isSummary)).toHaveLength(1);
    expect(updatesTo('P2').filter(isSummary)).toHaveLength(1);
    expect(posted.filter((p) => p.method === 'share').map((p) => p.ts)).toEqual(['P1', 'P1', 'P2', 'P2']);
  });
});
