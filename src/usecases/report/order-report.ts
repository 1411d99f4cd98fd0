import type { ReportJobData, ReportQueue } from '../../adapters/bullmq/report-queue.ts';
import type { ParseContext } from '../../domain/parser/parse-question.ts';
import { parseReportCommand, type ReportRequest } from '../../domain/report/report-request.ts';
import type { Chat } from '../../ports.ts';
import { renderReportProgress } from '../../presentation/slack/report-message.ts';
import { reportStages } from './produce-report.ts';
import { reportJobId, reportTitle } from './report-title.ts';

export interface OrderDeps {
  queue: ReportQueue;
  chat: Chat;
  parse: ParseContext;
  now: () => Date;
}

export type OrderOutcome =
  | { kind: 'queued'; jobId: string; progressTs: string }
  | { kind: 'already_running'; jobId: string; progressTs?: string }
  | { kind: 'scheduled'; id: string; description: string }
  | { kind: 'schedules'; lines: string[] }
  | { kind: 'unscheduled'; id: string; removed: boolean }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string; suggestions: string[] };

/**
 * `/report …`: orders a report (a progress message in the channel, then one BullMQ job whose id
 * comes from the request), or manages schedules. Bad requests get a specific message.
 */
export async function orderReport(
  deps: OrderDeps,
  input: { text: string; user: string; channel: string },
): Promise<OrderOutcome> {
  const command = parseReportCommand(input.text, deps.parse);
  switch (command.kind) {
    case 'help':
    case 'invalid':
      return command;
    case 'list_schedules': {
      const schedules = (await deps.queue.listSchedules()).filter((s) => s.data?.channel === input.channel);
      return {
        kind: 'schedules',
        lines: schedules.map(
          (s) =>
            `\`${s.id}\` · ${s.data?.request.industry ?? '?'} · cron \`${s.pattern}\` ${s.tz}${s.next ? ` · next ${new Date(s.next).toISOString().replace('T', ' ').slice(0, 16)} UTC` : ''}`,
        ),
      };
    }
    case 'unschedule': {
      const schedule = (await deps.queue.listSchedules()).find(
        (s) => s.id === command.id && s.data?.channel === input.channel,
      );
      return {
        kind: 'unscheduled',
        id: command.id,
        removed: schedule ? await deps.queue.removeSchedule(command.id) : false,
      };
    }
    case 'schedule': {
      const { cadence, ...rest } = command.request;
      const time =
        cadence === 'weekly'
          ? ({ kind: 'relative', unit: 'week', offset: -1 } as const)
          : ({ kind: 'relative', unit: 'month', offset: -1 } as const);
      const id = `sched-${input.channel}-${rest.industry.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${cadence}`;
      const data: ReportJobData = {
        request: { ...rest, time },
        channel: input.channel,
        user: input.user,
        scheduleId: id,
        orderedAt: deps.now().toISOString(),
      };
      await deps.queue.upsertSchedule(id, { pattern: command.cron, tz: command.tz }, data);
      return {
        kind: 'scheduled',
        id,
        description: `${rest.industry} report (${cadence === 'weekly' ? 'last week' : 'last month'}) ${command.description}`,
      };
    }
    case 'order':
      return orderParsedReport(deps, command.request, input);
  }
}

/** Orders a validated report request (also from the "Try again" button of a failed report). */
export async function orderParsedReport(
  deps: OrderDeps,
  request: ReportRequest,
  input: { user: string; channel: string },
): Promise<OrderOutcome> {
  {
    const jobId = reportJobId(request, input.channel, deps.parse.asOf);
    if (await deps.queue.isRunning(jobId)) return { kind: 'already_running', jobId };
    const title = reportTitle(request, deps.parse.asOf);
    const progress = await deps.chat.postMessage({
      channel: input.channel,
      ...renderReportProgress({
        title,
        stage: 'queued',
        index: 1,
        total: reportStages.length,
        elapsedMs: 0,
      }),
    });
    const data: ReportJobData = {
      request,
      channel: input.channel,
      user: input.user,
      progressTs: progress.ts,
      orderedAt: deps.now().toISOString(),
    };
    const added = await deps.queue.add(jobId, data);
    if (!added.created) {
      // Lost a race with an identical order: point our message at the report being prepared.
      await deps.chat.updateMessage({
        channel: input.channel,
        ts: progress.ts,
        text: `The ${title} is already being prepared in this channel.`,
      });
      return {
        kind: 'already_running',
        jobId,
        ...(added.data.progressTs ? { progressTs: added.data.progressTs } : {}),
      };
    }
    return { kind: 'queued', jobId, progressTs: progress.ts };
  }
}
