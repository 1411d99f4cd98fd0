import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../src/domain/answer-record.ts';
import { channelAudience } from '../../src/domain/audience.ts';
import type { AnswerStore, Chat, ConversationStore, Dedupe } from '../../src/ports.ts';
import { answerInConversation, type ConversationDeps } from '../../src/usecases/answer-in-conversation.ts';
import { type AskOptions, ask } from '../../src/usecases/ask/ask.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';

/** Port fakes that write every call into one shared log, so the order of effects can be asserted. */
function harness(options: { dedupeFirst?: boolean } = {}) {
  const events: string[] = [];
  const records = new Map<string, AnswerRecord>();
  const memory = new Map<string, unknown>();
  const answers: AnswerStore = {
    async save(record) {
      events.push(`save ${record.id}`);
      records.set(record.id, record);
    },
    async get(id) {
      return records.get(id) ?? null;
    },
    async addFeedback() {
      return false;
    },
  };
  let ts = 0;
  const chat: Chat = {
    async postMessage(message) {
      events.push(`post ${message.channel}`);
      return { channel: message.channel, ts: `1717000000.00000${++ts}` };
    },
    async updateMessage() {},
    async postEphemeral() {},
    async uploadImage() {
      return { fileId: 'F1' };
    },
    async shareFile() {
      return { fileId: 'F2' };
    },
    async setStatus() {},
  };
  const conversations: ConversationStore = {
    async get(key) {
      return memory.get(key) ?? null;
    },
    async set(key, value) {
      memory.set(key, value);
    },
  };
  const dedupe: Dedupe = { claim: async () => options.dedupeFirst ?? true };
  const ask = offlineAskDeps({ newId: () => 'a-1' });
  const deps: ConversationDeps = {
    ask,
    chat,
    conversations,
    dedupe,
    answers,
    render: (answer) => ({ text: answer.answer, blocks: [] }),
    contextTtlSeconds: 600,
    logger: pino({ level: 'silent' }),
    now: () => new Date('2025-12-31T12:00:00Z'),
  };
  return { deps, events, records, memory };
}

/** A question asked in Scout's thread 1717000000.000009 of channel C1. */
const inThread = (question: string, surface: 'mention' | 'thread') => ({
  surface,
  question,
  user: 'U1',
  channel: 'C1',
  audience: channelAudience('C1', 'U1'),
  replyThreadTs: '1717000000.000009',
});

describe('answering in a Slack conversation', () => {
  it('stores the answer record before the answer is posted, so its id can be looked up at once', async () => {
    const h = harness();
    const result = await answerInConversation(h.deps, {
      surface: 'slash_command',
      question: 'total spend in 2025',
      user: 'U1',
      channel: 'C1',
      audience: channelAudience('C1', 'U1'),
    });
    expect(result.outcome).toBe('posted');
    expect(h.events).toEqual(['save a-1', 'post C1']);
    expect(h.records.get('a-1')?.conversation).toEqual({ channel: 'C1' });
  });

  it('records the thread it answered in, and remembers the query under that thread', async () => {
    const h = harness();
    await answerInConversation(h.deps, inThread('total spend in 2025', 'mention'));
    expect(h.records.get('a-1')?.conversation).toEqual({ channel: 'C1', threadTs: '1717000000.000009' });
    expect([...h.memory.keys()]).toEqual(['C1:1717000000.000009']);
  });

  it('does nothing for a delivery it has already seen', async () => {
    const h = harness({ dedupeFirst: false });
    const result = await answerInConversation(h.deps, {
      surface: 'slash_command',
      question: 'total spend in 2025',
      user: 'U1',
      channel: 'C1',
      audience: channelAudience('C1', 'U1'),
      dedupeKey: 'k1',
    });
    expect(result).toEqual({ outcome: 'duplicate' });
    expect(h.events).toEqual([]);
  });

  it('has the question answered where deps.answer says (an answer thread), with the previous query, session and audience', async () => {
    const h = harness();
    const calls: { question: string; options: AskOptions }[] = [];
    h.deps.answer = async (question, options) => {
      calls.push({ question, options });
      return ask(h.deps.ask, question, options);
    };
    const first = await answerInConversation(h.deps, inThread('total spend in 2025', 'mention'));
    await answerInConversation(h.deps, {
      ...inThread('and for video only?', 'thread'),
      conversationKey: 'C1:1717000000.000009',
    });
    expect(calls.map((c) => c.question)).toEqual(['total spend in 2025', 'and for video only?']);
    if (first.outcome !== 'posted' || !first.answer.query) throw new Error('the first question got no query');
    expect(calls[1]?.options.previous).toEqual(first.answer.query);
    expect(calls[1]?.options.sessionId).toBe('C1:1717000000.000009');
    expect(calls[1]?.options.audience).toEqual(channelAudience('C1', 'U1'));
    expect(h.events).toEqual(['save a-1', 'post C1', 'save a-1', 'post C1']);
  });
});
