import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { fromJobError, isUnrecoverable, toJobError } from '../../src/adapters/bullmq/job-errors.ts';
import { isScoutError, retriesSpent, ScoutError } from '../../src/errors.ts';

/** The BullMQ layer re-runs a report only when no layer below could have retried the failure. */
describe('toJobError', () => {
  const throttled = () => new ScoutError('query_failed', 'throttled', { retryable: true });

  it('fails the job at once for bad input and for failures no retry can help', () => {
    for (const error of [
      new ScoutError('bad_input', 'no such industry'),
      new ScoutError('sql_rejected', 'not allowed', { retryable: false }),
    ]) {
      const mapped = toJobError(error);
      expect(mapped).toBeInstanceOf(UnrecoverableError);
      expect((mapped as Error).cause).toBe(error);
    }
  });

  it('fails the job at once when a layer below already spent its retries on it', () => {
    expect(toJobError(retriesSpent(throttled()))).toBeInstanceOf(UnrecoverableError);
  });

  it('lets BullMQ re-run a transient failure nobody retried, and a crash we did not type', () => {
    const transient = throttled();
    const crash = new TypeError('undefined is not a function');
    expect(toJobError(transient)).toBe(transient);
    expect(toJobError(crash)).toBe(crash);
  });
});

describe('fromJobError', () => {
  it('hands back our own error from an unrecoverable failure', () => {
    const error = new ScoutError('bad_input', 'no such industry');
    expect(fromJobError(toJobError(error) as Error)).toBe(error);
  });

  it("turns BullMQ's own reason into a typed error whose user message says what happened", () => {
    const stalled = new UnrecoverableError('job stalled more than allowable limit');
    const mapped = fromJobError(stalled);
    expect(isScoutError(mapped) && mapped.userMessage).toMatch(/stopped more than once/);
    expect(isScoutError(mapped) && mapped.userMessage).not.toMatch(/allowable/);
    expect(isUnrecoverable(stalled)).toBe(true);
  });
});
