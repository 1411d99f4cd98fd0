import { z } from 'zod';
import { ScoutError } from '../../errors.ts';

/** The fields of an SDK (smithy) error we classify by; anything else thrown has none of them. */
const sdkErrorSchema = z.object({
  name: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  $fault: z.enum(['client', 'server']).optional(),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional(),
});

const throttling = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);
const denied = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);
const network = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

/** Key ids, signatures and credential scopes can appear in auth errors; keep them out of logs. */
function redact(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[key id]')
    .replace(/Credential=[^,\s]+/g, 'Credential=[redacted]')
    .replace(/Signature=[0-9a-f]+/gi, 'Signature=[redacted]')
    .slice(0, 500);
}

/**
 * Maps an SDK failure to a ScoutError: a stable code, `retryable` for throttling, 5xx and
 * network trouble, and a user message chosen per class. The SDK's own message only reaches
 * the log message (redacted), never the user.
 */
export function fromSdkError(error: unknown, operation: string): ScoutError {
  const parsed = sdkErrorSchema.safeParse(error);
  const info = parsed.success ? parsed.data : {};
  const name = info.name ?? 'Error';
  const status = info.$metadata?.httpStatusCode;
  const message = `Athena ${operation} failed: ${name}${status ? ` (HTTP ${status})` : ''}: ${redact(info.message ?? String(error))}`;
  const make = (retryable: boolean, userMessage: string) =>
    new ScoutError('query_failed', message, { cause: error, retryable, userMessage });

  if (throttling.has(name) || status === 429) {
    return make(true, 'Athena is busy right now (too many requests). Please try again in a minute.');
  }
  if (denied.has(name) || status === 403) {
    return make(false, 'Scout is not allowed to query Athena. An admin needs to check its AWS access.');
  }
  if (info.$fault === 'server' || (status !== undefined && status >= 500)) {
    return make(true, 'Athena had a temporary problem. Please try again.');
  }
  if (network.has(info.code ?? '') || name === 'TimeoutError') {
    return make(true, 'Scout could not reach Athena. Please try again.');
  }
  if (
    name === 'InvalidRequestException' ||
    name === 'ResourceNotFoundException' ||
    name === 'MetadataException'
  ) {
    return make(false, 'Athena refused the request (check the workgroup, database and catalog settings).');
  }
  return make(false, 'The warehouse could not run the query.');
}

/** A response that does not have the shape the adapter relies on. */
export function malformedResponse(operation: string, issue: z.ZodError): ScoutError {
  return new ScoutError('query_failed', `malformed Athena ${operation} response: ${z.prettifyError(issue)}`, {
    cause: issue,
    retryable: false,
    userMessage: 'Athena sent an answer Scout could not read.',
  });
}
