import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { blockText, type SlackHarness, signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  // Nothing listens on port 1: Redis is "down" for the whole life of this app.
  h = await startSlackHarness({ REDIS_URL: 'redis://127.0.0.1:1' });
});
afterAll(async () => {
  await h.close();
});

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
    await h.fake.waitFor(
      (calls) => calls.some((c) => c.method === 'chat.postMessage' && c.status === 200),
      10_000,
    );
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.status === 200);
    expect(blockText(post?.args.blocks)).toMatch(/Spend in 2025 was \$/);
  });
});
