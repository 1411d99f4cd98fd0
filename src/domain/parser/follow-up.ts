import type { MetricQuery } from '../metric-query.ts';
import type { ParseContext, ParseOutcome } from './parse-question.ts';
import { parseQuestion } from './parse-question.ts';
import { scanTerms } from './scan-terms.ts';
import { normalizeText } from './text.ts';

/** Openings that make a reply in a conversation modify the previous question. */
const followUpOpening =
  /^(and|but|also|what about|how about|same|now|only|just|instead|then|ok|okay|so|break|split|drill|show|for|in|on|by|per|vs|versus|compare|excluding|without|what if)\b/;

/**
 * Whether a message in a conversation modifies the previous question ("and for video only?",
 * "same for 2024", "break it down by market") rather than asking a new one. A message that
 * names no measure, or opens like a follow-up, is a follow-up.
 */
export function isFollowUp(text: string, ctx: ParseContext): boolean {
  const normalized = normalizeText(text);
  if (followUpOpening.test(normalized)) return true;
  const scan = scanTerms(normalized, text, ctx.lexicon);
  return !scan.matches.some((m) => m.entry.kind === 'metric');
}

/** Parses a message in a conversation: as a modification of the previous query when it is one. */
export function parseInConversation(
  text: string,
  ctx: ParseContext,
  previous: MetricQuery | null,
): ParseOutcome {
  if (previous && isFollowUp(text, ctx)) return parseQuestion(text, ctx, previous);
  return parseQuestion(text, ctx);
}

/** Whether the message names a measure (CTR, spend, …): a "why" about one needs numbers too. */
export function namesMetric(text: string, ctx: ParseContext): boolean {
  // Named means written out: a near miss ("sale" for sales) is no sign of a data question.
  return scanTerms(normalizeText(text), text, ctx.lexicon, { tolerant: false }).matches.some(
    (m) => m.entry.kind === 'metric',
  );
}

/** Whether the message names a dimension ("market", "channels"): a data question, even if vague. */
export function namesDimension(text: string, ctx: ParseContext): boolean {
  return scanTerms(normalizeText(text), text, ctx.lexicon).matches.some((m) => m.entry.kind === 'dimension');
}
