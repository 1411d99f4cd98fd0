import { type AnswerRecord, isWellFormedAnswerId } from '../domain/answer-record.ts';
import { ScoutError } from '../errors.ts';
import type { AnswerStore, Dedupe, Workspace } from '../ports.ts';

export interface FeedbackDeps {
  answers: AnswerStore;
  dedupe: Dedupe;
  workspace: Pick<Workspace, 'isMember'>;
  now: () => Date;
}

export type FeedbackOutcome = 'recorded' | 'duplicate' | 'not_accepted';

/**
 * Records made on the CLI carry a local user name, never a Slack id: Slack readers never see
 * them, so a name is never compared with a Slack user id.
 */
const madeInSlack = (record: AnswerRecord): boolean => record.surface !== 'cli';

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

/**
 * The record of an answer, shown only to the Slack user who asked (it may quote a private
 * channel). Unknown, made on the CLI, or someone else's: the same reply, which says nothing
 * about whether the id exists.
 */
export async function showAnswerRecord(
  deps: Pick<FeedbackDeps, 'answers'>,
  input: { answerId: string; user: string },
): Promise<AnswerRecord> {
  if (!isWellFormedAnswerId(input.answerId)) {
    throw new ScoutError('bad_input', 'malformed answer id', {
      userMessage: 'That does not look like an answer id. Ids look like `a-1f2e3d4c5b`.',
    });
  }
  const record = await deps.answers.get(input.answerId);
  if (!record || !madeInSlack(record) || record.asker.user !== input.user) {
    throw new ScoutError('bad_input', 'answer record not shown: unknown, or not the asker’s', {
      userMessage: `I have no answer \`${input.answerId}\` that you asked. Only the person who asked can see how an answer was made.`,
    });
  }
  return record;
}
