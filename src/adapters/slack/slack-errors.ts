import { z } from 'zod';
import { ScoutError } from '../../errors.ts';

/**
 * Slack Web API errors, one way. The shapes are those of @slack/web-api 8's errors.ts: every
 * error it raises carries a `code`; a platform error (`ok: false`) carries the answer in `data`,
 * an HTTP error its `statusCode`. The WebClient retries request and HTTP errors and waits out
 * 429s itself (p-retry, per `retryConfig`), marking each attempt on the error (`attemptNumber`);
 * once it gives up on a 429 it throws a plain "A rate limit was exceeded" error.
 *
 * | error                                                            | code         | retryable |
 * | ---------------------------------------------------------------- | ------------ | --------- |
 * | platform error ratelimited, internal_error, fatal_error,         | slack_failed | yes       |
 * |   service_unavailable, request_timeout                           |              |           |
 * | platform error not_in_channel, channel_not_found (invite me)     | slack_failed | no        |
 * | platform error invalid_blocks, invalid_blocks_format, invalid_   | slack_blocks_ | no        |
 * |   attachments, file_not_found… (the blocks, not the reply)       |   rejected    |           |
 * | any other platform error (invalid_auth, missing_scope…)          | slack_failed | no        |
 * | slack_webapi_rate_limited_error, "A rate limit was exceeded"     | slack_failed | yes       |
 * | "Failed to upload file" (the upload URL refused the bytes)       | slack_failed | yes       |
 * | slack_webapi_request_error (network)                             | slack_failed | yes       |
 * | slack_webapi_http_error 5xx / other status                       | slack_failed | yes / no  |
 * | slack_webapi_file_upload_* (bad arguments, unreadable file)      | slack_failed | no        |
 * | anything that is not a Web API error (a bug of ours)             | internal     | no        |
 *
 * `retried` is set when the WebClient already made more than one attempt.
 */

const webApiErrorSchema = z.object({
  code: z.string().startsWith('slack_webapi_'),
  message: z.string().catch(''),
  data: z
    .object({ error: z.string().catch('') })
    .optional()
    .catch(undefined),
  statusCode: z.number().int().optional().catch(undefined),
  attemptNumber: z.number().int().optional().catch(undefined),
});

/**
 * Plain errors the WebClient throws without a code (WebClient.ts): a 429 whose retries are spent
 * or whose Retry-After is unreadable, and a file upload whose bytes Slack did not take.
 */
const PLAIN_CLIENT_ERRORS: readonly { prefix: string; retryable: boolean }[] = [
  { prefix: 'A rate limit was exceeded', retryable: true },
  { prefix: 'Retry header did not contain a valid timeout', retryable: true },
  { prefix: 'Failed to upload file', retryable: true },
  { prefix: 'No upload url found', retryable: false },
];
const plainClientErrorSchema = z.object({
  message: z.string(),
  attemptNumber: z.number().int().optional().catch(undefined),
});

const TRANSIENT_PLATFORM = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);
const NOT_IN_CONVERSATION = new Set(['not_in_channel', 'channel_not_found']);
/** Slack refused the blocks, not the message: the same reply without the failing part can go out. */
const BLOCKS_REJECTED = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'invalid_slack_file',
  'file_not_found',
]);

const TRY_AGAIN = 'Slack did not accept my reply just now. Please try again in a moment.';
const INVITE_ME = 'I cannot post in this conversation. Invite me with /invite @Scout, or ask me in a DM.';

type WebApiError = z.infer<typeof webApiErrorSchema>;

function isRetryable(error: WebApiError): boolean {
  switch (error.code) {
    case 'slack_webapi_platform_error':
      return TRANSIENT_PLATFORM.has(error.data?.error ?? '');
    case 'slack_webapi_rate_limited_error':
    case 'slack_webapi_request_error':
      return true;
    case 'slack_webapi_http_error':
      return (error.statusCode ?? 0) >= 500;
    default:
      return false;
  }
}

function plainClientError(method: string, error: unknown): ScoutError {
  const parsed = plainClientErrorSchema.safeParse(error);
  const known = parsed.success
    ? PLAIN_CLIENT_ERRORS.find((entry) => parsed.data.message.startsWith(entry.prefix))
    : undefined;
  if (!(parsed.success && known)) {
    return new ScoutError('internal', `${method} failed outside the Web API client`, { cause: error });
  }
  return new ScoutError('slack_failed', `${method} failed: ${known.prefix}`, {
    cause: error,
    retryable: known.retryable,
    retried: (parsed.data.attemptNumber ?? 1) > 1,
    userMessage: TRY_AGAIN,
  });
}

/** Maps whatever a Web API call threw (see the table above). */
export function slackErrorToScout(method: string, error: unknown): ScoutError {
  if (error instanceof ScoutError) return error;
  const parsed = webApiErrorSchema.safeParse(error);
  if (!parsed.success) return plainClientError(method, error);
  const platformError = parsed.data.data?.error ?? '';
  const code = BLOCKS_REJECTED.has(platformError) ? 'slack_blocks_rejected' : 'slack_failed';
  return new ScoutError(code, `${method} failed: ${platformError || parsed.data.message}`, {
    cause: error,
    retryable: isRetryable(parsed.data),
    retried: (parsed.data.attemptNumber ?? 1) > 1,
    userMessage: NOT_IN_CONVERSATION.has(platformError) ? INVITE_ME : TRY_AGAIN,
  });
}
