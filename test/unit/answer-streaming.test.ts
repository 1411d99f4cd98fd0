import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AnswerRecord } from '../../src/domain/answer-record.ts';
import { channelAudience } from '../../src/domain/audience.ts';
import { ScoutError } from '../../src/errors.ts';
import type { Chat, ChatStreams, SlackBlock } from '../../src/ports.ts';
import { renderStreamedAnswer } from '../../src/presentation/slack/streamed-answer.ts';
import { answerInConversation, type ConversationDeps } from '../../src/usecases/answer-in-conversation.ts';
import type { AskAnswer } from '../../src/usecases/ask/answer-types.ts';
import { blockFallbacks, postWithFallback } from '../../src/usecases/deliver-answer.ts';
import { offlineAskDeps } from '../fakes/offline-ask-deps.ts';

const silent = pino({ level: 'silent' });
const rejected = () => new ScoutError('slack_blocks_rejected', 'chat.postMessage failed: invalid_blocks');

/** Ports that log every effect in order; `failStop` makes stopStream refuse blocks that many times. */
function harness(options: { failStart?: boolean; failStop?: number } = {}) {
  const events: string[] = [];
  const records = new Map<string, AnswerRecord>();
  let failStop = options.failStop ?? 0;
  const stopped: SlackBlock[][] = [];
  const chat: Chat = {
    async postMessage(m) {
      events.push(`post ${m.channel} ${m.threadTs ?? ''}`);
      return { channel: m.channel, ts: '1717000000.000100' };
    },
    async updateMessage() {},
    async postEphemeral() {},
    async uploadImage() {
      events.push('upload');
      return { fileId: 'F1' };
    },
    async shareFile() {
      return { fileId: 'F2' };
    },
    async setStatus(s) {
      events.push(`status ${s.loadingMessages?.length ?? 0}`);
    },
  };
  const streams: ChatStreams = {
    async start(s) {
      if (options.failStart)
        throw new ScoutError('slack_failed', 'chat.startStream failed: invalid_thread_ts');
      events.push(`start ${s.recipientUserId} ${s.tasks.map((t) => `${t.id}:${t.status}`).join(',')}`);
      return { channel: s.channel, ts: '1717000000.000200' };
    },
    async append(s) {
      events.push(
        `append ${(s.tasks ?? []).map((t) => `${t.id}:${t.status}`).join(',')}${s.text ? ' text' : ''}`,
      );
    },
    async stop(s) {
      if (failStop > 0 && (s.blocks?.length ?? 0) > 0) {
        failStop -= 1;
        throw rejected();
      }
      stopped.push(s.blocks ?? []);
      events.push('stop');
    },
  };
  const deps: ConversationDeps = {
    ask: offlineAskDeps(),
    answer: async () => spendByChannel,
    chat,
    streams,
    renderStream: renderStreamedAnswer,
    conversations: { get: async () => null, set: async () => {} },
    dedupe: { claim: async () => true },
    answers: {
      async save(record) {
        events.push(`save ${record.id}`);
        records.set(record.id, record);
      },
      get: async (id) => records.get(id) ?? null,
      addFeedback: async () => false,
    },
    render: (answer) => ({ text: answer.answer, blocks: [] }),
    contextTtlSeconds: 600,
    logger: silent,
    now: () => new Date('2025-12-31T12:00:00Z'),
  };
  return { deps, events, stopped };
}

/** An answered data question with a table and a chart, as an answer thread returns it. */
const spendByChannel: AskAnswer = {
  id: 'a-1',
  question: 'spend by channel in 2025',
  personalData: [],
  status: 'answered',
  answer: 'Spend in 2025 was $1.2M on Search and $0.8M on Social.',
  understood: 'Spend by channel in 2025',
  suggestions: [],
  sql: 'SELECT channel, SUM(spend_usd) FROM ad_performance_daily GROUP BY channel',
  rows: [
    ['Search', 1_200_000],
    ['Social', 800_000],
  ],
  table: {
    headers: ['Channel', 'Spend'],
    rows: [
      ['Search', '$1.2M'],
      ['Social', '$0.8M'],
    ],
  },
  chart: { png: new Uint8Array([137, 80, 78, 71]), spec: {} },
  citations: [],
  route: 'data',
  path: 'offline',
  degraded: false,
  llmCalls: [],
  costUsd: 0,
  timings: { parseMs: 1, modelMs: 0, queryMs: 2, chartMs: 3, totalMs: 6 },
};

const mention = (question: string) => ({
  surface: 'mention' as const,
  question,
  user: 'U1',
  team: 'T1',
  channel: 'C1',
  audience: channelAudience('C1', 'U1'),
  replyThreadTs: '1717000000.000009',
  showStatus: true,
  stream: true,
});

describe('streamed answers', () => {
  it('opens with progress, reports each step, stores the record, then streams text and stops with feedback', async () => {
    const h = harness();
    const result = await answerInConversation(
      h.deps,
      mention('top 5 brands by spend in Gaming last quarter'),
    );
    expect(result.outcome).toBe('posted');
    expect(h.events).toEqual([
      'status 4',
      'start U1 understand:in_progress,query:pending,check:pending',
      'append understand:complete,query:complete,chart:in_progress,check:complete',
      'upload',
      'append chart:complete',
      'save a-1',
      'append  text',
      'stop',
    ]);
    const closing = JSON.stringify(h.stopped[0]);
    expect(closing).toContain('"type":"context_actions"');
    expect(closing).toContain('"value":"down:a-1"');
    expect(closing).toContain('"slack_file":{"id":"F1"}');
  });

  it('posts a plain message when the stream cannot start', async () => {
    const h = harness({ failStart: true });
    await answerInConversation(h.deps, mention('total spend in 2025'));
    expect(h.events.filter((e) => e.startsWith('post'))).toEqual(['post C1 1717000000.000009']);
    expect(h.events.some((e) => e.startsWith('append'))).toBe(false);
  });

  it('stops without the chart when Slack refuses the closing blocks, keeping the feedback buttons', async () => {
    const h = harness({ failStop: 1 });
    await answerInConversation(h.deps, mention('spend by channel in 2025'));
    expect(h.events.filter((e) => e === 'stop')).toHaveLength(1);
    expect(h.stopped).toHaveLength(1);
    const closing = JSON.stringify(h.stopped[0]);
    expect(closing).not.toContain('slack_file');
    expect(closing).toContain('feedback_buttons');
    expect(h.events.some((e) => e.startsWith('post'))).toBe(false);
  });
});

describe('posting with fallbacks', () => {
  const blocks: SlackBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: 'x' } },
    { type: 'table', rows: [] },
    { type: 'image', slack_file: { id: 'F9' } },
    { type: 'context', elements: [] },
  ];

  it('tries the blocks as rendered, then without the image, then only text, context and buttons', () => {
    expect(blockFallbacks(blocks).map((t) => t.map((b) => b.type))).toEqual([
      ['section', 'table', 'image', 'context'],
      ['section', 'table', 'context'],
      ['section', 'context'],
    ]);
  });

  it('re-posts without the failing part on invalid_blocks, and gives up on other errors at once', async () => {
    const sent: number[] = [];
    let refusals = 2;
    const chat = {
      async postMessage(m: { blocks?: SlackBlock[] }) {
        sent.push(m.blocks?.length ?? 0);
        if (refusals-- > 0) throw rejected();
        return { channel: 'C1', ts: '1.2' };
      },
    };
    await postWithFallback(chat, { channel: 'C1', text: 't', blocks }, silent);
    expect(sent).toEqual([4, 3, 2]);

    const failing = {
      postMessage: async () => {
        throw new ScoutError('slack_failed', 'not_in_channel');
      },
    };
    await expect(
      postWithFallback(failing, { channel: 'C1', text: 't', blocks }, silent),
    ).rejects.toMatchObject({
      code: 'slack_failed',
    });
  });
});
