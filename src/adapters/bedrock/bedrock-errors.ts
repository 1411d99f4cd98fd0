import { ScoutError } from '../../errors.ts';
import { type AwsErrorInfo, readAwsError, redactAwsText } from '../aws/aws-errors.ts';

/**
 * Bedrock Runtime and Agent Runtime errors, one way (status per the SDK's `httpError` schemas):
 *
 * | error                                                                 | code            | retryable |
 * | --------------------------------------------------------------------- | --------------- | --------- |
 * | ThrottlingException (429), 5xx / $fault server (InternalServer,       | llm_unavailable | yes       |
 * |   ServiceUnavailable, BadGateway)                                     |                 |           |
 * | ModelNotReady, ModelTimeout (408), ModelError / ModelStreamError /    | llm_unavailable | yes       |
 * |   DependencyFailed (424): the model, not our request                  |                 |           |
 * | TimeoutError, AbortError, a transport code (ECONNRESET, ERR_HTTP2_…)  | llm_unavailable | yes       |
 * | a 2xx whose body could not be read (SyntaxError, "Deserialization")   | llm_unavailable | yes       |
 * | the call's deadline passed (`bedrockCallFailed`)                      | llm_unavailable | yes       |
 * | AccessDeniedException, Validation, ResourceNotFound, ServiceQuota…,   | llm_rejected    | no        |
 * |   any other service answer or credentials error                       |                 |           |
 * | anything that is not an SDK error (a bug of ours)                     | internal        | no        |
 *
 * `retried` is set when the SDK already made more than one attempt ($metadata.attempts), and on
 * a passed deadline (its retries were inside it): the caller degrades to the offline engine and
 * counts a circuit-breaker failure rather than calling again.
 */

/** Bedrock's names for "the model cannot answer now" that are not 5xx (408, 424, 429). */
const MODEL_UNAVAILABLE = new Set([
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ModelErrorException',
  'ModelStreamErrorException',
  'DependencyFailedException',
]);

function isUnavailable(info: AwsErrorInfo): boolean {
  return (
    MODEL_UNAVAILABLE.has(info.name) ||
    info.kind === 'throttled' ||
    info.kind === 'server' ||
    info.kind === 'transport'
  );
}

function unavailable(operation: string, detail: string, cause: unknown, retried: boolean): ScoutError {
  return new ScoutError('llm_unavailable', `${operation} failed: ${redactAwsText(detail)}`, {
    cause,
    retryable: true,
    retried,
    userMessage: 'The language model is unavailable right now.',
  });
}

/** Maps whatever a Bedrock SDK call threw (see the table above). */
export function bedrockErrorToScout(operation: string, error: unknown): ScoutError {
  if (error instanceof ScoutError) return error;
  const info = readAwsError(error);
  if (info.kind === 'unknown') {
    return new ScoutError('internal', `${operation} failed outside the SDK: ${redactAwsText(info.message)}`, {
      cause: error,
    });
  }
  if (isUnavailable(info)) {
    return unavailable(operation, `${info.name}: ${info.message}`, error, info.retriedBySdk);
  }
  if (info.kind === 'unreadable') {
    return unavailable(operation, `unreadable response (HTTP ${info.status ?? '?'})`, error, false);
  }
  return new ScoutError(
    'llm_rejected',
    `${operation} rejected: ${info.name}: ${redactAwsText(info.message)}`,
    {
      cause: error,
      retryable: false,
      userMessage:
        info.name === 'AccessDeniedException'
          ? 'Scout is not allowed to use the configured model (access denied). An admin needs to grant model access.'
          : `The model service rejected the request (${info.name}). An admin should check the model configuration.`,
    },
  );
}

/**
 * The error of a call whose deadline passed (its own, or the question's): always
 * 'llm_unavailable', whatever the SDK made of the abort, and spent: the deadline held the
 * SDK's retries.
 */
export function bedrockCallFailed(operation: string, error: unknown, signal: AbortSignal): ScoutError {
  if (!signal.aborted) return bedrockErrorToScout(operation, error);
  return unavailable(operation, 'no answer before the deadline', error, true);
}

/**
 * Knowledge Bases (Retrieve) errors: the same SDK shapes, read the same way. Anything the
 * service or the transport caused is 'retriever_failed' (retryable when Bedrock maps it to
 * llm_unavailable: throttling, 5xx, transport); not an SDK error is 'internal'.
 */
export function knowledgeBaseErrorToScout(operation: string, error: unknown): ScoutError {
  const mapped = bedrockErrorToScout(operation, error);
  if (mapped.code !== 'llm_unavailable' && mapped.code !== 'llm_rejected') return mapped;
  return new ScoutError('retriever_failed', mapped.message, {
    cause: error,
    retryable: mapped.retryable,
    retried: mapped.retried,
    userMessage: 'The knowledge base is unavailable right now.',
  });
}
