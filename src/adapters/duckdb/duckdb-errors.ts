import { ScoutError } from '../../errors.ts';

function firstLine(message: string): string {
  return message.split('\n')[0]?.slice(0, 200) ?? message;
}

const outOfMemory = /^Out of Memory Error|max_temp_directory_size|could not allocate|failed to allocate/i;

/** A statement the engine stopped because it needed more memory or temporary disk than allowed. */
export function queryTooLarge(detail: string, cause: unknown, memoryLimit: string): ScoutError {
  return new ScoutError(
    'query_too_large',
    `query exceeded the engine's memory bounds: ${firstLine(detail)}`,
    {
      cause,
      retryable: false,
      userMessage: `That query needs more memory than Scout allows (${memoryLimit}). Try a narrower period, fewer groups, or filter and aggregate before joining.`,
    },
  );
}

/** A plan whose estimated intermediate result is larger than allowed: refused before it runs. */
export function planTooLarge(estimatedRows: number, maxRows: number): ScoutError {
  const format = (n: number) => n.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  return new ScoutError('query_too_large', `plan estimate of ${estimatedRows} rows exceeds ${maxRows}`, {
    retryable: false,
    userMessage: `That query would work through about ${format(estimatedRows)} rows in one step, more than Scout allows (${format(maxRows)}). Join on a key and filter before joining.`,
  });
}

export function resultTooLarge(what: string): ScoutError {
  return new ScoutError('query_too_large', `result exceeded ${what}`, {
    retryable: false,
    userMessage: `That query returns more than Scout can show (${what}). Add a LIMIT, aggregate, or select fewer columns.`,
  });
}

/**
 * Maps an engine error to a typed error: a deadline to query_timeout, memory and disk bounds to
 * query_too_large, anything else to query_failed with the engine's first line. A statement gets
 * here only after both checks, so that line is about the statement's own allowlisted names.
 */
export function mapEngineError(
  error: unknown,
  context: { timedOut: boolean; timeoutMs: number; memoryLimit: string },
): ScoutError {
  if (error instanceof ScoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (context.timedOut) {
    return new ScoutError('query_timeout', `query exceeded ${context.timeoutMs} ms and was interrupted`, {
      cause: error,
      retryable: false,
      userMessage: `The query took longer than ${Math.round(context.timeoutMs / 1000)} s and was stopped. Try a narrower period or fewer groups.`,
    });
  }
  if (outOfMemory.test(message)) return queryTooLarge(message, error, context.memoryLimit);
  return new ScoutError('query_failed', `query failed: ${message}`, {
    cause: error,
    userMessage: `The warehouse could not run the query: ${firstLine(message)}`,
  });
}

export function planFailed(error: unknown): ScoutError {
  if (error instanceof ScoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ScoutError('query_failed', `query failed to plan: ${message}`, {
    cause: error,
    userMessage: `The warehouse could not plan the query: ${firstLine(message)}`,
  });
}
