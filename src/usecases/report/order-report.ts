import type { ParseContext } from '../../domain/parser/parse-question.ts';
import type { ReportJobData } from '../../domain/report/report-job.ts';
import { parseReportCommand, type ReportRequest } from '../../domain/report/report-request.ts';
import type { Chat, ReportQueue, ScheduleInfo, Workspace } from '../../ports.ts';
import { reportStages } from './produce-report.ts';
import type { ReportRenderers } from './report-renderers.ts';
import { reportJobId, reportTitle } from './report-title.ts';

export interface OrderDeps {
  queue: ReportQueue;
  chat: Chat;
  parse: ParseContext;
  /** Who is a workspace admin (they may change anyone's schedule). */
  workspace: Pick<Workspace, 'isAdmin'>;
  /** The progress message posted when the report is ordered. */
  render: Pick<ReportRenderers, 'progress'>;
  now: () => Date;
}

export type OrderOutcome =
  | { kind: 'queued'; jobId: string; progressTs: string }
  | { kind: 'already_running'; jobId: string; progressTs?: string }
  | { kind: 'scheduled'; id: string; description: string }
  | { kind: 'schedules'; lines: string[] }
  | { kind: 'unscheduled'; id: string; removed: boolean }
  | { kind: 'not_schedule_owner'; id: string; change: 'replace' | 'remove' }
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
      if (!schedule) return { kind: 'unscheduled', id: command.id, removed: false };
      if (!(await mayChangeSchedule(deps, schedule, input.user)))
        return { kind: 'not_schedule_owner', id: command.id, change: 'remove' };
      return { kind: 'unscheduled', id: command.id, removed: await deps.queue.removeSchedule(command.id) };
    }
    case 'schedule': {
      const { cadence, ...rest } = command.request;
      const time =
        cadence === 'weekly'
          ? ({ kind: 'relative', unit: 'week', offset: -1 } as const)
          : ({ kind: 'relative', unit: 'month', offset: -1 } as const);
      const id = `sched-${input.channel}-${rest.industry.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${cadence}`;
      const existing = (await deps.queue.listSchedules()).find((s) => s.id === id);
      if (existing && !(await mayChangeSchedule(deps, existing, input.user)))
        return { kind: 'not_schedule_owner', id, change: 'replace' };
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

/**
 * A schedule belongs to whoever set it up (the `user` on its job data; after a replacement, the
 * one who replaced it). Only they or a workspace admin may replace or remove it. A schedule
 * without a readable owner can be changed by admins only; an admin check that fails refuses.
 */
async function mayChangeSchedule(deps: OrderDeps, schedule: ScheduleInfo, user: string): Promise<boolean> {
  if (schedule.data?.user !== undefined && schedule.data.user === user) return true;
  return deps.workspace.isAdmin(user).catch(() => false);
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
      ...deps.render.progress({
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
