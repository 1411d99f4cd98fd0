import { z } from 'zod';

/**
 * What the AWS SDK (smithy) puts on the errors it throws, read through one schema instead of
 * casts. A modelled service error (`ServiceException`: ThrottlingException, AccessDenied…) has
 * `name`, `message`, `$fault` and `$metadata.httpStatusCode`; the retry middleware adds
 * `$metadata.attempts` to every error that went through it. A transport failure is a Node error
 * with a `code` (ECONNRESET, ERR_HTTP2_STREAM_ERROR…), the request handler's own timeout is a
 * `TimeoutError`, and an aborted call an `AbortError`.
 * Sources: @smithy/core submodules/client ServiceException, submodules/retry (retryMiddleware,
 * isThrottlingError, isTransientError), @smithy/node-http-handler.
 */
const awsErrorSchema = z.object({
  name: z.string().catch('Error'),
  message: z.string().catch(''),
  code: z.string().optional().catch(undefined),
  $fault: z.enum(['client', 'server']).optional().catch(undefined),
  $metadata: z
    .object({
      httpStatusCode: z.number().int().optional().catch(undefined),
      attempts: z.number().int().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

/**
 * What kind of failure an SDK error is, in the SDK's own terms (its retry middleware retries
 * `throttled`, `server` 500/502/503/504 and `transport`):
 * - throttled: a throttling name or HTTP 429;
 * - denied: access or credentials refused (AccessDenied, signature and token errors, HTTP 403);
 * - server: `$fault: 'server'` or HTTP 5xx;
 * - transport: no answer (a Node transport code, the handler's TimeoutError, an AbortError);
 * - unreadable: a 2xx whose body could not be parsed (a proxy's page, a cut-off body);
 * - refused: any other answer of the service (validation, not found, conflict…);
 * - unknown: not an error the SDK raised at all.
 */
export type AwsErrorKind =
  | 'throttled'
  | 'denied'
  | 'server'
  | 'transport'
  | 'unreadable'
  | 'refused'
  | 'unknown';

export interface AwsErrorInfo {
  kind: AwsErrorKind;
  name: string;
  message: string;
  /** The HTTP status of the service's answer; undefined when none arrived. */
  status: number | undefined;
  /** True when the SDK's retry middleware already made more than one attempt. */
  retriedBySdk: boolean;
}

/** Throttling names the SDK retries with its throttling backoff (smithy THROTTLING_ERROR_CODES). */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ThrottledException',
  'SlowDown',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
]);

const DENIED = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);

/** Node and HTTP/2 transport codes: refused, reset, timed out, unresolvable, stream cut short. */
const TRANSPORT_CODE =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ERR_HTTP2_|ERR_STREAM_PREMATURE_CLOSE)/;

/** Node's HTTP/2 session errors carry the code in the message only ("… ERR_HTTP2_STREAM_ERROR"). */
const TRANSPORT_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|ERR_HTTP2|ERR_STREAM_PREMATURE_CLOSE|\baborted\b/;

type ParsedAwsError = z.infer<typeof awsErrorSchema>;

function kindOf(error: ParsedAwsError): AwsErrorKind {
  const { name, message, code, $fault } = error;
  const status = error.$metadata?.httpStatusCode;
  if (THROTTLING.has(name) || status === 429) return 'throttled';
  if (DENIED.has(name) || status === 403) return 'denied';
  if ($fault === 'server' || (status !== undefined && status >= 500)) return 'server';
  const transport = TRANSPORT_CODE.test(code ?? '') || TRANSPORT_MESSAGE.test(message);
  if (transport || name === 'TimeoutError' || name === 'AbortError') return 'transport';
  const success = status === undefined || (status >= 200 && status < 300);
  if (success && (name === 'SyntaxError' || message.includes('Deserialization error'))) return 'unreadable';
  return $fault !== undefined || status !== undefined ? 'refused' : 'unknown';
}

export function readAwsError(error: unknown): AwsErrorInfo {
  const parsed = awsErrorSchema.safeParse(error);
  if (!parsed.success) {
    return { kind: 'unknown', name: 'Error', message: String(error), status: undefined, retriedBySdk: false };
  }
  const { name, message, $metadata } = parsed.data;
  return {
    kind: kindOf(parsed.data),
    name,
    message,
    status: $metadata?.httpStatusCode,
    retriedBySdk: ($metadata?.attempts ?? 1) > 1,
  };
}

/** Key ids, signatures and credential scopes can appear in auth errors; keep them out of logs. */
export function redactAwsText(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[key id]')
    .replace(/Credential=[^,\s]+/g, 'Credential=[redacted]')
    .replace(/Signature=[0-9a-f]+/gi, 'Signature=[redacted]')
    .slice(0, 500);
}
