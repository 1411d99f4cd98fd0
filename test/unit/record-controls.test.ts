import { describe, expect, it } from 'vitest';
import { type AnswerRecord, answerRecordSchema } from '../../src/domain/answer-record.ts';
import { controlLines } from '../../src/domain/answer-record-controls.ts';
import { renderRecord } from '../../src/presentation/slack/record-message.ts';

const record = (extra: Partial<AnswerRecord> = {}): AnswerRecord =>
  answerRecordSchema.parse({
    id: 'a-1',
    createdAt: '2025-12-31T00:00:00.000Z',
    surface: 'slash_command',
    asker: { user: 'U1' },
    conversation: { channel: 'C1' },
    question: 'spend in 2025',
    status: 'answered',
    path: 'model',
    latencyMs: 10,
    ...extra,
  });

describe('the controls on an answer record', () => {
  it('says briefly which checks ran, what fired, the cache and the budget', () => {
    const lines = controlLines(
      record({
        guardrailDecisions: [
          { stage: 'input', check: 'personal_data', fired: true, operation: 'answer', detail: 'email' },
          { stage: 'input', check: 'prompt_injection', fired: false, operation: 'answer' },
          { stage: 'output', check: 'word_filter', fired: false, operation: 'converse' },
        ],
        cache: { status: 'hit', promptCache: { calls: 2, reads: 1, writes: 1 } },
        budget: {
          state: 'warning',
          reservedUsd: 0.05,
          settledUsd: 0.0123,
          scopes: [{ scope: 'user:U1:2025-12-31', limitUsd: 1, spentUsd: 0.85, remainingUsd: 0.15 }],
        },
      }),
    );
    expect(lines).toEqual([
      'guardrails: input personal_data, input prompt_injection, output word_filter; fired: input personal_data (email)',
      'cache: hit · prompt cache: 1 of 2 calls read, 1 wrote',
      'budget: warning · held $0.0500, settled $0.0123 · user:U1:2025-12-31 $0.1500 of $1.00 left',
    ]);
  });

  it('says nothing for an older record without them, and shows them in /scout why', () => {
    expect(controlLines(record())).toEqual([]);
    const shown = JSON.stringify(renderRecord(record({ cache: { status: 'miss' } })).blocks);
    expect(shown).toContain('cache: miss');
  });
});
