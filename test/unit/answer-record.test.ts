import { describe, expect, it } from 'vitest';
import { answerRecordSchema } from '../../src/domain/answer-record.ts';

const stored = {
  id: 'a-1f2e3d4c5b',
  createdAt: '2025-06-02T09:30:00.000Z',
  surface: 'mention',
  asker: { user: 'U1', team: 'T1' },
  conversation: { channel: 'C1', threadTs: '1717320600.000100' },
  question: 'spend by channel last week',
  status: 'error',
  path: 'offline',
  latencyMs: 12.5,
};

describe('answer record errorCode', () => {
  it('keeps an ErrorCode', () => {
    expect(answerRecordSchema.parse({ ...stored, errorCode: 'query_timeout' }).errorCode).toBe(
      'query_timeout',
    );
  });

  it('reads a code this version does not have (an older record) as none, not as a corrupt record', () => {
    const parsed = answerRecordSchema.safeParse({ ...stored, errorCode: 'a_code_since_removed' });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.errorCode).toBeUndefined();
  });
});
