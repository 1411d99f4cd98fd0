import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { slackErrorToScout } from '../../src/adapters/slack/slack-errors.ts';
import { worthRetrying } from '../../src/errors.ts';

describe('slackErrorToScout', () => {
  it('maps a ratelimited platform error to a retryable slack_failed the client did not retry', () => {
    const error = new webApi.WebAPIPlatformError({ ok: false, error: 'ratelimited' });
    const mapped = slackErrorToScout('chat.postMessage', error);
    expect(mapped).toMatchObject({ code: 'slack_failed', retryable: true, retried: false });
    expect(mapped.message).toBe('chat.postMessage failed: ratelimited');
    expect(worthRetrying(mapped)).toBe(true);
  });

  it('maps not_in_channel to a non-retryable slack_failed that asks to be invited', () => {
    const error = new webApi.WebAPIPlatformError({ ok: false, error: 'not_in_channel' });
    expect(slackErrorToScout('chat.postMessage', error)).toMatchObject({
      code: 'slack_failed',
      retryable: false,
      userMessage: expect.stringMatching(/Invite me with \/invite @Scout/),
    });
  });

  it('maps other platform errors (invalid_auth) to a non-retryable slack_failed', () => {
    const error = new webApi.WebAPIPlatformError({ ok: false, error: 'invalid_auth' });
    expect(slackErrorToScout('users.info', error)).toMatchObject({ code: 'slack_failed', retryable: false });
  });

  it('maps a 503 HTTP error to retryable and a 404 to not retryable', () => {
    const unavailable = new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}, '');
    const missing = new webApi.WebAPIHTTPError(404, 'Not Found', {}, '');
    expect(slackErrorToScout('chat.update', unavailable)).toMatchObject({
      code: 'slack_failed',
      retryable: true,
    });
    expect(slackErrorToScout('chat.update', missing)).toMatchObject({
      code: 'slack_failed',
      retryable: false,
    });
  });

  it('maps a rejected rate-limited call (rejectRateLimitedCalls) to a retryable slack_failed', () => {
    const error = new webApi.WebAPIRateLimitedError(30);
    expect(slackErrorToScout('chat.postMessage', error)).toMatchObject({
      code: 'slack_failed',
      retryable: true,
    });
  });

  it('marks a request error the real WebClient already retried as retried', async () => {
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: 'http://127.0.0.1:1/api/',
      retryConfig: { retries: 1, minTimeout: 1, maxTimeout: 1 },
      logger: {
        debug() {},
        info() {},
        warn() {},
        error() {},
        setLevel() {},
        getLevel: () => webApi.LogLevel.ERROR,
        setName() {},
      },
    });
    const thrown = await client.chat
      .postMessage({ channel: 'C1', text: 'hi' })
      .catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'slack_webapi_request_error' });
    expect(slackErrorToScout('chat.postMessage', thrown)).toMatchObject({
      code: 'slack_failed',
      retryable: true,
      retried: true,
    });
  });

  it('maps the error the WebClient throws once its 429 retries are spent to retryable and retried', () => {
    // WebClient.makeRequest throws this plain error after waiting out Retry-After; p-retry counts it.
    const error = Object.assign(
      new Error('A rate limit was exceeded (url: https://slack.com/api/chat.postMessage, retry-after: 1)'),
      { attemptNumber: 11, retriesLeft: 0 },
    );
    expect(slackErrorToScout('chat.postMessage', error)).toMatchObject({
      code: 'slack_failed',
      retryable: true,
      retried: true,
    });
  });

  it('maps what the Web API client did not raise to internal, with a generic user message', () => {
    const mapped = slackErrorToScout(
      'chat.postMessage',
      new TypeError("Cannot read properties of undefined (reading 'ts')"),
    );
    expect(mapped).toMatchObject({ code: 'internal', retryable: false });
    expect(mapped.userMessage).toBe('Something went wrong on my side.');
  });
});
