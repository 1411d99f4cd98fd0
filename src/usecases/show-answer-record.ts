import { type AnswerRecord, isWellFormedAnswerId, madeInSlack } from '../domain/answer-record.ts';
import { ScoutError } from '../errors.ts';
import type { AnswerStore } from '../ports.ts';

export interface ShowRecordDeps {
  answers: Pick<AnswerStore, 'get'>;
}

/**
 * The record of an answer, shown only to the Slack user who asked (it may quote a private
 * channel). Unknown, made on the CLI, or someone else's: the same reply, which says nothing
 * about whether the id exists.
 */
export async function showAnswerRecord(
  deps: ShowRecordDeps,
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
