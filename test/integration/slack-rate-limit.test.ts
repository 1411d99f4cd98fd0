import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallback, sendSlackRequest, slashCommand } from '../fakes/slack-signer.ts';
import { type SlackHarness, signingSecret, startSlackHarness } from '../fixtures/slack-harness.ts';

// Two questions per user per minute, in the harness's own Redis prefix.
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ SCOUT_RATE_LIMIT_PER_MINUTE: '2' });
});
afterAll(async () => {
  await h.close();
});

const ask = (text: string, user: string) =>
  sendSlackRequest(
    h.url,
    'command',
    slashCommand({ command: '/ask', text, user_id: user, response_url: h.fake.responseUrl(user) }),
    { signingSecret },
  );

describe('/ask over the per-user rate limit', () => {
  it('acks the third question in a minute with when to try again; another user is still answered', async () => {
    const replies: string[] = [];
    for (const text of ['total spend in 2025', 'CTR by channel in 2025', 'spend by market in 2025'])
      replies.push((JSON.parse((await ask(text, 'URATE1')).body) as { text: string }).text);
    expect(replies[0]).toContain('Looking into it');
    expect(replies[1]).toContain('Looking into it');
    expect(replies[2]).toMatch(/Please try again in (?:29|30) seconds\./);
    const other = JSON.parse((await ask('total spend in 2025', 'URATE2')).body) as { text: string };
    expect(other.text).toContain('Looking into it');
  });

  it('counts only questions: an oversized DM is told the length limit and costs no question', async () => {
    const dm = (text: string, n: number) =>
      sendSlackRequest(
        h.url,
        'event',
        eventCallback(
          {
            type: 'message',
            channel_type: 'im',
            user: 'URATE3',
            channel: 'DRATE3',
            text,
            ts: `1700003000.00010${n}`,
          },
          { event_id: `Ev-rate-${n}` },
        ),
        { signingSecret },
      );
    for (let n = 0; n < 3; n++) await dm('x'.repeat(2_000), n);
    await h.fake.waitFor(
      () => h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === 'URATE3').length === 3,
      10_000,
    );
    const replies = h.fake.callsTo('chat.postEphemeral').filter((c) => c.args.user === 'URATE3');
    expect(replies.every((c) => String(c.args.text).includes('characters long'))).toBe(true);
    const asked = JSON.parse((await ask('total spend in 2025', 'URATE3')).body) as { text: string };
    expect(asked.text).toContain('Looking into it');
  });
});
