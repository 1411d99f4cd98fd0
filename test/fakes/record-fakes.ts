import { type AnswerRecord, answerRecordSchema } from '../../src/domain/answer-record.ts';
import type { AnswerStore, Dedupe } from '../../src/ports.ts';

/** Answer records in memory; `gets` counts lookups, so a test can tell a refusal came before any. */
export function memoryAnswerStore(records: AnswerRecord[] = []) {
  const byId = new Map(records.map((r) => [r.id, structuredClone(r)]));
  let gets = 0;
  const store: AnswerStore = {
    async save(record) {
      byId.set(record.id, structuredClone(record));
    },
    async get(id) {
      gets += 1;
      return structuredClone(byId.get(id) ?? null);
    },
    async addFeedback(id, feedback) {
      const record = byId.get(id);
      if (!record) return false;
      record.feedback = [...record.feedback.filter((f) => f.user !== feedback.user), feedback];
      return true;
    },
    async recentFor(user, limit) {
      return [...byId.values()]
        .filter((r) => r.asker.user === user)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit)
        .map((r) => structuredClone(r));
    },
  };
  return { store, records: byId, gets: () => gets };
}

/** First claim of a key wins (expiry is not simulated). */
export function memoryClaims() {
  const claimed = new Set<string>();
  const dedupe: Dedupe = {
    async claim(key) {
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    },
  };
  return { dedupe, claimed };
}

/** A valid answer record asked in Slack; override what the test is about. */
export function answerRecord(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return answerRecordSchema.parse({
    id: 'a-1f2e3d4c5b',
    createdAt: '2025-10-06T09:00:00.000Z',
    surface: 'mention',
    asker: { user: 'U-asker', team: 'T1' },
    conversation: { channel: 'C1', threadTs: '1700000000.000100' },
    question: 'spend by channel in Q3 2025',
    status: 'answered',
    path: 'offline',
    latencyMs: 120,
    ...overrides,
  });
}
