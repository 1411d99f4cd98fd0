import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createReportQueue, startReportWorker } from '../adapters/bullmq/report-queue.ts';
import { createRedisReportRuns } from '../adapters/redis/report-runs.ts';
import type { Config } from '../config.ts';
import type { Chat, KeyValueStore, Workspace } from '../ports.ts';
import { formatFigure } from '../presentation/report/format-figure.ts';
import { reportRenderers } from '../presentation/report/report-renderers.ts';
import type { OrderDeps } from '../usecases/report/order-report.ts';
import { type ReportJobDeps, reportJobFailed, runReportJob } from '../usecases/report/run-report-job.ts';
import type { AnalystDeps } from './types.ts';

export interface ReportsRuntime {
  /** What `/report` needs to order a report or manage schedules. */
  order: OrderDeps;
  /** Starts this process's report worker (roles worker and all). */
  startWorker(): void;
  /** Drains the worker (in-flight reports finish), then closes the queue. */
  close(): Promise<void>;
}

export interface ReportsContext {
  redis: Redis;
  chat: Chat;
  workspace: Workspace;
  /** Delivery markers: what a job already posted (shares the conversation memory's namespace). */
  markers: KeyValueStore;
  logger: Logger;
  now: () => Date;
}

/** What a worker runs each report job on. */
function reportJobDeps(config: Config, analyst: AnalystDeps, ctx: ReportsContext): ReportJobDeps {
  const stageDelayMs = config.env.SCOUT_REPORT_STAGE_DELAY_MS;
  return {
    report: {
      ask: analyst,
      template: analyst.prompts.get('report-industry'),
      insightsTemplate: analyst.llm ? analyst.prompts.get('report-insights') : null,
      retriever: analyst.retriever ?? null,
      formatFigure,
      now: ctx.now,
      ...(stageDelayMs > 0
        ? { beforeStage: () => new Promise<void>((r) => setTimeout(r, stageDelayMs)) }
        : {}),
    },
    chat: ctx.chat,
    markers: ctx.markers,
    runs: createRedisReportRuns(ctx.redis, { prefix: config.env.SCOUT_REDIS_PREFIX }),
    newRunId: () => randomUUID(),
    render: reportRenderers,
    logger: ctx.logger,
  };
}

/** The report queue (BullMQ on Redis), its worker and what ordering a report needs. */
export function composeReports(config: Config, analyst: AnalystDeps, ctx: ReportsContext): ReportsRuntime {
  const { env } = config;
  const { logger } = ctx;
  const queue = createReportQueue({
    redisUrl: env.REDIS_URL,
    prefix: env.SCOUT_REDIS_PREFIX,
    logger,
    attempts: env.SCOUT_REPORT_ATTEMPTS,
  });
  const jobDeps = reportJobDeps(config, analyst, ctx);
  let worker: { close(): Promise<void> } | null = null;
  return {
    order: {
      queue,
      chat: ctx.chat,
      workspace: ctx.workspace,
      parse: analyst,
      render: reportRenderers,
      now: ctx.now,
    },
    startWorker() {
      worker = startReportWorker({
        redisUrl: env.REDIS_URL,
        prefix: env.SCOUT_REDIS_PREFIX,
        logger,
        concurrency: env.SCOUT_REPORT_CONCURRENCY,
        perMinute: env.SCOUT_REPORTS_PER_MINUTE,
        stalledIntervalMs: env.SCOUT_WORKER_STALLED_MS,
        lockDurationMs: env.SCOUT_WORKER_LOCK_MS,
        process: (data, job) => runReportJob(jobDeps, data, job),
        onFailed: (data, job, error, final) =>
          reportJobFailed({ ...jobDeps, asOf: analyst.asOf }, data, job, error, final),
      });
    },
    async close() {
      await worker?.close();
      await queue.close();
    },
  };
}
