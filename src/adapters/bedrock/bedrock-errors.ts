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
  'AbortError',
]);

/** Transport failures: refused, reset (HTTP/1.1 socket or HTTP/2 RST_STREAM), cut short. */
const network =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|ERR_HTTP2|ERR_STREAM_PREMATURE_CLOSE|aborted/;

/**
 * A 2xx whose body could not be read as the API's JSON (a proxy's HTML page, a cut-off body):
 * the endpoint is misbehaving, which is an outage for us, not a bad request of ours.
 */
function unreadableSuccess(error: unknown, status: number | undefined): boolean {
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : '';
  const success = status === undefined || (status >= 200 && status < 300);
  return success && (name === 'SyntaxError' || message.includes('Deserialization error'));
}

function unavailableError(operation: string, detail: string, cause: unknown): ScoutError {
  return new ScoutError('llm_unavailable', `${operation} failed: ${detail}`, {
    cause,
    retryable: true,
    userMessage: 'The language model is unavailable right now.',
  });
}

/**
 * Maps a Bedrock SDK error to Scout's typed errors: throttling, timeouts, 5xx, transport
 * failures and unreadable 2xx bodies are 'llm_unavailable' (retryable; the caller degrades to
 * the offline engine and counts a circuit-breaker failure), access and validation problems are
 * 'llm_rejected' (not retried, reported clearly).
 */
export function bedrockError(operation: string, error: unknown): ScoutError {
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  const message = error instanceof Error ? error.message : String(error);
  const transport = network.test(`${typeof code === 'string' ? code : ''} ${message}`);
  if (unavailable.has(name) || transport || (status !== undefined && status >= 500)) {
    return unavailableError(operation, `${name}: ${message}`, error);
  }
  if (unreadableSuccess(error, status)) {
    return unavailableError(operation, `unreadable response (HTTP ${status ?? '?'})`, error);
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

/**
 * The error of a call whose deadline passed (its own, or the question's): always
 * 'llm_unavailable', whatever the SDK made of the abort.
 */
export function bedrockCallFailed(operation: string, error: unknown, signal: AbortSignal): ScoutError {
  if (!signal.aborted) return bedrockError(operation, error);
  return unavailableError(operation, 'no answer before the deadline', error);
}
