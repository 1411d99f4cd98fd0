/**
 * Typed errors. Every error Scout raises on purpose carries a stable code (for logs, tests and
 * metrics), whether retrying can help, a message that is safe to show a user, and its cause.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'bad_input'
  | 'sql_rejected'
  | 'query_timeout'
  | 'query_too_large'
  | 'query_failed'
  | 'warehouse_corrupt'
  | 'semantic_model_invalid'
  | 'chart_failed'
  | 'redis_unavailable'
  | 'llm_unavailable'
  | 'llm_rejected'
  | 'llm_invalid_output'
  | 'guardrail_intervened'
  | 'retriever_failed'
  | 'slack_failed'
  /** Another run of the same job took over (this one lost its job lock); it must stop writing. */
  | 'run_superseded'
  /** An answer thread died (or was closed) while it held the question; asking again can work. */
  | 'answer_thread_failed'
  | 'internal';

export interface ScoutErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  /** Shown to users. Defaults to a generic sentence so internals never leak. */
  userMessage?: string;
}

export class ScoutError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly userMessage: string;

  constructor(code: ErrorCode, message: string, options: ScoutErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScoutError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.userMessage = options.userMessage ?? 'Something went wrong on my side.';
  }
}

export function isScoutError(error: unknown): error is ScoutError {
  return error instanceof ScoutError;
}

/** Wraps anything thrown into a ScoutError, keeping the original as the cause. */
export function toScoutError(error: unknown, code: ErrorCode = 'internal'): ScoutError {
  if (isScoutError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ScoutError(code, message, { cause: error });
}
