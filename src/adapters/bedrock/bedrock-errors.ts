import { ScoutError } from '../../errors.ts';

/** Errors worth waiting out: the SDK already retried them; if they persist, Bedrock is down for us. */
const unavailable = new Set([
  'ThrottlingException',
  'ServiceUnavailableException',
  'InternalServerException',
  'ModelNotReadyException',
  'ModelTimeoutException',
  'ModelErrorException',
  'ModelStreamErrorException',
  'BadGatewayException',
  'DependencyFailedException',
  'TimeoutError',
]);

/**
 * Maps a Bedrock SDK error to Scout's typed errors: throttling, timeouts and 5xx are
 * 'llm_unavailable' (retryable; the caller degrades to the offline engine), access and
 * validation problems are 'llm_rejected' (not retried, reported clearly).
 */
export function bedrockError(operation: string, error: unknown): ScoutError {
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const message = error instanceof Error ? error.message : String(error);
  const network = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|ERR_HTTP2/.test(message);
  if (unavailable.has(name) || network || (status !== undefined && status >= 500)) {
    return new ScoutError('llm_unavailable', `${operation} failed: ${name}: ${message}`, {
      cause: error,
      retryable: true,
      userMessage: 'The language model is unavailable right now.',
    });
  }
  return new ScoutError('llm_rejected', `${operation} rejected: ${name}: ${message}`, {
    cause: error,
    retryable: false,
    userMessage:
      name === 'AccessDeniedException'
        ? 'Scout is not allowed to use the configured model (access denied). An admin needs to grant model access.'
        : `The model service rejected the request (${name}). An admin should check the model configuration.`,
  });
}
