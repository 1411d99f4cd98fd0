import { z } from 'zod';
import { channelAudience } from '../../domain/audience.ts';
import type { ReportDocument } from '../../domain/report/report-document.ts';
import type { ReportJobData } from '../../domain/report/report-job.ts';
import { isScoutError, ScoutError } from '../../errors.ts';
import type { Chat, KeyValueStore, ReportRuns } from '../../ports.ts';
import { produceReport, type ReportDeps, reportStages } from './produce-report.ts';
import type { ReportRenderers } from './report-renderers.ts';
import { reportTitle } from './report-title.ts';

export interface ReportJobDeps {
  report: ReportDeps;
  chat: Chat;
  /** Delivery markers (Redis): what a job already posted, so a retried job never posts it twice. */
  markers: KeyValueStore;
  /** Which run of a report may write to its message (Redis), see `ReportRuns`. */
  runs: ReportRuns;
  /** A fresh id for each run (each time a worker starts the job). */
  newRunId: () => string;
  /** The progress, summary and failure messages and the report files. */
  render: ReportRenderers;
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Fencing timings (tests shorten them). */
  timing?: Partial<ReportJobTiming>;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReportJobTiming {
  /** A delivery claim lapses this long after its last renewal (renewed before every posting step). */
  leaseMs: number;
  /** How long a run waits for another run's live delivery before giving up this attempt. */
  busyWaitMs: number;
  /** Between two looks at another run's delivery. */
  pollMs: number;
  /** How long a fencing or marker call waits out an unreachable Redis before failing the attempt. */
  redisWaitMs: number;
}

const defaultTiming: ReportJobTiming = {
  leaseMs: 120_000,
  busyWaitMs: 600_000,
  pollMs: 1_000,
  redisWaitMs: 60_000,
};

const markerTtl = 14 * 86_400;
const tsMarker = z.object({ ts: z.string() });
const fileMarker = z.object({ fileId: z.string() });

/**
 * One order of a report. A job id repeats when the same report is ordered again after the last
 * one finished (finished jobs are removed), so the order time is part of the identity: the next
 * order starts from a clean record and posts its own files.
 */
export function reportDeliveryId(jobId: string, data: Pick<ReportJobData, 'orderedAt'>): string {
  return `${jobId}@${data.orderedAt}`;
}

function superseded(jobId: string): ScoutError {
  return new ScoutError('run_superseded', `report job ${jobId}: another run took over`, {
    userMessage: 'The report is being prepared by another worker.',
  });
}

/** Thrown through the pipeline to stop a run that has nothing left to do. */
class RunFinishedElsewhere extends Error {}

/**
 * One report job on a worker: run the pipeline with progress updates on the progress message,
 * then deliver. The queue may run the same job twice at once (a run that lost its lock during
 * a Redis outage keeps going while the job is handed to another), so every write is fenced by
 * the report's run record (`ReportRuns`):
 *
 * - progress is shown only by the current run, and only before any run claimed the delivery;
 * - the summary and files are posted only by the run holding the delivery claim, each step once
 *   (markers), and the claim is renewed before each step;
 * - a delivered report is final: a later run of it posts nothing and ends the job as completed.
 */
export async function runReportJob(
  deps: ReportJobDeps,
  data: ReportJobData,
  job: { id: string },
): Promise<void> {
  const started = Date.now();
  const timing = { ...defaultTiming, ...deps.timing };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const asOf = deps.report.ask.asOf;
  const title = reportTitle(data.request, asOf);
  const reportId = reportDeliveryId(job.id, data);
  const marker = (name: string) => `report:${reportId}:${name}`;
  const runId = deps.newRunId();
  const redis = <T>(work: () => Promise<T>) => waitOutRedis(work, timing, sleep);

  const begun = await redis(() => deps.runs.begin(reportId, runId));
  if (begun.status === 'delivered' || begun.status === 'failed') {
    deps.logger.info(
      { jobId: job.id, status: begun.status },
      'report already finished; this run posts nothing',
    );
    return;
  }

  let progressTs =
    data.progressTs ?? tsMarker.safeParse(await redis(() => deps.markers.get(marker('progress')))).data?.ts;
  if (!progressTs) {
    const posted = await deps.chat.postMessage({
      channel: data.channel,
      ...deps.render.progress({ title, stage: 'queued', index: 1, total: reportStages.length, elapsedMs: 0 }),
    });
    progressTs = posted.ts;
    const ts = progressTs;
    await redis(() => deps.markers.set(marker('progress'), { ts }, markerTtl));
  }
  const ts = progressTs;

  let report: ReportDocument;
  try {
    report = await produceReport(deps.report, data.request, {
      reportId: job.id,
      // Posted to the channel: only what every reader of it may see (members are not known here).
      audience: channelAudience(data.channel, data.user ?? null),
      onProgress: async ({ stage, index, total }) => {
        // Unreachable Redis: skip this update rather than post one that may be stale.
        const state = await deps.runs.read(reportId).catch(() => undefined);
        if (state?.status === 'delivered' || state?.status === 'failed') throw new RunFinishedElsewhere();
        if (state?.status === 'running' && state.run !== runId) throw superseded(job.id);
        if (state?.status !== 'running') return;
        await deps.chat
          .updateMessage({
            channel: data.channel,
            ts,
            ...deps.render.progress({ title, stage, index, total, elapsedMs: Date.now() - started }),
          })
          .catch((error: unknown) =>
            deps.logger.warn({ jobId: job.id, err: error }, 'progress update failed'),
          );
      },
    });
  } catch (error) {
    if (!(error instanceof RunFinishedElsewhere)) throw error;
    deps.logger.info({ jobId: job.id }, 'report finished by another run; this run posts nothing');
    return;
  }

  // Claims the delivery, waiting while another run delivers; false when it is already over.
  const claim = async (): Promise<boolean> => {
    const deadline = Date.now() + timing.busyWaitMs;
    for (;;) {
      const outcome = await redis(() => deps.runs.claimDelivery(reportId, runId, timing.leaseMs));
      if (outcome === 'claimed') return true;
      if (outcome === 'delivered' || outcome === 'failed') return false;
      if (outcome === 'superseded') throw superseded(job.id);
      if (Date.now() > deadline) {
        throw new ScoutError('internal', `report job ${job.id}: another run held the delivery too long`, {
          retryable: true,
        });
      }
      await sleep(timing.pollMs);
    }
  };
  // Before each posting step: the claim is still this run's (and is renewed).
  const stillOurs = async (): Promise<void> => {
    const outcome = await redis(() => deps.runs.claimDelivery(reportId, runId, timing.leaseMs));
    if (outcome === 'delivered' || outcome === 'failed') throw new RunFinishedElsewhere();
    if (outcome !== 'claimed') throw superseded(job.id);
  };

  if (!(await claim())) {
    deps.logger.info({ jobId: job.id }, 'report finished by another run; this run posts nothing');
    return;
  }
  try {
    await deliver(deps, { data, job, report, ts, marker, redis, stillOurs, started, reportId, runId });
  } catch (error) {
    if (error instanceof RunFinishedElsewhere) return;
    // A retry need not wait out this run's lease; it resumes after the steps already posted.
    if (!(isScoutError(error) && error.code === 'run_superseded')) {
      await deps.runs.releaseDelivery(reportId, runId).catch(() => undefined);
    }
    throw error;
  }
  deps.logger.info(
    {
      jobId: job.id,
      industry: report.industry,
      period: report.period.label,
      elapsedMs: Date.now() - started,
    },
    'report delivered',
  );
}

/** Retries a Redis call while Redis is unreachable (a restart), up to `redisWaitMs`. */
async function waitOutRedis<T>(
  work: () => Promise<T>,
  timing: ReportJobTiming,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  const deadline = Date.now() + timing.redisWaitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const unavailable = isScoutError(error) && error.code === 'redis_unavailable';
      if (!unavailable || Date.now() >= deadline) throw error;
      await sleep(Math.min(100 * 2 ** attempt, 2_000));
    }
  }
}

/** The summary, then the files in its thread: each step at most once across runs (markers). */
async function deliver(
  deps: ReportJobDeps,
  ctx: {
    data: ReportJobData;
    job: { id: string };
    report: ReportDocument;
    ts: string;
    marker: (name: string) => string;
    redis: <T>(work: () => Promise<T>) => Promise<T>;
    stillOurs: () => Promise<void>;
    started: number;
    reportId: string;
    runId: string;
  },
): Promise<void> {
  const { data, report, ts, marker, redis, stillOurs } = ctx;
  const once = async (name: string, post: () => Promise<{ fileId: string }>): Promise<string> => {
    const known = fileMarker.safeParse(await redis(() => deps.markers.get(marker(name))));
    if (known.success) return known.data.fileId;
    await stillOurs();
    const { fileId } = await post();
    await redis(() => deps.markers.set(marker(name), { fileId }, markerTtl));
    return fileId;
  };
  const keyChart = report.charts[0];
  const keyChartFileId = keyChart
    ? await once('key-chart', () =>
        deps.chat.uploadImage({ bytes: keyChart.png, filename: keyChart.fileName, title: keyChart.title }),
      )
    : undefined;
  const state = await redis(() => deps.runs.read(ctx.reportId));
  if (!state?.summaryPosted) {
    await stillOurs();
    await deps.chat.updateMessage({
      channel: data.channel,
      ts,
      ...deps.render.summary(report, {
        ...(keyChartFileId ? { keyChartFileId } : {}),
        elapsedMs: Date.now() - ctx.started,
      }),
    });
    if (!(await redis(() => deps.runs.markSummaryPosted(ctx.reportId, ctx.runId)))) {
      throw superseded(ctx.job.id);
    }
  }

  const slug = `${report.industry}-${report.period.label}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const text = (content: string) => new TextEncoder().encode(content);
  await once('markdown', () =>
    deps.chat.shareFile({
      channel: data.channel,
      threadTs: ts,
      filename: `${slug}.md`,
      title: `${report.title} (Markdown)`,
      bytes: text(deps.render.markdown(report, { chartLink: (chart) => `${slug}-${chart.fileName}` })),
      comment: 'The full report, with every figure linked to the query in its appendix.',
    }),
  );
  await once('html', () =>
    deps.chat.shareFile({
      channel: data.channel,
      threadTs: ts,
      filename: `${slug}.html`,
      title: `${report.title} (HTML, charts embedded)`,
      bytes: text(deps.render.html(report)),
    }),
  );
  for (const chart of report.charts.slice(1)) {
    await once(`chart-${chart.id}`, () =>
      deps.chat.shareFile({
        channel: data.channel,
        threadTs: ts,
        filename: `${slug}-${chart.fileName}`,
        title: chart.title,
        bytes: chart.png,
      }),
    );
  }
  if (!(await redis(() => deps.runs.markDelivered(ctx.reportId, ctx.runId)))) throw superseded(ctx.job.id);
}

/**
 * A failed attempt: the final one tells the user what failed and offers a retry button. Neither
 * message ever covers a summary: the final one is shown only if the run record could be marked
 * failed (nothing delivered, no summary posted, no live delivery), the "being retried" one only
 * while the report is still running.
 */
export async function reportJobFailed(
  deps: Pick<ReportJobDeps, 'chat' | 'markers' | 'runs' | 'render' | 'logger' | 'timing' | 'sleep'> & {
    asOf: string;
  },
  data: ReportJobData | null,
  job: { id: string },
  error: Error,
  final: boolean,
): Promise<void> {
  if (!data) return;
  // The run that took over owns the message.
  if (isScoutError(error) && error.code === 'run_superseded') return;
  const timing = { ...defaultTiming, ...deps.timing };
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const redis = <T>(work: () => Promise<T>) => waitOutRedis(work, timing, sleep);
  const reportId = reportDeliveryId(job.id, data);
  try {
    const ts =
      data.progressTs ??
      tsMarker.safeParse(await redis(() => deps.markers.get(`report:${reportId}:progress`))).data?.ts;
    if (!ts) return;
    const mayShow = final
      ? await redis(() => deps.runs.markFailed(reportId))
      : await redis(() => deps.runs.read(reportId)).then((state) => !state || state.status === 'running');
    if (!mayShow) {
      deps.logger.info(
        { jobId: job.id, final },
        'report failure not shown: the report was delivered elsewhere',
      );
      return;
    }
    await showFailure(deps, data, { id: job.id, ts }, error, final);
  } catch (checkError) {
    // Without the run record there is no telling whether a summary is up: show nothing.
    deps.logger.warn(
      { jobId: job.id, err: checkError },
      'could not check the report before reporting its failure',
    );
  }
}

async function showFailure(
  deps: Pick<ReportJobDeps, 'chat' | 'render' | 'logger'> & { asOf: string },
  data: ReportJobData,
  job: { id: string; ts: string },
  error: Error,
  final: boolean,
): Promise<void> {
  const ts = job.ts;
  const title = reportTitle(data.request, deps.asOf);
  // The queue adapter hands over a ScoutError whenever the queue gave up for good.
  const message = isScoutError(error) ? error.userMessage : 'a step failed on our side.';
  const rendered = final
    ? deps.render.failure({
        title,
        message,
        reference: job.id,
        retryValue: JSON.stringify({ request: data.request }),
      })
    : { text: `The ${title} hit a problem and is being retried…`, blocks: [] };
  await deps.chat
    .updateMessage({
      channel: data.channel,
      ts,
      text: rendered.text,
      ...(rendered.blocks.length > 0 ? { blocks: rendered.blocks } : {}),
    })
    .catch((postError: unknown) =>
      deps.logger.warn({ jobId: job.id, err: postError }, 'could not report the failure'),
    );
}
