/**
 * `/ask` under load: signed slash commands fired at a fixed concurrency into the real Scout Slack
 * app (Bolt HTTP receiver, the real compose wiring, embedded DuckDB, real Redis), with the local
 * Slack Web API fake receiving the replies. Beside it, in the same process and first, a bare
 * Bolt app that only acks: the floor the receiver itself costs on this machine.
 *
 * Each request has its own channel and response_url, so every reply is matched to its request:
 * an answer (chat.postMessage in its channel), an error (its response_url) or "busy" (the ack).
 * The receiving thread's event-loop delay is printed too: how long an ack could have waited for
 * the loop. BENCH_LOAD_ANSWER_THREADS=0 measures answering on the receiving thread, for comparison.
 * Figures, not pass/fail.
 */

import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { busyText } from '../../handlers/queued-answer.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { sendSlackRequest, signSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { freePort, signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';
import { ms, percentile } from './stats.ts';

const total = Number(process.env.BENCH_LOAD_REQUESTS ?? 500);
const concurrency = Number(process.env.BENCH_LOAD_CONCURRENCY ?? 50);
const replyTimeoutMs = Number(process.env.BENCH_LOAD_REPLY_TIMEOUT_MS ?? 600_000);
/** Answer threads of the Scout run (SCOUT_ANSWER_THREADS; 0 answers on the receiving thread). */
const answerThreads = process.env.BENCH_LOAD_ANSWER_THREADS;
const SLACK_ACK_LIMIT_MS = 3000;
const questions = [
  'total spend in 2025',
  'CTR by channel last quarter',
  'top 5 brands by spend in Gaming last quarter',
  'monthly ROAS for cars in 2024',
  'spend by market by month in 2025',
];

interface Ack {
  ok: boolean;
  elapsedMs: number;
  busy: boolean;
}

interface RunFigures {
  acks: Ack[];
  peakRss: number;
  rssAfter: number;
  /** Replies per request index: answers, error messages and busy acks. */
  replies: number[];
  answered: number;
  errors: number;
  busy: number;
  repliesMs: number;
  /** How long the receiving event loop was blocked (nanoseconds), from the first request to the last reply. */
  loopDelay: { p50: number; p99: number; max: number };
}

const channelOf = (k: number) => `CLOAD${String(k).padStart(4, '0')}`;

/** The receiver's event-loop delay: an ack can wait at most this long for the loop. */
function loopDelaySampler() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop: () => {
      histogram.disable();
      return { p50: histogram.percentile(50), p99: histogram.percentile(99), max: histogram.max };
    },
  };
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/**
 * One signed /ask on its own connection, as Slack's requests arrive (from many hosts). The
 * signer's fetch shares a keep-alive pool that, at 50 in flight in this same process, adds
 * seconds of client-side queueing to bare acks on a small machine; node:http without keep-alive
 * measures the server instead.
 */
function postSigned(url: string, fields: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(fields).toString();
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error('the load bench only talks to loopback');
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent: false,
        headers: { ...signSlackRequest(body, signingSecret), 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Fires `total` signed /ask requests, `concurrency` at a time; a request that fails counts as not acked. */
async function fire(url: string, fake: FakeSlack): Promise<Ack[]> {
  const acks: Ack[] = new Array(total);
  let next = 0;
  const lane = async () => {
    while (next < total) {
      const k = next++;
      const started = performance.now();
      try {
        const response = await postSigned(
          url,
          slashCommand({
            command: '/ask',
            text: questions[k % questions.length] ?? 'spend',
            channel_id: channelOf(k),
            response_url: fake.responseUrl(`load-${k}`),
            trigger_id: `load-${k}-${Date.now()}`,
          }),
        );
        acks[k] = {
          ok: response.status === 200,
          elapsedMs: performance.now() - started,
          busy: response.body.includes(busyText.slice(0, 30)),
        };
      } catch {
        acks[k] = { ok: false, elapsedMs: performance.now() - started, busy: false };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return acks;
}

/** A few empty /ask requests (answered with usage, never queued) so both runs start warm. */
async function warmUp(url: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await sendSlackRequest(url, 'command', slashCommand({ command: '/ask', text: '' }), { signingSecret });
  }
}

function countReplies(fake: FakeSlack, acks: Ack[]) {
  const replies = new Array<number>(total).fill(0);
  const index = new Map(Array.from({ length: total }, (_, k) => [channelOf(k), k]));
  let answered = 0;
  let errors = 0;
  for (const call of fake.callsTo('chat.postMessage')) {
    const k = index.get(String(call.args.channel));
    if (k === undefined || call.status !== 200 || call.error) continue;
    replies[k] = (replies[k] ?? 0) + 1;
    answered += 1;
  }
  for (const response of fake.responses) {
    const k = Number(response.id.replace('load-', ''));
    if (!Number.isInteger(k) || k < 0 || k >= total) continue;
    replies[k] = (replies[k] ?? 0) + 1;
    errors += 1;
  }
  const busy = acks.filter((a) => a.busy).length;
  acks.forEach((a, k) => {
    if (a.busy) replies[k] = (replies[k] ?? 0) + 1;
  });
  return { replies, answered, errors, busy };
}

async function settleRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((r) => setTimeout(r, 1000));
  gc?.();
  return process.memoryUsage().rss;
}

/** The floor: a bare Bolt HTTP app whose /ask listener only acks. */
async function runBareAck(): Promise<RunFigures> {
  const fake = await startFakeSlack({ botToken: 'xoxb-test' });
  const port = await freePort();
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: '/slack/events',
    processBeforeResponse: false,
  });
  const app = new App({
    token: 'xoxb-test',
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.url },
  });
  app.command('/ask', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: ':mag: Looking into it…' });
  });
  await app.start(port);
  await warmUp(`http://127.0.0.1:${port}/slack/events`);
  const rss = rssSampler();
  const loop = loopDelaySampler();
  const started = performance.now();
  const acks = await fire(`http://127.0.0.1:${port}/slack/events`, fake);
  const repliesMs = performance.now() - started;
  const loopDelay = loop.stop();
  const peakRss = rss.stop();
  await app.stop();
  await fake.close();
  return {
    acks,
    peakRss,
    rssAfter: await settleRss(),
    replies: [],
    answered: 0,
    errors: 0,
    busy: 0,
    repliesMs,
    loopDelay,
  };
}

/** The real app; waits until every request has its reply (or the timeout). */
async function runScout(): Promise<RunFigures> {
  const h = await startSlackHarness(answerThreads ? { SCOUT_ANSWER_THREADS: answerThreads } : {});
  try {
    await warmUp(h.url);
    const rss = rssSampler();
    const loop = loopDelaySampler();
    const started = performance.now();
    const acks = await fire(h.url, h.fake);
    const busyAcks = acks.filter((a) => a.busy).length;
    await h.fake
      .waitFor(() => {
        const { answered, errors } = countReplies(h.fake, []);
        return answered + errors + busyAcks >= total;
      }, replyTimeoutMs)
      .catch(() => console.log(`(not every request had its reply after ${replyTimeoutMs / 1000} s)`));
    const repliesMs = performance.now() - started;
    // A moment longer, so a second reply to the same request would show.
    await new Promise((r) => setTimeout(r, 1000));
    const loopDelay = loop.stop();
    const peakRss = rss.stop();
    const counted = countReplies(h.fake, acks);
    h.fake.reset();
    return { acks, peakRss, rssAfter: await settleRss(), repliesMs, loopDelay, ...counted };
  } finally {
    await h.close();
  }
}

function ackLine(label: string, run: RunFigures) {
  const times = run.acks.map((a) => (a.ok ? a.elapsedMs : Number.POSITIVE_INFINITY));
  const under = run.acks.filter((a) => a.ok && a.elapsedMs < SLACK_ACK_LIMIT_MS).length;
  const finite = times.filter(Number.isFinite);
  console.log(
    `${label}: ack p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, p99 ${ms(percentile(times, 99))}, max ${ms(Math.max(...finite))}; ${((100 * under) / total).toFixed(1)}% under 3 s; ${total - run.acks.filter((a) => a.ok).length} not acked`,
  );
  return { p50: percentile(times, 50), p99: percentile(times, 99), under };
}

const loopLine = (run: RunFigures) =>
  `p50 ${ms(run.loopDelay.p50 / 1e6)}, p99 ${ms(run.loopDelay.p99 / 1e6)}, max ${ms(run.loopDelay.max / 1e6)}`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const baseline = await runBareAck();
const scout = await runScout();

console.log(`\n## Slack /ask under load: ${total} signed requests, ${concurrency} at a time`);
const base = ackLine('baseline (bare Bolt app, ack only)', baseline);
const real = ackLine(
  `Scout (answer queue, real wiring, ${answerThreads ?? 'default'} answer threads)`,
  scout,
);
const once = scout.replies.filter((n) => n === 1).length;
const twice = scout.replies.filter((n) => n > 1).length;
console.log(
  `Scout replies: ${once}/${total} requests got exactly one (${scout.answered} answers, ${scout.errors} error messages, ${scout.busy} busy), ${twice} got more than one, ${total - once - twice} none; all in ${(scout.repliesMs / 1000).toFixed(1)} s`,
);
console.log(
  `event-loop delay of the receiving thread: baseline ${loopLine(baseline)}; Scout ${loopLine(scout)}`,
);
console.log(
  `RSS: baseline peak ${mb(baseline.peakRss)}, after ${mb(baseline.rssAfter)}; Scout peak ${mb(scout.peakRss)}, after ${mb(scout.rssAfter)}`,
);
console.log(
  `ratios Scout/baseline: ack p50 ${(real.p50 / base.p50).toFixed(2)}×, p99 ${(real.p99 / base.p99).toFixed(2)}×, under 3 s ${(real.under / Math.max(1, base.under)).toFixed(2)}×, peak RSS ${(scout.peakRss / baseline.peakRss).toFixed(2)}×`,
);
process.exit(0);
