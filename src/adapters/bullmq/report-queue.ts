import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ReportJobData, reportJobDataSchema } from '../../domain/report/report-job.ts';
import type { ReportQueue } from '../../ports.ts';
import { fromJobError, isUnrecoverable, toJobError } from './job-errors.ts';

export const reportQueueName = 'reports';

function connection(url: string, role: 'producer' | 'worker', logger: Logger): Redis {
  const redis = new Redis(url, {
    // Workers block on Redis and must wait out outages; producers fail fast so a Slack request never hangs.
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    retryStrategy: (attempt) => Math.min(200 * 2 ** attempt, 5000),
  });
  redis.on('error', (error: Error) =>
    logger.debug({ err: error.message, role }, 'report queue connection error'),
  );
  return redis;
}

export function createReportQueue(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  attempts?: number;
}): ReportQueue {
  const redis = connection(options.redisUrl, 'producer', options.logger);
  const queue = new Queue<ReportJobData>(reportQueueName, {
    connection: redis,
    prefix: `${options.prefix}bull`,
    defaultJobOptions: {
      attempts: options.attempts ?? 3,
      backoff: { type: 'exponential', delay: 2000 },
      // Finished jobs are removed so the same report can be ordered again later.
      removeOnComplete: true,
      removeOnFail: { age: 7 * 86_400 },
    },
  });
  queue.on('error', (error) => options.logger.warn({ err: error.message }, 'report queue error'));
  return {
    async add(jobId, data) {
      await queue.add('report', data, { jobId });
      // A duplicate id is ignored by BullMQ, which still hands back our data: read what is stored.
      const existing = await queue.getJob(jobId);
      const stored = reportJobDataSchema.safeParse(existing?.data ?? data);
      return {
        created:
          stored.success &&
          stored.data.orderedAt === data.orderedAt &&
          stored.data.progressTs === data.progressTs,
        data: stored.success ? stored.data : data,
      };
    },
    async isRunning(jobId) {
      const job = await queue.getJob(jobId);
      if (!job) return false;
      const state = await job.getState();
      return (
        state === 'waiting' ||
        state === 'active' ||
        state === 'delayed' ||
        state === 'prioritized' ||
        state === 'waiting-children'
      );
    },
    async upsertSchedule(id, cron, data) {
      await queue.upsertJobScheduler(id, { pattern: cron.pattern, tz: cron.tz }, { name: 'report', data });
    },
    async listSchedules() {
      const schedulers = await queue.getJobSchedulers(0, -1, true);
      return schedulers.map((s) => {
        const data = reportJobDataSchema.safeParse(s.template?.data);
        return {
          id: String(s.key ?? s.id ?? ''),
          pattern: s.pattern ?? '',
          tz: s.tz ?? 'UTC',
          next: s.next ?? null,
          data: data.success ? data.data : null,
        };
      });
    },
    async removeSchedule(id) {
      return queue.removeJobScheduler(id);
    },
    async close() {
      // With Redis unreachable, close() would wait for a connection forever.
      await within(5_000, queue.close());
      redis.disconnect();
    },
  };
}

/** Waits for `work` at most `ms`; shutdown must finish even when Redis is gone. */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lock and stall settings (README: "Reports: locks, stalls and exactly-once delivery").
 *
 * - lockDuration: a job's lock lives this long unless renewed; BullMQ renews it every
 *   lockDuration/4 to /2 while the processor runs, so at worst half of it is left when Redis goes
 *   away. At 60 s a worker keeps its lock through a Redis restart or failover of up to about 25 s
 *   (30 s left, less up to 5 s of reconnect backoff); BullMQ's default 30 s covers about 10 s.
 * - stalledInterval: how often each worker looks for active jobs without a lock. A crashed
 *   worker's report is taken over within lockDuration + stalledInterval (at most 90 s).
 * - maxStalledCount: a job may be taken over twice (say, a worker crash and a Redis restart in
 *   the same report); the third time it fails with "job stalled more than allowable limit", so a
 *   report that keeps killing its worker ends. Taking over is safe because the report's writes
 *   are fenced by its run record, not by the lock.
 */
export const reportWorkerDefaults = {
  lockDurationMs: 60_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
} as const;

export interface ReportWorkerOptions {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  concurrency: number;
  /** At most this many reports start per minute, per worker group. */
  perMinute: number;
  /** See `reportWorkerDefaults` (lower in tests, so a killed worker's job is taken over quickly). */
  stalledIntervalMs?: number;
  lockDurationMs?: number;
  maxStalledCount?: number;
  process: (
    data: ReportJobData,
    job: { id: string; attemptsMade: number; attempts: number },
  ) => Promise<void>;
  /** How long shutdown waits for running reports before giving up on them (they are retried elsewhere). */
  drainTimeoutMs?: number;
  onFailed?: (data: ReportJobData | null, job: { id: string }, error: Error, final: boolean) => Promise<void>;
}

/** How long shutdown waits for a worker whose Redis is unreachable. */
const UNREACHABLE_DRAIN_MS = 2_000;

/** A worker on the report queue; any number of them, on any machine sharing the Redis. */
export function startReportWorker(options: ReportWorkerOptions): { close(): Promise<void> } {
  const redis = connection(options.redisUrl, 'worker', options.logger);
  const worker = new Worker<ReportJobData>(
    reportQueueName,
    async (job: Job<ReportJobData>) => {
      const data = reportJobDataSchema.safeParse(job.data);
      if (!data.success) throw new UnrecoverableError(`invalid report job data: ${data.error.message}`);
      try {
        await options.process(data.data, {
          id: String(job.id),
          attemptsMade: job.attemptsMade,
          attempts: job.opts.attempts ?? 1,
        });
      } catch (error) {
        throw toJobError(error);
      }
    },
    {
      connection: redis,
      prefix: `${options.prefix}bull`,
      concurrency: options.concurrency,
      limiter: { max: options.perMinute, duration: 60_000 },
      lockDuration: options.lockDurationMs ?? reportWorkerDefaults.lockDurationMs,
      stalledInterval: options.stalledIntervalMs ?? reportWorkerDefaults.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount ?? reportWorkerDefaults.maxStalledCount,
    },
  );
  worker.on('error', (error) => options.logger.warn({ err: error.message }, 'report worker error'));
  // A lost lock shows up here as "could not renew lock for job …": BullMQ lets that processor run
  // on while the job may be handed to another run; the report's run record fences its writes.
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = isUnrecoverable(error) || job.attemptsMade >= (job.opts.attempts ?? 1);
    const data = reportJobDataSchema.safeParse(job.data);
    void options.onFailed?.(
      data.success ? data.data : null,
      { id: String(job.id) },
      fromJobError(error),
      final,
    );
  });
  return {
    async close() {
      // Drains: waits for active jobs to finish; forced only if Redis is gone and it cannot. With
      // Redis unreachable a job cannot complete anyway (its run record fences a later retry), so
      // there is nothing to wait a minute for.
      const drainMs = redis.status === 'ready' ? (options.drainTimeoutMs ?? 60_000) : UNREACHABLE_DRAIN_MS;
      if (!(await within(drainMs, worker.close()))) await within(2_000, worker.close(true));
      redis.disconnect();
    },
  };
}
