/**
 * Typed errors. Every error Scout raises on purpose carries a stable code (for logs, tests and
 * metrics), whether retrying can help, a message that is safe to show a user, and its cause.
 */
export const errorCodes = [
  'config_invalid',
  'bad_input',
  'sql_rejected',
  'query_timeout',
  'query_too_large',
  'query_failed',
  'warehouse_corrupt',
  'semantic_model_invalid',
  'chart_failed',
  'redis_unavailable',
  'llm_unavailable',
  'llm_rejected',
  'llm_invalid_output',
  'guardrail_intervened',
  'retriever_failed',
  'slack_failed',
  /** Slack refused a message's blocks (invalid_blocks, an image whose upload is not ready): post it without them. */
  'slack_blocks_rejected',
  /** Another run of the same job took over (this one lost its job lock); it must stop writing. */
  'run_superseded',
  /** A drafted pitch failed its reviewer check (a figure not traced to a fact, a missing section). */
  'pitch_incomplete',
  /** An answer thread died (or was closed) while it held the question; asking again can work. */
  'answer_thread_failed',
  /** A model budget (per user per day, per team per month) cannot take another model call. */
  'budget_exhausted',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ScoutErrorOptions {
  cause?: unknown;
  /** The failure is transient: the same request may succeed later. */
  retryable?: boolean;
  /**
   * The layer that raised it already spent its retries on it (the vendor SDK's own attempts, or
   * a stage's). Callers report it rather than retry it again, so retries never multiply
   * (docs/architecture.md, "Errors and retries").
   */
  retried?: boolean;
  /** Shown to users. Defaults to a generic sentence so internals never leak. */
  userMessage?: string;
}

export class ScoutError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly retried: boolean;
  readonly userMessage: string;

  constructor(code: ErrorCode, message: string, options: ScoutErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ScoutError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.retried = options.retried ?? false;
    this.userMessage = options.userMessage ?? 'Something went wrong on my side.';
  }
}

export function isScoutError(error: unknown): error is ScoutError {
  return error instanceof ScoutError;
}

/** Whether a caller should try again: a transient failure that no layer below has retried yet. */
export function worthRetrying(error: unknown): boolean {
  return isScoutError(error) && error.retryable && !error.retried;
}

/** The same failure, marked as retried by the layer that gives up on it, so no layer above retries it. */
export function retriesSpent(error: ScoutError): ScoutError {
  if (error.retried) return error;
  return new ScoutError(error.code, error.message, {
    cause: error.cause,
    retryable: error.retryable,
    retried: true,
    userMessage: error.userMessage,
  });
}

/** Wraps anything thrown into a ScoutError, keeping the original as the cause. */
export function toScoutError(error: unknown, code: ErrorCode = 'internal'): ScoutError {
  if (isScoutError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ScoutError(code, message, { cause: error });
}
