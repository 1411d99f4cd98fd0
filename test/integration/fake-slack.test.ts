import { App, LogLevel, verifySlackRequest, webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_WORKSPACE, type FakeSlack, startFakeSlack } from '../fakes/fake-slack.ts';
import { eventCallback, sendSlackRequest, signSlackRequest, slashCommand } from '../fakes/slack-signer.ts';

// The real client, via Bolt's re-export (@slack/web-api is Bolt's dependency, not ours).
const { WebClient } = webApi;
const TOKEN = 'xoxb-fake-scout';
const SECRET = 'fake-signing-secret';

let fake: FakeSlack;
let client: webApi.WebClient;

beforeAll(async () => {
  fake = await startFakeSlack({ botToken: TOKEN });
  client = new WebClient(TOKEN, {
    slackApiUrl: fake.url,
    retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 50 },
    logLevel: LogLevel.ERROR,
  });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

/** The rejection of a promise, for asserting on error fields. */
async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  return error as Record<string, unknown>;
}

describe('fake Slack Web API driven by the real WebClient', () => {
  it('decodes form-encoded blocks on chat.postMessage and answers like Slack', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*CTR* rose 4%' } }];
    const result = await client.chat.postMessage({ channel: 'C0001', text: 'CTR rose', blocks });
    expect(result.ok).toBe(true);
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.message?.blocks).toEqual(blocks);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.token).toBe(TOKEN);
    expect(call?.args).toEqual({ channel: 'C0001', text: 'CTR rose', blocks });
    // The scopes header becomes response_metadata, as with real Slack.
    expect(result.response_metadata?.acceptedScopes).toEqual(['chat:write']);

    const second = await client.chat.postMessage({ channel: 'C0001', text: 'again' });
    expect(Number(second.ts)).toBeGreaterThan(Number(result.ts));
  });

  it('answers auth and argument errors with Slack error codes', async () => {
    const noText = await rejection(client.chat.postMessage({ channel: 'C0001', text: '' }));
    expect((noText.data as Record<string, unknown>).error).toBe('no_text');
    const badToken = new WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    const invalid = await rejection(badToken.auth.test());
    expect((invalid.data as Record<string, unknown>).error).toBe('invalid_auth');
    const unknown = await rejection(client.apiCall('nothing.here'));
    expect((unknown.data as Record<string, unknown>).error).toBe('unknown_method');
  });

  it('runs files.uploadV2 as three steps and records the bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const result = await client.filesUploadV2({ file: bytes, filename: 'chart.png', title: 'Spend by week' });
    expect(fake.calls.map((call) => call.method)).toEqual([
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    // Form values are strings on the wire: `length` arrives as '7'.
    expect(fake.calls[0]?.args).toEqual({ filename: 'chart.png', length: String(bytes.length) });
    const [upload] = fake.uploads;
    expect(upload?.filename).toBe('chart.png');
    expect(upload?.bytes.equals(bytes)).toBe(true);
    // `files` travels as a JSON string; no channel_id means the file stays private.
    expect(fake.calls[1]?.args).toEqual({ files: [{ id: upload?.fileId, title: 'Spend by week' }] });
    const completion = result.files[0];
    expect(completion?.files?.[0]?.id).toBe(upload?.fileId);
  });

  it('streams with chat.*Stream and refuses appends after stop', async () => {
    const streamer = client.chatStream({
      channel: 'C0001',
      thread_ts: '1700000000.000100',
      recipient_user_id: 'U0001',
      recipient_team_id: 'T0001',
      buffer_size: 5,
    });
    await streamer.append({ markdown_text: 'Hello world' });
    await streamer.append({ markdown_text: ', again' });
    await streamer.stop();
    expect(fake.calls.map((call) => call.method)).toEqual([
      'chat.startStream',
      'chat.appendStream',
      'chat.stopStream',
    ]);
    expect(fake.callsTo('chat.appendStream')[0]?.args.chunks).toEqual([
      { type: 'markdown_text', text: ', again' },
    ]);
    const late = await rejection(
      client.chat.appendStream({ channel: 'C0001', ts: streamer.ts ?? '', markdown_text: 'late' }),
    );
    expect((late.data as Record<string, unknown>).error).toBe('message_not_in_streaming_state');
  });

  it('is retried by the client after Retry-After on a 429', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const started = performance.now();
    const result = await client.chat.postMessage({ channel: 'C0001', text: 'patience' });
    const elapsed = performance.now() - started;
    expect(result.ok).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
  });

  it('surfaces a 500 as an HTTP error once retries are exhausted', async () => {
    fake.failNext('chat.update', { status: 500 }, 2);
    const error = await rejection(client.chat.update({ channel: 'C0001', ts: '1.2', text: 'x' }));
    expect(error.code).toBe('slack_webapi_http_error');
    expect(error.statusCode).toBe(500);
    expect(fake.callsTo('chat.update')).toHaveLength(2);
  });

  it('surfaces { ok: false } as a platform error with the code', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const error = await rejection(client.chat.postMessage({ channel: 'C0404', text: 'hi' }));
    expect(error.code).toBe('slack_webapi_platform_error');
    expect((error.data as Record<string, unknown>).error).toBe('channel_not_found');
  });

  it('waitFor lists the calls it saw when it times out', async () => {
    await client.auth.test();
    await expect(fake.waitFor((calls) => calls.length > 5, 50)).rejects.toThrow(/auth\.test/);
  });
});

describe('Slack request signer', () => {
  const body = JSON.stringify(eventCallback({ type: 'app_mention', text: 'hi', ts: '1700000000.000100' }));
  const verify = (secret: string, timestampSeconds?: number) => {
    const headers = signSlackRequest(body, SECRET, timestampSeconds);
    verifySlackRequest({
      signingSecret: secret,
      body,
      headers: {
        'x-slack-signature': headers['x-slack-signature'],
        'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
      },
    });
  };

  it('produces signatures Bolt accepts', () => {
    expect(() => verify(SECRET)).not.toThrow();
  });

  it('is rejected with the wrong secret or a 6-minute-old timestamp', () => {
    expect(() => verify('another-secret')).toThrow(/signature mismatch/);
    expect(() => verify(SECRET, Math.floor(Date.now() / 1000) - 6 * 60)).toThrow(/stale/);
  });
});

describe('real Bolt app against the fake', () => {
  let app: App;
  let eventsUrl: string;

  beforeAll(async () => {
    app = new App({
      token: TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
    });
    app.command('/ask', async ({ ack, respond }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: 'on it' });
    });
    app.event('app_mention', async ({ event, say }) => {
      await say({ text: `hello <@${event.user}>`, thread_ts: event.ts });
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    eventsUrl = `http://127.0.0.1:${address.port}/slack/events`;
  });
  afterAll(() => app.stop());

  it('accepts a signed slash command and its respond() reaches the response_url', async () => {
    const responseUrl = fake.responseUrl('cmd1');
    const command = slashCommand({ command: '/ask', text: 'spend last week', response_url: responseUrl });
    const result = await sendSlackRequest(eventsUrl, 'command', command, { signingSecret: SECRET });
    expect(result.status).toBe(200);
    await expect
      .poll(() => fake.responses)
      .toEqual([{ id: 'cmd1', body: { response_type: 'ephemeral', text: 'on it' } }]);
  });

  it('accepts a signed event and say() posts through the fake', async () => {
    const event = eventCallback({
      type: 'app_mention',
      user: FAKE_WORKSPACE.userId,
      channel: 'C0001',
      text: `<@${FAKE_WORKSPACE.botUserId}> hi`,
      ts: '1700000001.000100',
    });
    const result = await sendSlackRequest(eventsUrl, 'event', event, { signingSecret: SECRET, retryNum: 1 });
    expect(result.status).toBe(200);
    await fake.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage'));
    expect(fake.callsTo('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'C0001',
      thread_ts: '1700000001.000100',
      text: 'hello <@U0001>',
    });
  });

  it('answers 401 to a bad signature', async () => {
    const command = slashCommand();
    const result = await sendSlackRequest(eventsUrl, 'command', command, {
      signingSecret: SECRET,
      signature: 'v0=deadbeef',
    });
    expect(result.status).toBe(401);
  });
});
