import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventCallback, sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import {
  blockText,
  okPosts,
  postsAfterRedelivery,
  type SlackHarness,
  signingSecret,
  startSlackHarness,
} from '../fixtures/slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  // Nothing listens on port 1: Redis is "down" for the whole life of this app.
  h = await startSlackHarness({ REDIS_URL: 'redis://127.0.0.1:1' });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.fake.reset());

const posts = () => okPosts(h);

describe('with Redis down', () => {
  it('starts anyway, reports unhealthy, and still answers /ask without memory', async () => {
    const health = await fetch(h.url.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false, detail: { redis: 'unreachable' } });

    const response = await sendSlackRequest(
      h.url,
      'command',
      slashCommand({ command: '/ask', text: 'total spend in 2025', response_url: h.fake.responseUrl() }),
      {
        signingSecret,
      },
    );
    expect(response.status).toBe(200);
    await h.fake.waitFor(() => posts().length === 1, 10_000);
    expect(blockText(posts()[0]?.args.blocks)).toMatch(/Spend in 2025 was \$/);
  });

  it('still answers a redelivered event once (dedupe falls back to process memory)', async () => {
    const event = eventCallback(
      {
        type: 'app_mention',
        user: 'U0001',
        channel: 'C0001',
        text: '<@U0BOT0001> CTR by channel in 2025',
        ts: '1700000500.000100',
      },
      { event_id: 'Ev-down-retry' },
    );
    expect(await postsAfterRedelivery(h, 'event', event, 3)).toBe(1);
  });

  it('answers a slash command without a trigger id once when it is delivered twice', async () => {
    const command = slashCommand({ command: '/ask', text: 'ROAS by market in 2025', trigger_id: '' });
    expect(await postsAfterRedelivery(h, 'command', { ...command, response_url: h.fake.responseUrl() })).toBe(
      1,
    );
  });
});
