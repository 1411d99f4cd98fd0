import { rateLimitedText } from '../src/llmops/guardrails/rate-limit.ts';
import type { HandlerDeps } from './deps.ts';
import type { FailureTarget } from './reply-errors.ts';

/**
 * The per-user rate limit at the Slack door: the reply for a user over the limit, or null to go
 * on. Redis unreachable counts as allowed (the limit protects spend and capacity; it must not
 * turn an outage into refusing everyone), and the answer queue still bounds the load.
 */
export async function rateLimitReply(
  deps: HandlerDeps,
  user: string,
): Promise<{ text: string; blocks: Record<string, unknown>[] } | null> {
  if (!deps.rateLimit) return null;
  try {
    const decision = await deps.rateLimit.take(user);
    if (decision.allowed) return null;
    deps.logger.info({ user, retryAfterSeconds: decision.retryAfterSeconds }, 'rate limit: question refused');
    const text = rateLimitedText(decision.retryAfterSeconds);
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  } catch (error) {
    deps.logger.warn({ err: error, user }, 'rate limit unavailable; question admitted');
    return null;
  }
}

/**
 * The check for a question about to be answered: over the limit, the user is told when to try
 * again and true is returned. Call it only once the message is known to be a question for Scout
 * (after the length check, and in channels once the thread is Scout's), so a message Scout
 * ignores never costs the user a question.
 */
export async function refusedOverLimit(
  deps: HandlerDeps,
  user: string,
  target: FailureTarget,
  scope: Record<string, unknown>,
): Promise<boolean> {
  const limited = await rateLimitReply(deps, user);
  if (!limited) return false;
  await target.ephemeral(limited).catch((error: unknown) => {
    deps.logger.error({ ...scope, err: error }, 'could not tell the user to slow down');
  });
  return true;
}
