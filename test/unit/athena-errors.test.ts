import {
  AthenaServiceException,
  InternalServerException,
  InvalidRequestException,
  TooManyRequestsException,
} from '@aws-sdk/client-athena';
import { describe, expect, it } from 'vitest';
import { athenaErrorToScout } from '../../src/adapters/athena/athena-errors.ts';
import { sdkErrorMetadata as metadata } from '../fakes/aws-error-metadata.ts';

describe('athenaErrorToScout', () => {
  it('maps TooManyRequestsException to a retryable query_failed saying Athena is busy', () => {
    const error = new TooManyRequestsException({ $metadata: metadata(400, 3), message: 'Rate exceeded' });
    const mapped = athenaErrorToScout('StartQueryExecution', error);
    expect(mapped).toMatchObject({ code: 'query_failed', retryable: true, retried: true });
    expect(mapped.userMessage).toMatch(/busy/);
    expect(mapped.userMessage).not.toMatch(/Rate exceeded/);
  });

  it('maps InternalServerException to a retryable query_failed the SDK did not retry yet', () => {
    const error = new InternalServerException({ $metadata: metadata(500), message: 'boom' });
    expect(athenaErrorToScout('GetQueryExecution', error)).toMatchObject({
      code: 'query_failed',
      retryable: true,
      retried: false,
      userMessage: 'Athena had a temporary problem. Please try again.',
    });
  });

  it('maps an access denial to a non-retryable query_failed and keeps key ids out of the log message', () => {
    // Athena does not model AccessDenied: the SDK raises its service exception under that name.
    const error = new AthenaServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: metadata(400),
      message: 'Credential=AKIAABCDEFGHIJKLMNOP/20261202/us-east-1/athena is not authorized',
    });
    const mapped = athenaErrorToScout('StartQueryExecution', error);
    expect(mapped).toMatchObject({ code: 'query_failed', retryable: false });
    expect(mapped.userMessage).toMatch(/not allowed to query Athena/);
    expect(mapped.message).not.toContain('AKIAABCDEFGHIJKLMNOP');
  });

  it('maps InvalidRequestException (an unknown workgroup) to a non-retryable settings error', () => {
    const error = new InvalidRequestException({
      $metadata: metadata(400),
      message: 'WorkGroup nope is not found',
    });
    expect(athenaErrorToScout('StartQueryExecution', error)).toMatchObject({
      code: 'query_failed',
      retryable: false,
      userMessage: expect.stringMatching(/workgroup/),
    });
  });

  it('maps a refused connection to a retryable query_failed', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
    expect(athenaErrorToScout('GetQueryResults', error)).toMatchObject({
      code: 'query_failed',
      retryable: true,
      userMessage: 'Scout could not reach Athena. Please try again.',
    });
  });

  it('maps what is not an SDK error to internal, with a generic user message', () => {
    const mapped = athenaErrorToScout('GetQueryResults', new TypeError('rows is not iterable'));
    expect(mapped).toMatchObject({ code: 'internal', retryable: false });
    expect(mapped.userMessage).toBe('Something went wrong on my side.');
  });
});
