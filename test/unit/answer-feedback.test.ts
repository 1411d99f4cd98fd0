import { describe, expect, it } from 'vitest';
import { type FeedbackDeps, recordFeedback } from '../../src/usecases/answer-feedback.ts';
import { showAnswerRecord } from '../../src/usecases/show-answer-record.ts';
import { answerRecord, memoryAnswerStore, memoryClaims } from '../fakes/record-fakes.ts';

function feedbackDeps(options: { members?: string[]; membershipFails?: boolean } = {}) {
  const answers = memoryAnswerStore([
    answerRecord(),
    answerRecord({ id: 'a-cli0000001', surface: 'cli', asker: { cliUser: 'U-voter' }, conversation: {} }),
  ]);
  const deps: FeedbackDeps = {
    answers: answers.store,
    dedupe: memoryClaims().dedupe,
    workspace: {
      isMember: async (channel, user) => {
        if (options.membershipFails) throw new Error('conversations.members failed');
        return channel === 'C1' && (options.members ?? []).includes(user);
      },
    },
    now: () => new Date('2025-10-06T10:00:00Z'),
  };
  return { deps, answers };
}

const vote = (user: string, extra: { channel?: string; value?: 'up' | 'down'; answerId?: string } = {}) => ({
  answerId: extra.answerId ?? 'a-1f2e3d4c5b',
  user,
  value: extra.value ?? ('up' as const),
  ...(extra.channel ? { channel: extra.channel } : {}),
});

describe('recordFeedback', () => {
  it('records a vote clicked in the answer’s channel, with who and when', async () => {
    const { deps, answers } = feedbackDeps();
    expect(await recordFeedback(deps, vote('U-voter', { channel: 'C1' }))).toBe('recorded');
    expect(answers.records.get('a-1f2e3d4c5b')?.feedback).toEqual([
      { user: 'U-voter', value: 'up', at: '2025-10-06T10:00:00.000Z' },
    ]);
  });

  it('counts a double click once', async () => {
    const { deps, answers } = feedbackDeps();
    expect(await recordFeedback(deps, vote('U-voter', { channel: 'C1' }))).toBe('recorded');
    expect(await recordFeedback(deps, vote('U-voter', { channel: 'C1' }))).toBe('duplicate');
    expect(answers.records.get('a-1f2e3d4c5b')?.feedback).toHaveLength(1);
  });

  it('a later vote of the same user replaces the earlier one', async () => {
    const { deps, answers } = feedbackDeps();
    await recordFeedback(deps, vote('U-voter', { channel: 'C1' }));
    await recordFeedback(deps, vote('U-voter', { channel: 'C1', value: 'down' }));
    expect(answers.records.get('a-1f2e3d4c5b')?.feedback.map((f) => f.value)).toEqual(['down']);
  });

  it('accepts a channel member clicking elsewhere, refuses a non-member, and refuses when membership is unknown', async () => {
    expect(await recordFeedback(feedbackDeps({ members: ['U-member'] }).deps, vote('U-member'))).toBe(
      'recorded',
    );
    expect(await recordFeedback(feedbackDeps().deps, vote('U-stranger', { channel: 'C9' }))).toBe(
      'not_accepted',
    );
    const unknown = feedbackDeps({ members: ['U-member'], membershipFails: true });
    expect(await recordFeedback(unknown.deps, vote('U-member'))).toBe('not_accepted');
    expect(unknown.answers.records.get('a-1f2e3d4c5b')?.feedback).toEqual([]);
  });

  it('answers an unknown id exactly as a vote it does not allow', async () => {
    const { deps } = feedbackDeps();
    const unknownId = await recordFeedback(
      deps,
      vote('U-voter', { channel: 'C1', answerId: 'a-0000000000' }),
    );
    const notAllowed = await recordFeedback(deps, vote('U-stranger', { channel: 'C9' }));
    expect(unknownId).toBe('not_accepted');
    expect(notAllowed).toBe(unknownId);
  });

  it('never takes a Slack vote on an answer made on the command line', async () => {
    const { deps, answers } = feedbackDeps({ members: ['U-voter'] });
    expect(await recordFeedback(deps, vote('U-voter', { answerId: 'a-cli0000001', channel: 'C1' }))).toBe(
      'not_accepted',
    );
    expect(answers.records.get('a-cli0000001')?.feedback).toEqual([]);
  });

  it('refuses a malformed id without looking it up', async () => {
    const { deps, answers } = feedbackDeps();
    expect(await recordFeedback(deps, vote('U-voter', { channel: 'C1', answerId: 'a-1; DROP' }))).toBe(
      'not_accepted',
    );
    expect(answers.gets()).toBe(0);
  });
});

describe('showAnswerRecord', () => {
  it('shows the record to the Slack user who asked', async () => {
    const { deps } = feedbackDeps();
    await expect(
      showAnswerRecord(deps, { answerId: 'a-1f2e3d4c5b', user: 'U-asker' }),
    ).resolves.toMatchObject({
      id: 'a-1f2e3d4c5b',
      question: 'spend by channel in Q3 2025',
    });
  });

  it('gives someone else, an unknown id and a CLI record the same refusal', async () => {
    const { deps } = feedbackDeps();
    const refusal = (answerId: string, user: string) =>
      showAnswerRecord(deps, { answerId, user }).then(
        () => 'shown',
        (error: { code: string; userMessage: string }) => [
          error.code,
          error.userMessage.replace(answerId, 'ID'),
        ],
      );
    const other = await refusal('a-1f2e3d4c5b', 'U-other');
    expect(other).toEqual(['bad_input', expect.stringMatching(/^I have no answer `ID` that you asked/)]);
    expect(await refusal('a-0000000000', 'U-asker')).toEqual(other);
    expect(await refusal('a-cli0000001', 'U-voter')).toEqual(other);
  });

  it('says what an answer id looks like when given something else', async () => {
    const { deps } = feedbackDeps();
    await expect(showAnswerRecord(deps, { answerId: 'what?', user: 'U-asker' })).rejects.toMatchObject({
      userMessage: expect.stringMatching(/Ids look like `a-1f2e3d4c5b`/),
    });
  });
});
