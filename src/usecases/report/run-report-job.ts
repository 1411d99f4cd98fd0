import { z } from 'zod';
import type { ReportJobData } from '../../adapters/bullmq/report-queue.ts';
import type { ReportDocument } from '../../domain/report/report-document.ts';
import { isScoutError } from '../../errors.ts';
import type { Chat, ConversationStore } from '../../ports.ts';
import {
  renderReportFailure,
  renderReportProgress,
  renderReportSummary,
} from '../../presentation/slack/report-message.ts';
import { produceReport, type ReportDeps, reportStages } from './produce-report.ts';
import { reportTitle } from './report-title.ts';

export interface ReportJobDeps {
  report: ReportDeps;
  chat: Chat;
  /** Delivery markers (Redis): what a job already posted, so a retried job never posts it twice. */
  markers: ConversationStore;
  render: {
    markdown: (
      doc: ReportDocument,
      options: { chartLink: (chart: ReportDocument['charts'][number]) => string },
    ) => string;
    html: (doc: ReportDocument) => string;
  };
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

const markerTtl = 14 * 86_400;
const tsMarker = z.object({ ts: z.string() });
const fileMarker = z.object({ fileId: z.string() });

/**
 * One report job on a worker: run the pipeline with progress updates on the progress message,
 * then deliver. Every delivery step is idempotent — the summary replaces the progress message
 * (chat.update), and each file is posted once, remembered in Redis — so a job picked up again
 * after its worker died still leaves exactly one report in the channel.
 */
export async function runReportJob(
  deps: ReportJobDeps,
  data: ReportJobData,
  job: { id: string },
): Promise<void> {
  const started = Date.now();
  const asOf = deps.report.ask.asOf;
  const title = reportTitle(data.request, asOf);
  const marker = (name: string) => `report:${job.id}:${name}`;

  let progressTs = data.progressTs ?? tsMarker.safeParse(await deps.markers.get(marker('progress'))).data?.ts;
  if (!progressTs) {
    const posted = await deps.chat.postMessage({
      channel: data.channel,
      ...renderReportProgress({ title, stage: 'queued', index: 1, total: reportStages.length, elapsedMs: 0 }),
    });
    progressTs = posted.ts;
    await deps.markers.set(marker('progress'), { ts: progressTs }, markerTtl);
  }
  const ts = progressTs;

  const report = await produceReport(deps.report, data.request, {
    reportId: job.id,
    onProgress: async ({ stage, index, total }) => {
      await deps.chat
        .updateMessage({
          channel: data.channel,
          ts,
          ...renderReportProgress({ title, stage, index, total, elapsedMs: Date.now() - started }),
        })
        .catch((error: unknown) => deps.logger.warn({ jobId: job.id, err: error }, 'progress update failed'));
    },
  });

  const once = async (name: string, post: () => Promise<{ fileId: string }>): Promise<string> => {
    const known = fileMarker.safeParse(await deps.markers.get(marker(name)));
    if (known.success) return known.data.fileId;
    const { fileId } = await post();
    await deps.markers.set(marker(name), { fileId }, markerTtl);
    return fileId;
  };
  const keyChart = report.charts[0];
  const keyChartFileId = keyChart
    ? await once('key-chart', () =>
        deps.chat.uploadImage({ bytes: keyChart.png, filename: keyChart.fileName, title: keyChart.title }),
      )
    : undefined;
  await deps.chat.updateMessage({
    channel: data.channel,
    ts,
    ...renderReportSummary(report, {
      ...(keyChartFileId ? { keyChartFileId } : {}),
      elapsedMs: Date.now() - started,
    }),
  });

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

/** A failed attempt: the final one tells the user what failed and offers a retry button. */
export async function reportJobFailed(
  deps: Pick<ReportJobDeps, 'chat' | 'markers' | 'logger'> & { asOf: string },
  data: ReportJobData | null,
  job: { id: string },
  error: Error,
  final: boolean,
): Promise<void> {
  if (!data) return;
  const ts =
    data.progressTs ??
    tsMarker.safeParse(await deps.markers.get(`report:${job.id}:progress`).catch(() => null)).data?.ts;
  if (!ts) return;
  const title = reportTitle(data.request, deps.asOf);
  const message = isScoutError(error)
    ? error.userMessage
    : error.name === 'UnrecoverableError'
      ? error.message
      : 'a step failed on our side.';
  const rendered = final
    ? renderReportFailure({
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
