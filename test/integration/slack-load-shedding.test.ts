import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyText } from '../../handlers/queued-answer.ts';
import {
  askInChannel,
  postsIn as postsInChannel,
  type SlackHarness,
  startSlackHarness,
} from '../fixtures/slack-harness.ts';

// One answer at a time and one waiting: the third concurrent request finds the queue full.
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ SCOUT_ANSWER_CONCURRENCY: '1', SCOUT_ANSWER_QUEUE: '1' });
});
afterAll(async () => {
  await h.close();
});

const ask = (text: string, channel: string) => askInChannel(h, text, channel);
const postsIn = (channel: string) => postsInChannel(h, channel);

describe('/ask with the answer queue at capacity', () => {
  it('acks the next request with a busy reply and a reference id; each admitted one gets exactly one answer', async () => {
    // Answers cannot be delivered until released, so the first stays in flight.
    const release = h.fake.hold('chat.postMessage');
    try {
      const first = await ask('total spend in 2025', 'CLOAD1');
      expect(JSON.parse(first.body).text).toContain('Looking into it');
      await h.fake.waitFor(() => h.fake.held('chat.postMessage') === 1, 15_000);

      const second = await ask('CTR by channel last quarter', 'CLOAD2');
      expect(JSON.parse(second.body).text).toContain('Looking into it');

      const third = await ask('spend by market in 2025', 'CLOAD3');
      expect(third.status).toBe(200);
      const busy = JSON.parse(third.body) as { response_type: string; text: string };
      expect(busy.response_type).toBe('ephemeral');
      expect(busy.text).toContain(busyText);
      expect(busy.text).toMatch(/reference `r-[0-9a-f]{8}`/);
    } finally {
      release();
    }

    await h.fake.waitFor(() => postsIn('CLOAD1').length + postsIn('CLOAD2').length >= 2, 30_000);
    // Long enough for a duplicate or a late extra reply to show.
    await new Promise((r) => setTimeout(r, 500));
    expect(postsIn('CLOAD1')).toHaveLength(1);
    expect(postsIn('CLOAD2')).toHaveLength(1);
    expect(postsIn('CLOAD3')).toHaveLength(0);
    // No error messages went to any response_url: admitted requests were answered, not failed.
    expect(h.fake.responses).toEqual([]);

    // With the queue free again, the next request is admitted and answered.
    const fourth = await ask('total spend in 2025', 'CLOAD4');
    expect(JSON.parse(fourth.body).text).toContain('Looking into it');
    await h.fake.waitFor(() => postsIn('CLOAD4').length === 1, 30_000);
  });
});
