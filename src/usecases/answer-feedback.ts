import { type AnswerRecord, isWellFormedAnswerId, madeInSlack } from '../domain/answer-record.ts';
import type { AnswerStore, Dedupe, Workspace } from '../ports.ts';

export interface FeedbackDeps {
  answers: AnswerStore;
  dedupe: Dedupe;
  workspace: Pick<Workspace, 'isMember'>;
  now: () => Date;
}

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
  input: { answerId: string; user: string; value: 'up' | 'down'; channel?: string },
): Promise<FeedbackOutcome> {
  if (!isWellFormedAnswerId(input.answerId)) return 'not_accepted';
  const record = await deps.answers.get(input.answerId);
  if (!record || !(await mayVote(deps, record, input))) return 'not_accepted';
  const first = await deps.dedupe.claim(`feedback:${input.answerId}:${input.user}:${input.value}`, 10);
  if (!first) return 'duplicate';
  const known = await deps.answers.addFeedback(input.answerId, {
    user: input.user,
    value: input.value,
    at: deps.now().toISOString(),
  });
  return known ? 'recorded' : 'not_accepted';
}
