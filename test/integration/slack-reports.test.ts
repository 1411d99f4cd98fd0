import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReportQueue } from '../../src/adapters/bullmq/report-queue.ts';
import { projectRoot } from '../../src/main.ts';
import type { RecordedCall } from '../fakes/fake-slack.ts';
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { type SlackHarness, signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  // Default worker locks here: a 1 s lock is lost whenever a loaded machine blocks the loop that
  // long. The takeover test below starts its own workers with short locks.
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.fake.reset());

const ok = (calls: RecordedCall[]) => calls.filter((c) => c.status === 200 && !c.error);
const summaries = () =>
  ok(h.fake.callsTo('chat.update')).filter((c) =>
    JSON.stringify(c.args.blocks ?? []).includes('"type":"header"'),
  );
const threadFiles = () => ok(h.fake.callsTo('files.completeUploadExternal')).filter((c) => c.args.thread_ts);

async function report(text: string, responseId = 'r', user = 'U0001') {
  return sendSlackRequest(
    h.url,
    'command',
    slashCommand({ command: '/report', text, user_id: user, response_url: h.fake.responseUrl(responseId) }),
    { signingSecret },
  );
}

/** Orders a `/report …` as `user` and returns the ephemeral reply. */
async function reportReply(text: string, responseId: string, user = 'U0001'): Promise<string> {
  await report(text, responseId, user);
  await h.fake.waitFor(() => h.fake.responses.some((r) => r.id === responseId), 5000);
  return String(h.fake.responses.find((r) => r.id === responseId)?.body.text);
}

describe('/report', () => {
  it('acks at once, shows progress by stage, then one summary with charts and the report files in its thread', async () => {
    const response = await report('gaming Q3 2025');
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3000);
    await h.fake.waitFor(() => summaries().length === 1 && threadFiles().length >= 6, 30_000);
    const [progress] = ok(h.fake.callsTo('chat.postMessage'));
    const progressTs = String(progress?.response?.ts);
    expect(JSON.stringify(progress?.args.blocks)).toContain('Preparing the *Gaming report — Q3 2025*');
    const updates = ok(h.fake.callsTo('chat.update')).filter((c) => c.args.ts === progressTs);
    expect(updates.map((u) => String(u.args.text)).join('\n')).toMatch(
      /stage 2 of 6 \(data\)[\s\S]*stage 6 of 6 \(draft\)/,
    );
    const summary = summaries()[0];
    expect(summary?.args.ts).toBe(progressTs);
    const text = JSON.stringify(summary?.args.blocks);
    expect(text).toContain('Gaming industry report — Q3 2025');
    expect(text).toContain('Key insights');
    expect(text).toContain('q-kpis');
    expect(text).toContain('"type":"image"');
    const names = threadFiles().map((c) => (c.args.files as { title: string }[])[0]?.title ?? '');
    expect(names.some((n) => n.includes('(Markdown)'))).toBe(true);
    expect(names.some((n) => n.includes('(HTML, charts embedded)'))).toBe(true);
    expect(threadFiles().every((c) => c.args.thread_ts === progressTs && c.args.channel_id === 'C0001')).toBe(
      true,
    );
    const html = h.fake.uploads.find((u) => u.filename.endsWith('.html'));
    expect(html?.bytes.toString()).toContain('data:image/png;base64,');
  });

  it('makes one job of the same report ordered twice while it runs', async () => {
    await Promise.all([report('beauty 2025 vs 2024', 'a'), report('beauty 2025 vs 2024', 'b')]);
    await h.fake.waitFor(() => summaries().length === 1, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(summaries()).toHaveLength(1);
    const replies = h.fake.responses.map((r) => String(r.body.text));
    expect(replies.some((t) => t.includes('already being prepared'))).toBe(true);
  });

  it('answers a bad request with a specific message and suggestions, and queues nothing', async () => {
    await report('pharma Q3 2025', 'bad');
    await h.fake.waitFor(() => h.fake.responses.some((r) => r.id === 'bad'), 5000);
    expect(String(h.fake.responses.find((r) => r.id === 'bad')?.body.text)).toMatch(
      /Which industry\? Reports cover one of: Automotive/,
    );
    expect(ok(h.fake.callsTo('chat.postMessage'))).toHaveLength(0);
  });

  it('fails a report it cannot make at once, says why, and offers to try again', async () => {
    await report('gaming Q3 2019', 'f');
    await h.fake.waitFor(
      () =>
        ok(h.fake.callsTo('chat.update')).some((c) =>
          JSON.stringify(c.args.blocks ?? []).includes('report_retry'),
        ),
      15_000,
    );
    const failure = ok(h.fake.callsTo('chat.update')).find((c) =>
      JSON.stringify(c.args.blocks ?? []).includes('report_retry'),
    );
    expect(String(failure?.args.text)).toMatch(
      /could not be finished: The data covers 2024-01-01 to 2025-12-31; Q3 2019 is outside it/,
    );
    // Bad input is not retried: one attempt, no summary.
    expect(summaries()).toHaveLength(0);
  });

  it('schedules, lists and removes a weekly report in the channel', async () => {
    await report('schedule weekly mon 09:00 Asia/Taipei gaming', 's1');
    await h.fake.waitFor(() => h.fake.responses.some((r) => r.id === 's1'), 5000);
    expect(String(h.fake.responses.find((r) => r.id === 's1')?.body.text)).toMatch(
      /Scheduled `sched-C0001-gaming-weekly`: Gaming report \(last week\) every mon at 09:00 Asia\/Taipei/,
    );
    await report('schedules', 's2');
    await h.fake.waitFor(() => h.fake.responses.some((r) => r.id === 's2'), 5000);
    expect(String(h.fake.responses.find((r) => r.id === 's2')?.body.text)).toContain(
      'cron `0 9 * * 1` Asia/Taipei',
    );
    await report('unschedule sched-C0001-gaming-weekly', 's3');
    await h.fake.waitFor(() => h.fake.responses.some((r) => r.id === 's3'), 5000);
    expect(String(h.fake.responses.find((r) => r.id === 's3')?.body.text)).toBe(
      'Removed schedule `sched-C0001-gaming-weekly`.',
    );
  });

  it('lets only the owner or a workspace admin replace or remove a schedule', async () => {
    const id = 'sched-C0001-retail-e-commerce-monthly';
    expect(await reportReply('schedule monthly 1 09:00 Asia/Singapore retail', 'o1', 'U0001')).toContain(
      `Scheduled \`${id}\``,
    );
    const notOwner = `Only the person who set up schedule \`${id}\`, or a workspace admin, can`;
    expect(await reportReply('schedule monthly 2 10:00 Asia/Taipei retail', 'o2', 'U0002')).toBe(
      `${notOwner} replace it.`,
    );
    expect(await reportReply(`unschedule ${id}`, 'o3', 'U0002')).toBe(`${notOwner} remove it.`);
    expect(h.fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['U0002', 'U0002']);
    // Still the owner's schedule, unchanged.
    expect(await reportReply('schedules', 'o4', 'U0002')).toContain('cron `0 9 1 * *` Asia/Singapore');

    h.fake.setUserRoles('U0003', { admin: true });
    expect(await reportReply('schedule monthly 3 08:00 Asia/Taipei retail', 'o5', 'U0003')).toContain(
      `Scheduled \`${id}\``,
    );
    // The admin replaced it, so it is now theirs; the owner of the old one may no longer remove it.
    expect(await reportReply(`unschedule ${id}`, 'o6', 'U0001')).toBe(`${notOwner} remove it.`);
    h.fake.setUserRoles('U0004', { owner: true });
    expect(await reportReply(`unschedule ${id}`, 'o7', 'U0004')).toBe(`Removed schedule \`${id}\`.`);
  });

  it('fires a schedule at its cron time and posts the report in the channel it was set up in', async () => {
    const queue = createReportQueue({
      redisUrl: h.env.REDIS_URL,
      prefix: h.prefix,
      logger: pino({ level: 'silent' }),
    });
    try {
      // A seconds-field cron, so the test does not wait for Monday.
      await queue.upsertSchedule(
        'sched-test-every-2s',
        { pattern: '*/2 * * * * *', tz: 'Asia/Taipei' },
        {
          request: {
            industry: 'Travel & Hospitality',
            time: { kind: 'relative', unit: 'month', offset: -1 },
            compare: 'previous_year',
          },
          channel: 'C0777',
          scheduleId: 'sched-test-every-2s',
          orderedAt: new Date().toISOString(),
        },
      );
      await h.fake.waitFor(() => summaries().some((s) => s.args.channel === 'C0777'), 30_000);
      expect(JSON.stringify(summaries()[0]?.args.blocks)).toContain(
        'Travel & Hospitality industry report — November 2025',
      );
    } finally {
      await queue.removeSchedule('sched-test-every-2s');
      await queue.close();
    }
  });
});

describe('a worker killed mid-report', () => {
  it('is replaced by another worker and the channel still gets exactly one report', async () => {
    const web = await startSlackHarness(
      { SCOUT_WORKER_LOCK_MS: '1000', SCOUT_WORKER_STALLED_MS: '1000' },
      'web',
    );
    const spawnWorker = (): ChildProcess =>
      spawn(process.execPath, [resolve(projectRoot, 'bin/scout.js'), 'serve', '--role', 'worker'], {
        env: {
          ...process.env,
          SLACK_BOT_TOKEN: 'xoxb-test',
          SLACK_API_URL: web.fake.url,
          DUCKDB_PATH: sampleWarehouse,
          SCOUT_REDIS_PREFIX: web.prefix,
          SCOUT_WORKER_LOCK_MS: '1000',
          SCOUT_WORKER_STALLED_MS: '1000',
          SCOUT_REPORT_STAGE_DELAY_MS: '700',
          LOG_LEVEL: 'silent',
        },
        stdio: 'ignore',
      });
    const first = spawnWorker();
    let second: ChildProcess | null = null;
    try {
      await sendSlackRequest(
        web.url,
        'command',
        slashCommand({
          command: '/report',
          text: 'automotive Q2 2025',
          response_url: web.fake.responseUrl(),
        }),
        { signingSecret },
      );
      // Wait until the first worker is inside the pipeline, then kill it without warning.
      await web.fake.waitFor(
        (calls) =>
          calls.some((c) => c.method === 'chat.update' && String(c.args.text).includes('(statistics)')),
        30_000,
      );
      first.kill('SIGKILL');
      second = spawnWorker();
      const done = () =>
        ok(web.fake.callsTo('chat.update')).filter((c) =>
          JSON.stringify(c.args.blocks ?? []).includes('"type":"header"'),
        );
      await web.fake.waitFor(
        () =>
          done().length >= 1 &&
          ok(web.fake.callsTo('files.completeUploadExternal')).filter((c) => c.args.thread_ts).length >= 6,
        60_000,
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(done()).toHaveLength(1);
      const markdownFiles = ok(web.fake.callsTo('files.completeUploadExternal')).filter((c) =>
        JSON.stringify(c.args.files).includes('(Markdown)'),
      );
      expect(markdownFiles).toHaveLength(1);
      expect(ok(web.fake.callsTo('chat.postMessage'))).toHaveLength(1);
    } finally {
      first.kill('SIGKILL');
      second?.kill('SIGTERM');
      await web.close();
    }
  }, 120_000);
});
