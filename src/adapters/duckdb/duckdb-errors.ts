import { z } from 'zod';
import { ScoutError } from '../../errors.ts';

function firstLine(message: string): string {
  return message.split('\n')[0]?.slice(0, 200) ?? message;
}

const outOfMemory = /^Out of Memory Error|max_temp_directory_size|could not allocate|failed to allocate/i;

/** "<Type> Error: …", the form of every exception the engine raises (DuckDB's Exception::ToString). */
const ENGINE_ERROR = /^[A-Za-z][A-Za-z -]* Error: /;

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
 * DuckDB errors, one way. @duckdb/node-api raises the engine's exceptions as plain `Error`s whose
 * message starts with the exception type ("Binder Error: …", "Out of Memory Error: …",
 * "INTERRUPT Error: Interrupted!"); nothing else distinguishes them. The engine is embedded and
 * deterministic, so nothing it raises is retryable, and no layer retries it.
 *
 * | error                                                              | code            | retryable |
 * | ------------------------------------------------------------------ | --------------- | --------- |
 * | our deadline interrupted it (`queryTimedOut`, decided by the timer) | query_timeout   | no        |
 * | Out of Memory Error, max_temp_directory_size, could not allocate   | query_too_large | no        |
 * | any other "<Type> Error: …" (Binder, Parser, Conversion, IO…)      | query_failed    | no        |
 * | anything else (not an engine error: a bug of ours)                 | internal        | no        |
 *
 * A statement reaches the engine only after both SQL checks, so the engine's first line is
 * about the statement's own allowlisted names and may be shown to the user.
 */
const engineErrorSchema = z.object({ message: z.string().regex(ENGINE_ERROR) });

/** Maps whatever the engine threw while it was asked to `operation` ("run", "plan") a query. */
export function duckdbErrorToScout(
  operation: 'run' | 'plan',
  error: unknown,
  limits: { memoryLimit: string },
): ScoutError {
  if (error instanceof ScoutError) return error;
  const parsed = engineErrorSchema.safeParse(error);
  if (!parsed.success) {
    return new ScoutError('internal', `query failed to ${operation} outside the engine: ${String(error)}`, {
      cause: error,
    });
  }
  const { message } = parsed.data;
  if (outOfMemory.test(message)) return queryTooLarge(message, error, limits.memoryLimit);
  return new ScoutError('query_failed', `query failed to ${operation}: ${message}`, {
    cause: error,
    userMessage: `The warehouse could not ${operation} the query: ${firstLine(message)}`,
  });
}

/** A statement our deadline interrupted (the engine reports it as an INTERRUPT Error). */
export function queryTimedOut(timeoutMs: number, cause: unknown): ScoutError {
  return new ScoutError('query_timeout', `query exceeded ${timeoutMs} ms and was interrupted`, {
    cause,
    retryable: false,
    userMessage: `The query took longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Try a narrower period or fewer groups.`,
  });
}
