import type { AnswerRecord } from '../domain/answer-record.ts';
import { ScoutError } from '../errors.ts';
import type { AnswerStore, Dedupe } from '../ports.ts';

export interface FeedbackDeps {
  answers: AnswerStore;
  dedupe: Dedupe;
  now: () => Date;
}

/** Records a 👍/👎 on an answer; a double click within a few seconds counts once. */
export async function recordFeedback(
  deps: FeedbackDeps,
  input: { answerId: string; user: string; value: 'up' | 'down' },
): Promise<'recorded' | 'duplicate'> {
  const first = await deps.dedupe.claim(`feedback:${input.answerId}:${input.user}:${input.value}`, 10);
  if (!first) return 'duplicate';
  const known = await deps.answers.addFeedback(input.answerId, {
    user: input.user,
    value: input.value,
    at: deps.now().toISOString(),
  });
  if (!known) {
    throw new ScoutError('bad_input', `feedback for unknown answer ${input.answerId}`, {
      userMessage: 'I no longer have that answer on record, so I could not attach your feedback.',
    });
  }
  return 'recorded';
}

/** The record of an answer, shown only to the person who asked (it may quote a private channel). */
export async function showAnswerRecord(
  deps: Pick<FeedbackDeps, 'answers'>,
  input: { answerId: string; user: string },
): Promise<AnswerRecord> {
  if (!/^[a-z0-9-]{3,40}$/i.test(input.answerId)) {
    throw new ScoutError('bad_input', `malformed answer id ${input.answerId}`, {
      userMessage: 'That does not look like an answer id. Ids look like `a-1f2e3d4c5b`.',
    });
  }
  const record = await deps.answers.get(input.answerId);
  if (!record) {
    throw new ScoutError('bad_input', `unknown answer ${input.answerId}`, {
      userMessage: `I have no answer with id \`${input.answerId}\`.`,
    });
  }
  if (record.asker.user && record.asker.user !== input.user) {
    throw new ScoutError('bad_input', 'record requested by someone else', {
      userMessage: 'Only the person who asked can see how that answer was made.',
    });
  }
  return record;
}
