import { retriesSpent, type ScoutError, toScoutError } from '../../errors.ts';

/**
 * The gateway's deadline and retry policy for every model call. Each call ends by its own
 * deadline or the caller's, whichever comes first. Retries are one policy, not layers of them:
 * the SDK's (BEDROCK_MAX_ATTEMPTS, throttling and 5xx before a stream opens; see
 * docs/architecture.md, "Errors and retries"). The gateway adds none on top — a second attempt
 * here would multiply the SDK's, and would repeat a stream the user may have partly seen — and
 * marks what fails as retried, so no layer above tries it again either.
 */

export interface Attempted<T> {
  value: T;
  attempts: number;
  /** Time spent in the call itself (the rest of a gateway call is the gateway's own overhead). */
  callMs: number;
}

export class CallFailed extends Error {
  constructor(
    readonly error: ScoutError,
    readonly attempts: number,
  ) {
    super(error.message, { cause: error });
  }
}

function callSignal(callTimeoutMs: number, outer: AbortSignal | undefined): AbortSignal {
  const own = AbortSignal.timeout(callTimeoutMs);
  return outer ? AbortSignal.any([outer, own]) : own;
}

export async function withCallPolicy<T>(
  run: (signal: AbortSignal) => Promise<T>,
  options: { callTimeoutMs: number; signal?: AbortSignal | undefined },
): Promise<Attempted<T>> {
  const started = performance.now();
  try {
    const value = await run(callSignal(options.callTimeoutMs, options.signal));
    return { value, attempts: 1, callMs: performance.now() - started };
  } catch (error) {
    const typed = toScoutError(error);
    throw new CallFailed(typed.retryable ? retriesSpent(typed) : typed, 1);
  }
}
