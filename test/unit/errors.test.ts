import { describe, expect, it } from 'vitest';
import { retriesSpent, ScoutError, worthRetrying } from '../../src/errors.ts';

describe('worthRetrying', () => {
  it('is true only for a transient ScoutError that no layer has retried', () => {
    expect(worthRetrying(new ScoutError('query_failed', 'x', { retryable: true }))).toBe(true);
    expect(worthRetrying(new ScoutError('query_failed', 'x', { retryable: true, retried: true }))).toBe(
      false,
    );
    expect(worthRetrying(new ScoutError('bad_input', 'x'))).toBe(false);
    expect(worthRetrying(new Error('x'))).toBe(false);
  });
});

describe('retriesSpent', () => {
  it('keeps code, cause, retryability and user message, and marks the retries spent', () => {
    const cause = new Error('engine said no');
    const error = new ScoutError('query_failed', 'Athena query failed', {
      cause,
      retryable: true,
      userMessage: 'The warehouse could not run the query.',
    });
    const spent = retriesSpent(error);
    expect(spent).toMatchObject({
      code: 'query_failed',
      message: 'Athena query failed',
      retryable: true,
      retried: true,
      userMessage: 'The warehouse could not run the query.',
    });
    expect(spent.cause).toBe(cause);
    expect(worthRetrying(spent)).toBe(false);
  });
});
