import { describe, expect, it } from 'vitest';
import type { ReportJobData } from '../../src/domain/report/report-job.ts';
import { ScoutError } from '../../src/errors.ts';
import { reportDeliveryId, reportJobFailed, runReportJob } from '../../src/usecases/report/run-report-job.ts';
import {
  type ChatCall,
  cannedWarehouse,
  recordingChat,
  reportDeps,
  reportJobData,
  reportJobDeps,
} from '../fakes/report-fakes.ts';

const data = (overrides: Partial<ReportJobData> = {}): ReportJobData =>
  reportJobData({ user: 'U1', progressTs: 'P0', orderedAt: '2025-10-06T08:59:00.000Z', ...overrides });
const job = { id: 'report-gaming-q3' };
const summaries = (calls: ChatCall[]) =>
  calls.filter((c) => c.method === 'update' && c.text.startsWith('summary'));
const failures = (calls: ChatCall[]) => calls.filter((c) => c.text.startsWith('failure'));

describe('runReportJob', () => {
  it('shows progress on the ordered message, then one summary there and the files in its thread', async () => {
    const { deps, calls, runs } = reportJobDeps();
    await runReportJob(deps, data(), job);
    const updates = calls.filter((c) => c.method === 'update');
    expect(updates.every((c) => c.ts === 'P0')).toBe(true);
    expect(updates.map((c) => c.text.split(':')[1]?.trim().split(' ')[0])).toEqual([
      'scope',
      'data',
      'statistics',
      'charts',
      'insights',
      'draft',
      undefined,
    ]);
    expect(summaries(calls)).toEqual([
      expect.objectContaining({ text: 'summary Gaming industry report — Q3 2025' }),
    ]);
    expect(calls.filter((c) => c.method === 'share')).toEqual([
      expect.objectContaining({ threadTs: 'P0', text: expect.stringMatching(/\.md$/) }),
      expect.objectContaining({ threadTs: 'P0', text: expect.stringMatching(/\.html$/) }),
    ]);
    expect(runs.get(reportDeliveryId(job.id, data()))?.status).toBe('delivered');
  });

  it('a duplicate delivery of a delivered job posts nothing', async () => {
    const { deps, calls, logged } = reportJobDeps();
    await runReportJob(deps, data(), job);
    const before = calls.length;
    await runReportJob(deps, data(), job);
    expect(calls.length).toBe(before);
    expect(logged).toContain('report already finished; this run posts nothing');
  });

  it('a retried job resumes after the steps already posted: nothing is posted twice', async () => {
    const chat = recordingChat({ failing: ['share', 'share'] });
    const { deps } = reportJobDeps({ chat: chat.chat });
    // First attempt: the summary is posted, then the Markdown file fails; second: the HTML file fails.
    await expect(runReportJob(deps, data(), job)).rejects.toThrow('share failed');
    await expect(runReportJob(deps, data(), job)).rejects.toThrow('share failed');
    await runReportJob(deps, data(), job);
    expect(summaries(chat.calls)).toHaveLength(1);
    expect(chat.calls.filter((c) => c.method === 'share').map((c) => c.text.split('.').at(-1))).toEqual([
      'md',
      'html',
    ]);
  });

  it('a scheduled run posts its own progress message once, and a retry reuses it', async () => {
    const failing = recordingChat({ failing: ['share'] });
    const { deps } = reportJobDeps({ chat: failing.chat });
    const scheduled = data({ progressTs: undefined, scheduleId: 'sched-C1-gaming-weekly' });
    await expect(runReportJob(deps, scheduled, job)).rejects.toThrow();
    await runReportJob(deps, scheduled, job);
    expect(failing.calls.filter((c) => c.method === 'post')).toEqual([
      expect.objectContaining({ channel: 'C1', ts: 'P1', text: expect.stringMatching(/^progress .*queued/) }),
    ]);
    expect(summaries(failing.calls).map((c) => c.ts)).toEqual(['P1']);
  });

  it('a non-retryable stage failure fails the job at that stage: no retry of the stage, no half report', async () => {
    const warehouse = cannedWarehouse(() => {
      throw new ScoutError('query_failed', 'Binder Error', { userMessage: 'The query could not run.' });
    });
    const { deps, calls } = reportJobDeps({ report: reportDeps(warehouse.warehouse) });
    const error = await runReportJob(deps, data(), job).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'query_failed' });
    expect(warehouse.sql).toHaveLength(1);
    // The queue gives up on it and hands the failure back (the final attempt).
    await reportJobFailed({ ...deps, asOf: deps.report.ask.asOf }, data(), job, error as Error, true);
    expect(failures(calls)).toEqual([
      expect.objectContaining({
        method: 'update',
        ts: 'P0',
        text: 'failure Gaming report — Q3 2025: The query could not run. (ref report-gaming-q3)',
      }),
    ]);
    expect(summaries(calls)).toEqual([]);
    expect(calls.filter((c) => c.method === 'share' || c.method === 'upload')).toEqual([]);
  });
});

describe('reportJobFailed', () => {
  it('never shows a failure over a delivered report', async () => {
    const { deps, calls } = reportJobDeps();
    await runReportJob(deps, data(), job);
    const before = calls.length;
    const failed = { ...deps, asOf: deps.report.ask.asOf };
    await reportJobFailed(failed, data(), job, new Error('late'), true);
    await reportJobFailed(failed, data(), job, new Error('late'), false);
    expect(calls.length).toBe(before);
  });

  it('an attempt that will be retried says so; the final one shows what failed', async () => {
    const { deps, calls } = reportJobDeps();
    const failed = { ...deps, asOf: deps.report.ask.asOf };
    await deps.runs.begin(reportDeliveryId(job.id, data()), 'run-x');
    await reportJobFailed(failed, data(), job, new Error('socket hang up'), false);
    await reportJobFailed(failed, data(), job, new Error('socket hang up'), true);
    expect(calls.map((c) => c.text)).toEqual([
      'The Gaming report — Q3 2025 hit a problem and is being retried…',
      // An error that is not ours is not shown: its message may hold internals.
      'failure Gaming report — Q3 2025: a step failed on our side. (ref report-gaming-q3)',
    ]);
  });

  it('shows a failure once, however many times it is reported', async () => {
    const { deps, calls } = reportJobDeps();
    const failed = { ...deps, asOf: deps.report.ask.asOf };
    const error = new ScoutError('bad_input', 'no data', { userMessage: 'There is no Gaming data then.' });
    await reportJobFailed(failed, data(), job, error, true);
    await reportJobFailed(failed, data(), job, error, true);
    expect(failures(calls)).toHaveLength(1);
  });

  it('leaves the message to the run that took over', async () => {
    const { deps, calls } = reportJobDeps();
    const superseded = new ScoutError('run_superseded', 'another run took over');
    await reportJobFailed({ ...deps, asOf: deps.report.ask.asOf }, data(), job, superseded, true);
    expect(calls).toEqual([]);
  });
});
