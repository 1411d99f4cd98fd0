import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import { type AwsErrorInfo, readAwsError, redactAwsText } from '../aws/aws-errors.ts';

/**
 * Athena SDK errors, one way (the query's own FAILED state is mapped in athena-warehouse.ts from
 * `AthenaError`, which says itself whether a retry makes sense):
 *
 * | error                                                               | code         | retryable |
 * | ------------------------------------------------------------------- | ------------ | --------- |
 * | ThrottlingException, TooManyRequests, SlowDown… or HTTP 429         | query_failed | yes       |
 * | AccessDenied, UnrecognizedClient, signature or token errors, 403    | query_failed | no        |
 * | $fault server or HTTP 5xx (InternalServerException)                 | query_failed | yes       |
 * | transport codes (ECONNREFUSED, ECONNRESET…), TimeoutError           | query_failed | yes       |
 * | InvalidRequest, ResourceNotFound, Metadata (workgroup, catalog)     | query_failed | no        |
 * | any other service answer                                            | query_failed | no        |
 * | anything that is not an SDK error (a bug of ours)                   | internal     | no        |
 *
 * `retried` is set when the SDK already made more than one attempt ($metadata.attempts). The
 * SDK's message reaches the log message only (redacted), never the user.
 */

const REFUSED = new Set(['InvalidRequestException', 'ResourceNotFoundException', 'MetadataException']);

const USER_MESSAGE = {
  throttled: 'Athena is busy right now (too many requests). Please try again in a minute.',
  denied: 'Scout is not allowed to query Athena. An admin needs to check its AWS access.',
  server: 'Athena had a temporary problem. Please try again.',
  transport: 'Scout could not reach Athena. Please try again.',
  settings: 'Athena refused the request (check the workgroup, database and catalog settings).',
  other: 'The warehouse could not run the query.',
} as const;

/** The user message and retryability of an SDK error, by class (the table above). */
function classify(info: AwsErrorInfo): { retryable: boolean; userMessage: string } {
  switch (info.kind) {
    case 'throttled':
    case 'server':
    case 'transport':
      return { retryable: true, userMessage: USER_MESSAGE[info.kind] };
    case 'denied':
      return { retryable: false, userMessage: USER_MESSAGE.denied };
    default:
      return {
        retryable: false,
        userMessage: REFUSED.has(info.name) ? USER_MESSAGE.settings : USER_MESSAGE.other,
      };
  }
}

/** Maps whatever an Athena SDK call threw (see the table above). */
export function athenaErrorToScout(operation: string, error: unknown): ScoutError {
  if (error instanceof ScoutError) return error;
  const info = readAwsError(error);
  if (info.kind === 'unknown') {
    return new ScoutError(
      'internal',
      `Athena ${operation} failed outside the SDK: ${redactAwsText(info.message)}`,
      {
        cause: error,
      },
    );
  }
  const status = info.status ? ` (HTTP ${info.status})` : '';
  const message = `Athena ${operation} failed: ${info.name}${status}: ${redactAwsText(info.message)}`;
  return new ScoutError('query_failed', message, {
    cause: error,
    retried: info.retriedBySdk,
    ...classify(info),
  });
}

/** A response that does not have the shape the adapter relies on. */
export function malformedResponse(operation: string, issue: z.ZodError): ScoutError {
  return new ScoutError('query_failed', `malformed Athena ${operation} response: ${z.prettifyError(issue)}`, {
    cause: issue,
    retryable: false,
    userMessage: 'Athena sent an answer Scout could not read.',
  });
}
