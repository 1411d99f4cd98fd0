import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  blockAction,
  eventCallback,
  sendSlackRequest,
  slashCommand,
  viewSubmission,
} from '../fakes/slack-signer.ts';
import {
  blockText,
  finishedStreams,
  okPosts,
  type SlackHarness,
  signingSecret,
  startSlackHarness,
} from '../fixtures/slack-harness.ts';

/**
 * Scout as a Slack agent, the real app against the fake Slack: the DM's greeting, Home, a
 * streamed mention ending with native feedback, the 👎 form, and blocks Slack refuses.
 */
let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.fake.reset());

const send = (payload: { type: string } & Record<string, unknown>, id: string) =>
  sendSlackRequest(h.url, 'event', eventCallback(payload, { event_id: id }), { signingSecret });

async function mention(text: string, ts: string, id: string) {
  await send({ type: 'app_mention', user: 'U0001', channel: 'C0001', text: `<@U0BOT0001> ${text}`, ts }, id);
  await h.fake.waitFor(() => finishedStreams(h).length === 1, 15_000);
  return finishedStreams(h)[0];
}

const answerIdIn = (blocks: unknown) => /"value":"(a-[0-9a-f]+)"/.exec(blockText(blocks))?.[1] ?? '';

describe('the DM and Home', () => {
  it('greets an opened DM with up to four prompts, the user’s own questions first', async () => {
    await send({ type: 'app_home_opened', user: 'U0NEW', channel: 'D0NEW', tab: 'messages' }, 'Ev-agent-1');
    await h.fake.waitFor(() => h.fake.callsTo('assistant.threads.setSuggestedPrompts').length === 1);
    const first = h.fake.callsTo('assistant.threads.setSuggestedPrompts')[0];
    expect(first?.error).toBeNull();
    expect(first?.args.channel_id).toBe('D0NEW');
    // Under agent_view the prompts belong to the DM: with a thread_ts Slack would drop them.
    expect(first?.args.thread_ts).toBeUndefined();
    expect(first?.args.prompts).toHaveLength(4);

    await send(
      {
        type: 'message',
        channel_type: 'im',
        user: 'U0001',
        channel: 'D0001',
        text: 'CTR by channel in 2025',
        ts: '1700000900.000100',
      },
      'Ev-agent-2',
    );
    await h.fake.waitFor(() => finishedStreams(h).length === 1, 15_000);
    await send({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'messages' }, 'Ev-agent-3');
    await h.fake.waitFor(() => h.fake.callsTo('assistant.threads.setSuggestedPrompts').length === 2);
    const prompts = h.fake.callsTo('assistant.threads.setSuggestedPrompts')[1]?.args.prompts as {
      message: string;
    }[];
    expect(prompts).toHaveLength(4);
    expect(prompts[0]?.message).toBe('CTR by channel in 2025');
  });

  it('publishes Home with what Scout can do and the user’s recent answers', async () => {
    await mention('total spend in 2025', '1700000910.000100', 'Ev-agent-4');
    await send({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'home' }, 'Ev-agent-5');
    await h.fake.waitFor(() => h.fake.callsTo('views.publish').length === 1);
    expect(h.fake.callsTo('views.publish')[0]?.error).toBeNull();
    const home = blockText(h.fake.home('U0001')?.blocks);
    expect(home).toContain('top 5 brands by spend in Gaming last quarter');
    expect(home).toContain('total spend in 2025');
    expect(home).toContain('/report');
    // A plain member sees no admin counts.
    expect(home).not.toContain('For admins');

    h.fake.setUserRoles('U0ADMIN', { admin: true });
    await send({ type: 'app_home_opened', user: 'U0ADMIN', channel: 'D0ADMIN', tab: 'home' }, 'Ev-agent-6');
    await h.fake.waitFor(() => h.fake.home('U0ADMIN') !== undefined);
    expect(blockText(h.fake.home('U0ADMIN')?.blocks)).toContain('For admins');
  });
});

describe('a streamed mention', () => {
  it('starts in the thread for the asker, appends progress then the text, and stops with feedback buttons', async () => {
    const stream = await mention(
      'top 5 brands by spend in Gaming last quarter',
      '1700000920.000100',
      'Ev-agent-7',
    );
    const start = h.fake.callsTo('chat.startStream')[0];
    expect(start?.args).toMatchObject({
      channel: 'C0001',
      thread_ts: '1700000920.000100',
      recipient_user_id: 'U0001',
      recipient_team_id: 'T0001',
    });
    const order = h.fake.calls
      .map((c) => c.method)
      .filter((m) => m.startsWith('chat.') && m.endsWith('Stream'));
    expect(order[0]).toBe('chat.startStream');
    expect(order.at(-1)).toBe('chat.stopStream');
    expect(order.filter((m) => m === 'chat.appendStream').length).toBeGreaterThanOrEqual(2);
    const tasks = (stream?.chunks ?? []).filter((c) => c.type === 'task_update');
    expect(tasks.filter((t) => t.status === 'complete').map((t) => t.id)).toEqual(
      expect.arrayContaining(['understand', 'query', 'chart', 'check']),
    );
    expect(stream?.text).toContain('Top 5 brands');
    const closing = blockText(stream?.blocks);
    expect(closing).toContain('"type":"context_actions"');
    expect(closing).toContain('"type":"feedback_buttons"');
    expect(closing).toContain('"type":"image"');
    expect(closing).toContain('Asked by <@U0001>');
    // The SQL is behind "How I got this", not in the message.
    expect(closing).not.toContain('SELECT');
    expect(h.fake.calls.every((c) => c.error === null)).toBe(true);
  });

  it('stores what a 👎 form says on the answer’s record', async () => {
    const stream = await mention('CTR by channel in 2025', '1700000930.000100', 'Ev-agent-8');
    const answerId = answerIdIn(stream?.blocks);
    expect(answerId).toMatch(/^a-/);
    // The record exists by the time the buttons show.
    expect(await h.runtime.answers.get(answerId)).not.toBeNull();
    await sendSlackRequest(
      h.url,
      'interactive',
      blockAction({
        action_id: 'answer_feedback',
        action_type: 'feedback_buttons',
        value: `down:${answerId}`,
        response_url: h.fake.responseUrl('down'),
      }),
      { signingSecret },
    );
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length === 1);
    const form = h.fake.callsTo('views.open')[0]?.args.view as {
      callback_id: string;
      private_metadata: string;
    };
    expect(form.callback_id).toBe('answer_feedback_form');
    const submitted = await sendSlackRequest(
      h.url,
      'interactive',
      viewSubmission({
        callback_id: 'answer_feedback_form',
        private_metadata: form.private_metadata,
        values: {
          reason: { reason: { type: 'radio_buttons', selected_option: { value: 'wrong_period' } } },
          comment: {
            comment: { type: 'plain_text_input', value: 'I meant the fiscal year, mail me at a@b.co' },
          },
        },
      }),
      { signingSecret },
    );
    expect(submitted.status).toBe(200);
    const deadline = Date.now() + 5000;
    let vote: { value?: string; reason?: string; comment?: string } | undefined;
    while (Date.now() < deadline && vote?.reason === undefined) {
      vote = (await h.runtime.answers.get(answerId))?.feedback[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(vote).toMatchObject({ value: 'down', reason: 'wrong_period' });
    expect(vote?.comment).toContain('fiscal year');
    expect(vote?.comment).not.toContain('a@b.co');
  });
});

describe('blocks Slack refuses', () => {
  it('ends a stream without the chart when Slack refuses its closing blocks', async () => {
    h.fake.failNext('chat.stopStream', { error: 'invalid_blocks' });
    await send(
      {
        type: 'app_mention',
        user: 'U0001',
        channel: 'C0001',
        text: '<@U0BOT0001> top 5 brands by spend in Gaming last quarter',
        ts: '1700000940.000100',
      },
      'Ev-agent-9',
    );
    await h.fake.waitFor(() => finishedStreams(h).length === 1, 15_000);
    const closing = blockText(finishedStreams(h)[0]?.blocks);
    expect(closing).not.toContain('"type":"image"');
    expect(closing).toContain('feedback_buttons');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('re-posts a slash command answer without the failing part on invalid_blocks', async () => {
    h.fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await sendSlackRequest(
      h.url,
      'command',
      slashCommand({
        command: '/ask',
        text: 'top 5 brands by spend in Gaming last quarter',
        response_url: h.fake.responseUrl('ask'),
      }),
      { signingSecret },
    );
    await h.fake.waitFor(() => okPosts(h).length === 1, 15_000);
    const posted = blockText(okPosts(h)[0]?.args.blocks);
    expect(posted).not.toContain('"type":"image"');
    expect(posted).toContain('Top 5 brands');
    // No "Slack did not accept my reply" went to the user.
    expect(h.fake.responses.filter((r) => r.id === 'ask')).toHaveLength(0);
  });
});
