import {
  type AnswerRecord,
  type FeedbackReason,
  isWellFormedAnswerId,
  madeInSlack,
} from '../domain/answer-record.ts';
import { maskPersonalData } from '../domain/privacy/personal-data.ts';
import type { AnswerStore, Dedupe, Tally, Workspace } from '../ports.ts';

export interface FeedbackDeps {
  answers: AnswerStore;
  dedupe: Dedupe;
  workspace: Pick<Workspace, 'isMember'>;
  now: () => Date;
  /** Votes counted by prompt version, vote and reason (Home's admin counts); absent: not counted. */
  tally?: Tally;
}

/** The tally votes are counted in (read by the admin's Home tab). */
export const FEEDBACK_TALLY = 'feedback-by-prompt';

export type FeedbackOutcome = 'recorded' | 'duplicate' | 'not_accepted';

/**
 * May this Slack user vote on the answer? Only members of the channel it was posted in: the
 * click came from that channel, or Slack lists them as its members. Unknown → no (fail closed).
 */
async function mayVote(
  deps: Pick<FeedbackDeps, 'workspace'>,
  record: AnswerRecord,
  voter: { user: string; channel?: string },
): Promise<boolean> {
  const channel = record.conversation.channel;
  if (!madeInSlack(record) || !channel) return false;
  if (voter.channel === channel) return true;
  return deps.workspace.isMember(channel, voter.user).catch(() => false);
}

/**
 * Records a 👍/👎 on an answer; a double click within a few seconds counts once. An id that is
 * unknown and a vote that is not allowed get the same outcome, so the reply never tells whether
 * an answer with that id exists.
 */
export async function recordFeedback(
  deps: FeedbackDeps,
  input: {
    answerId: string;
    user: string;
    value: 'up' | 'down';
    channel?: string;
    reason?: FeedbackReason;
    comment?: string;
  },
): Promise<FeedbackOutcome> {
  if (!isWellFormedAnswerId(input.answerId)) return 'not_accepted';
  const record = await deps.answers.get(input.answerId);
  if (!record || !(await mayVote(deps, record, input))) return 'not_accepted';
  const reason = input.reason ?? '-';
  const first = await deps.dedupe.claim(
    `feedback:${input.answerId}:${input.user}:${input.value}:${reason}`,
    10,
  );
  if (!first) return 'duplicate';
  // The voter's words are kept like a question: personal data masked, within the limit.
  const comment = input.comment?.trim()
    ? maskPersonalData(input.comment.trim()).text.slice(0, 500)
    : undefined;
  const known = await deps.answers.addFeedback(input.answerId, {
    user: input.user,
    value: input.value,
    at: deps.now().toISOString(),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(comment ? { comment } : {}),
  });
  if (known) await countVote(deps, record, input.value, reason);
  return known ? 'recorded' : 'not_accepted';
}

/** One count per prompt version the answer used (`offline` when it used none); best effort. */
async function countVote(deps: FeedbackDeps, record: AnswerRecord, value: string, reason: string) {
  const versions = record.promptVersions.length > 0 ? record.promptVersions : ['offline'];
  for (const version of versions) {
    await deps.tally?.increment(FEEDBACK_TALLY, `${version} · ${value} · ${reason}`).catch(() => undefined);
  }
}
