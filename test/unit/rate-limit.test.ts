import { describe, expect, it } from 'vitest';
import type { HandlerDeps } from '../../handlers/deps.ts';
import { rateLimitReply } from '../../handlers/rate-limit.ts';
import { type RateLimiter, rateLimitedText, takeToken } from '../../src/llmops/guardrails/rate-limit.ts';

describe('token bucket', () => {
  it('starts full, empties, and refills at perMinute per minute', () => {
    let bucket = null as Parameters<typeof takeToken>[0];
    const allowed: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const step = takeToken(bucket, 0, 3);
      bucket = step.bucket;
      allowed.push(step.decision.allowed);
    }
    expect(allowed).toEqual([true, true, true, false]);
    const denied = takeToken(bucket, 0, 3).decision;
    expect(denied).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(takeToken(bucket, 19_999, 3).decision.allowed).toBe(false);
    expect(takeToken(bucket, 20_000, 3).decision.allowed).toBe(true);
    // Never more than a full bucket, however long the pause.
    expect(takeToken(bucket, 3_600_000, 3).decision).toEqual({ allowed: true, remaining: 2 });
  });
});

describe('the reply over the limit', () => {
  it('says when to try again', () => {
    expect(rateLimitedText(12)).toBe(
      "You've asked a lot of questions in the last minute. Please try again in 12 seconds.",
    );
    expect(rateLimitedText(0.2)).toMatch(/in 1 second\.$/);
    expect(rateLimitedText(600)).toMatch(/in 10 minutes\.$/);
  });
});

describe('the check at the Slack door', () => {
  const logged: string[] = [];
  const deps = (rateLimit: RateLimiter | null) =>
    ({
      rateLimit,
      logger: {
        info: (_: unknown, m: string) => logged.push(m),
        warn: (_: unknown, m: string) => logged.push(m),
      },
    }) as unknown as HandlerDeps;

  it('replies with when to try again over the limit, and nothing under it', async () => {
    const denying: RateLimiter = { take: async () => ({ allowed: false, retryAfterSeconds: 7 }) };
    expect((await rateLimitReply(deps(denying), 'U1'))?.text).toMatch(/try again in 7 seconds/);
    const allowing: RateLimiter = { take: async () => ({ allowed: true, remaining: 3 }) };
    expect(await rateLimitReply(deps(allowing), 'U1')).toBeNull();
    expect(await rateLimitReply(deps(null), 'U1')).toBeNull();
  });

  it('admits the question when the limiter is unreachable, and says so in the log', async () => {
    const down: RateLimiter = {
      take: async () => {
        throw new Error('redis down');
      },
    };
    expect(await rateLimitReply(deps(down), 'U1')).toBeNull();
    expect(logged).toContain('rate limit unavailable; question admitted');
  });
});
