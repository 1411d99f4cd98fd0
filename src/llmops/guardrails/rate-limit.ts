/**
 * A per-user limit on questions, shared by every replica (a token bucket in Redis in
 * production): a user may ask `perMinute` questions in a burst, and one more each
 * 60 / perMinute seconds after that. Over the limit, the reply says when to try again.
 */

export type RateDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

/** The port: one token per question, taken atomically across replicas. */
export interface RateLimiter {
  take(user: string): Promise<RateDecision>;
}

/** The reply to a user over the limit (whole seconds, at least one). */
export function rateLimitedText(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const when =
    seconds === 1 ? '1 second' : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `You've asked a lot of questions in the last minute. Please try again in ${when}.`;
}

/** Pure token-bucket arithmetic, the same as the Redis script runs: what a take does to a bucket. */
export function takeToken(
  bucket: { tokens: number; atMs: number } | null,
  nowMs: number,
  perMinute: number,
): { bucket: { tokens: number; atMs: number }; decision: RateDecision } {
  const ratePerMs = perMinute / 60_000;
  const start = bucket ?? { tokens: perMinute, atMs: nowMs };
  const tokens = Math.min(perMinute, start.tokens + Math.max(0, nowMs - start.atMs) * ratePerMs);
  if (tokens >= 1) {
    return {
      bucket: { tokens: tokens - 1, atMs: nowMs },
      decision: { allowed: true, remaining: Math.floor(tokens - 1) },
    };
  }
  const waitMs = (1 - tokens) / ratePerMs;
  return {
    bucket: { tokens, atMs: nowMs },
    decision: { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) },
  };
}
