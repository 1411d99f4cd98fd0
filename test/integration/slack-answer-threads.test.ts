import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askInChannel,
  postsIn as postsInChannel,
  type SlackHarness,
  startSlackHarness,
} from '../fixtures/slack-harness.ts';
import {
  type BlockEvent,
  blockChannelName,
  cpuBoundWarehouse,
} from '../fixtures/threads/cpu-bound-warehouse.ts';

/**
 * Every warehouse query of an answer blocks its event loop for two seconds (on the answer thread,
 * and on the main thread too if answering ever ran there). Another request's ack must still
 * come back while that block lasts, and each request gets exactly one reply.
 */
let h: SlackHarness;
let events: BlockEvent[] = [];
let listener: BroadcastChannel;
beforeAll(async () => {
  h = await startSlackHarness({ SCOUT_ANSWER_THREADS: '1' }, 'web', {
    answerThreadEntry: new URL('../fixtures/threads/cpu-bound-ask-thread.ts', import.meta.url),
    wrapAnalyst: (analyst, prefix) => ({
      ...analyst,
      warehouse: cpuBoundWarehouse(analyst.warehouse, blockChannelName(prefix)),
    }),
  });
  listener = new BroadcastChannel(blockChannelName(h.prefix));
  listener.onmessage = (message) => events.push((message as { data: BlockEvent }).data);
});
afterAll(async () => {
  listener?.close();
  await h?.close();
});

const wallClock = () => performance.timeOrigin + performance.now();
const ask = (text: string, channel: string) => askInChannel(h, text, channel);
const postsIn = (channel: string) => postsInChannel(h, channel);

describe('/ask while another answer holds the CPU', () => {
  it("acks the second request before the first answer's CPU block ends; each gets exactly one answer", async () => {
    events = [];
    const first = await ask('total spend in 2025', 'CSLOW1');
    expect(JSON.parse(first.body).text).toContain('Looking into it');
    await h.fake.waitFor(() => events.some((e) => e.kind === 'start'), 20_000);
    const blockStarted = events.find((e) => e.kind === 'start') as BlockEvent;

    const second = await ask('CTR by channel last quarter', 'CSLOW2');
    const secondAckedAt = wallClock();
    expect(JSON.parse(second.body).text).toContain('Looking into it');

    await h.fake.waitFor(() => events.some((e) => e.kind === 'end'), 20_000);
    const blockEnded = events.find((e) => e.kind === 'end') as BlockEvent;
    // The order is the claim: the ack came back inside the first answer's block, not after it.
    expect(secondAckedAt).toBeGreaterThan(blockStarted.at);
    expect(secondAckedAt).toBeLessThan(blockEnded.at);

    await h.fake.waitFor(() => postsIn('CSLOW1').length + postsIn('CSLOW2').length >= 2, 60_000);
    // Long enough for a duplicate or a late extra reply to show.
    await new Promise((r) => setTimeout(r, 500));
    expect(postsIn('CSLOW1')).toHaveLength(1);
    expect(postsIn('CSLOW2')).toHaveLength(1);
    expect(h.fake.responses).toEqual([]);
  }, 90_000);

  it('shuts down (as on SIGTERM) only after the answer in flight on a thread is posted, once', async () => {
    events = [];
    h.fake.reset();
    await ask('total spend in 2025', 'CSTOP1');
    await h.fake.waitFor(() => events.some((e) => e.kind === 'start'), 20_000);
    let stopped = false;
    const stopping = h.stop().then(() => {
      stopped = true;
    });
    await h.fake.waitFor(() => postsIn('CSTOP1').length === 1 || stopped, 60_000);
    // The answer went out while shutdown waited for it; shutdown then completed.
    expect(postsIn('CSTOP1')).toHaveLength(1);
    await stopping;
    expect(postsIn('CSTOP1')).toHaveLength(1);
    expect(h.fake.responses).toEqual([]);
  }, 90_000);
});
