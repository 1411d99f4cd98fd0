/**
 * Deadlines for Bedrock calls. The SDK's `abortSignal` stops a request that has not answered
 * yet, but once response headers arrive it no longer stops the body: an event stream that
 * stalls halfway, or a JSON body that never finishes, would still hold the caller. So the
 * adapters also race the call, and every event of a stream, against the same signal.
 */

/** A call's deadline when none is configured (BEDROCK_TIMEOUT_MS sets it). */
export const DEFAULT_CALL_TIMEOUT_MS = 20_000;

/** This call's own deadline, and the question's when there is one: whichever comes first. */
export function callSignal(questionSignal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const own = AbortSignal.timeout(timeoutMs);
  return questionSignal ? AbortSignal.any([own, questionSignal]) : own;
}

/** Rejects with the signal's reason as soon as it aborts. Never settles otherwise. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    const fail = () => reject(signal.reason ?? new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** The work's result, or the signal's reason if it aborts first. */
export async function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = whenAborted(signal);
  // The loser of the race must not surface as an unhandled rejection.
  aborted.catch(() => undefined);
  work.catch(() => undefined);
  return Promise.race([work, aborted]);
}

/** The stream's events until it ends, or until the signal aborts (then it rejects). */
export async function* untilAborted<T>(stream: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = stream[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await raceAbort(iterator.next(), signal);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Closes the HTTP stream behind it; not awaited, as a stalled stream may never confirm.
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
