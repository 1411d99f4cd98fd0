import { describe, expect, it } from 'vitest';
import type { ReportJobData } from '../../src/domain/report/report-job.ts';
import type { ScheduleInfo } from '../../src/ports.ts';
import { type OrderDeps, orderReport } from '../../src/usecases/report/order-report.ts';
import { fakeReportQueue, namedRenderers, recordingChat } from '../fakes/report-fakes.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const parse = testParseContext('2025-10-05');

function orderDeps(
  options: { schedules?: ScheduleInfo[]; admins?: string[]; adminCheckFails?: boolean } = {},
) {
  const queue = fakeReportQueue(options.schedules);
  const chat = recordingChat();
  const deps: OrderDeps = {
    queue: queue.queue,
    chat: chat.chat,
    parse,
    workspace: {
      isAdmin: async (user) => {
        if (options.adminCheckFails) throw new Error('users.info failed');
        return (options.admins ?? []).includes(user);
      },
    },
    render: namedRenderers,
    now: () => new Date('2025-10-06T09:00:00Z'),
  };
  return { deps, queue, calls: chat.calls };
}

const jobData = (user: string, channel = 'C1'): ReportJobData => ({
  request: {
    industry: 'Gaming',
    time: { kind: 'relative', unit: 'week', offset: -1 },
    compare: 'previous_period',
  },
  channel,
  user,
  scheduleId: `sched-${channel}-gaming-weekly`,
  orderedAt: '2025-10-01T09:00:00.000Z',
});

const schedule = (owner: string, channel = 'C1'): ScheduleInfo => ({
  id: `sched-${channel}-gaming-weekly`,
  pattern: '0 9 * * 1',
  tz: 'Asia/Taipei',
  next: null,
  data: jobData(owner, channel),
});

describe('ordering a report', () => {
  it('posts one progress message and queues one job that points at it', async () => {
    const { deps, queue, calls } = orderDeps();
    const outcome = await orderReport(deps, { text: 'gaming Q3 2025', user: 'U1', channel: 'C1' });
    expect(outcome).toMatchObject({ kind: 'queued', progressTs: 'P1' });
    expect(calls).toEqual([
      expect.objectContaining({
        method: 'post',
        channel: 'C1',
        text: expect.stringMatching(/^progress Gaming report — Q3 2025: queued 1\/6/),
      }),
    ]);
    expect([...queue.jobs.values()].map((j) => j.data)).toEqual([
      expect.objectContaining({
        channel: 'C1',
        user: 'U1',
        progressTs: 'P1',
        orderedAt: '2025-10-06T09:00:00.000Z',
      }),
    ]);
  });

  it('does not queue or post the same report twice while it is being prepared', async () => {
    const { deps, queue, calls } = orderDeps();
    await orderReport(deps, { text: 'gaming Q3 2025', user: 'U1', channel: 'C1' });
    const again = await orderReport(deps, { text: 'gaming Q3 2025', user: 'U2', channel: 'C1' });
    expect(again.kind).toBe('already_running');
    expect(queue.jobs.size).toBe(1);
    expect(calls.filter((c) => c.method === 'post')).toHaveLength(1);
  });

  it('an order that loses the race to an identical one points its message at the report being prepared', async () => {
    const { deps, queue, calls } = orderDeps();
    const first = await orderReport(deps, { text: 'gaming Q3 2025', user: 'U1', channel: 'C1' });
    if (first.kind !== 'queued') throw new Error('first order not queued');
    // The first job is stored but not yet seen running when the second order checks.
    for (const job of queue.jobs.values()) job.running = false;
    const second = await orderReport(deps, { text: 'gaming Q3 2025', user: 'U2', channel: 'C1' });
    expect(second).toEqual({ kind: 'already_running', jobId: first.jobId, progressTs: 'P1' });
    expect(calls.at(-1)).toMatchObject({
      method: 'update',
      ts: 'P2',
      text: expect.stringMatching(/already being prepared/),
    });
    expect(queue.jobs.size).toBe(1);
  });

  it('a bad request gets its message and queues nothing', async () => {
    const { deps, queue, calls } = orderDeps();
    const outcome = await orderReport(deps, {
      text: 'schedule monthly 31 09:00 Asia/Taipei gaming',
      user: 'U1',
      channel: 'C1',
    });
    expect(outcome).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/from 1 to 28/) });
    expect(queue.jobs.size + queue.schedules.size + calls.length).toBe(0);
  });
});

describe('schedules belong to whoever set them up', () => {
  it('a schedule owned by someone else cannot be removed by a non-admin', async () => {
    const { deps, queue } = orderDeps({ schedules: [schedule('U-owner')] });
    const outcome = await orderReport(deps, {
      text: 'unschedule sched-C1-gaming-weekly',
      user: 'U-other',
      channel: 'C1',
    });
    expect(outcome).toEqual({ kind: 'not_schedule_owner', id: 'sched-C1-gaming-weekly', change: 'remove' });
    expect(queue.schedules.has('sched-C1-gaming-weekly')).toBe(true);
  });

  it('its owner and a workspace admin may remove it', async () => {
    for (const user of ['U-owner', 'U-admin']) {
      const { deps, queue } = orderDeps({ schedules: [schedule('U-owner')], admins: ['U-admin'] });
      const outcome = await orderReport(deps, {
        text: 'unschedule sched-C1-gaming-weekly',
        user,
        channel: 'C1',
      });
      expect(outcome).toEqual({ kind: 'unscheduled', id: 'sched-C1-gaming-weekly', removed: true });
      expect(queue.schedules.size).toBe(0);
    }
  });

  it('an admin check that fails refuses the change', async () => {
    const { deps, queue } = orderDeps({ schedules: [schedule('U-owner')], adminCheckFails: true });
    const outcome = await orderReport(deps, {
      text: 'unschedule sched-C1-gaming-weekly',
      user: 'U-other',
      channel: 'C1',
    });
    expect(outcome.kind).toBe('not_schedule_owner');
    expect(queue.schedules.size).toBe(1);
  });

  it('a non-admin cannot replace someone else’s schedule; the owner can', async () => {
    const text = 'schedule weekly mon 09:00 Asia/Taipei gaming';
    const { deps, queue } = orderDeps({ schedules: [schedule('U-owner')] });
    expect(await orderReport(deps, { text, user: 'U-other', channel: 'C1' })).toEqual({
      kind: 'not_schedule_owner',
      id: 'sched-C1-gaming-weekly',
      change: 'replace',
    });
    expect(queue.schedules.get('sched-C1-gaming-weekly')?.data?.user).toBe('U-owner');
    expect((await orderReport(deps, { text, user: 'U-owner', channel: 'C1' })).kind).toBe('scheduled');
  });

  it('a schedule of another channel is neither listed nor removed from this one', async () => {
    const { deps, queue } = orderDeps({ schedules: [schedule('U1', 'C2')] });
    expect(await orderReport(deps, { text: 'schedules', user: 'U1', channel: 'C1' })).toEqual({
      kind: 'schedules',
      lines: [],
    });
    expect(
      await orderReport(deps, { text: 'unschedule sched-C2-gaming-weekly', user: 'U1', channel: 'C1' }),
    ).toEqual({
      kind: 'unscheduled',
      id: 'sched-C2-gaming-weekly',
      removed: false,
    });
    expect(queue.schedules.size).toBe(1);
  });
});
