import { describe, expect, it } from 'vitest';
import { describeOrder } from '../../handlers/commands/report.ts';
import { defaultPrompts, fitPrompts } from '../../src/domain/suggested-prompts.ts';
import type { AgentSurface, ScheduleInfo } from '../../src/ports.ts';
import { renderHome } from '../../src/presentation/slack/agent-home.ts';
import { escapeMrkdwn } from '../../src/presentation/slack/mrkdwn.ts';
import { greetInDm, homeContent } from '../../src/usecases/agent-home.ts';
import { answerRecord, memoryAnswerStore } from '../fakes/record-fakes.ts';

function surface() {
  const prompts: { channel: string; prompts: { message: string }[] }[] = [];
  const s: AgentSurface = {
    async setSuggestedPrompts(input) {
      prompts.push(input);
    },
    async publishHome() {},
    async openModal() {},
  };
  return { surface: s, prompts };
}

const schedule = (id: string, channel: string, user: string): ScheduleInfo => ({
  id,
  pattern: '0 9 * * 1',
  tz: 'Asia/Taipei',
  next: null,
  data: {
    channel,
    user,
    request: { industry: 'Gaming' },
  } as unknown as ScheduleInfo['data'], // only the fields Home reads
});

describe('suggested prompts', () => {
  it('offers the defaults to a user with no history, four at most', () => {
    expect(fitPrompts([])).toEqual(defaultPrompts.slice(0, 4));
  });

  it("puts the user's own recent questions first, once each and at most two", () => {
    const prompts = fitPrompts(['CTR by channel', 'ctr by channel', 'spend in 2025', 'ROAS in Japan']);
    expect(prompts.map((p) => p.message)).toEqual([
      'CTR by channel',
      'spend in 2025',
      defaultPrompts[0]?.message,
      defaultPrompts[1]?.message,
    ]);
  });

  it('greets in the DM with prompts from answered questions only', async () => {
    const { store } = memoryAnswerStore([
      answerRecord({
        id: 'a-1',
        asker: { user: 'U1' },
        question: 'spend by market',
        createdAt: '2025-10-02T00:00:00Z',
      }),
      answerRecord({ id: 'a-2', asker: { user: 'U1' }, question: 'blorp', status: 'clarify' }),
    ]);
    const s = surface();
    await greetInDm({ surface: s.surface, answers: store }, { user: 'U1', channel: 'D1' });
    expect(s.prompts[0]?.channel).toBe('D1');
    expect(s.prompts[0]?.prompts.map((p) => p.message)).toContain('spend by market');
    expect(s.prompts[0]?.prompts.map((p) => p.message)).not.toContain('blorp');
  });
});

describe('Home', () => {
  it("lists the user's schedules and the viewed channel's, with a remove button, and counts only for admins", async () => {
    const { store } = memoryAnswerStore();
    const memory = new Map<string, unknown>([['viewing:U1', { channel: 'C9' }]]);
    const deps = {
      surface: surface().surface,
      answers: store,
      queue: {
        listSchedules: async () => [
          schedule('s-mine', 'C1', 'U1'),
          schedule('s-viewed', 'C9', 'U2'),
          schedule('s-other', 'C3', 'U3'),
        ],
      },
      workspace: { isAdmin: async (user: string) => user === 'UADMIN' },
      memory: { get: async (k: string) => memory.get(k) ?? null, set: async () => {} },
      tally: { increment: async () => {}, read: async () => ({ 'offline · down · wrong_period': 2 }) },
      renderHome,
    };
    const home = await homeContent(deps, 'U1');
    expect(home.schedules.map((s) => s.id)).toEqual(['s-mine', 's-viewed']);
    expect(home.admin).toBeNull();
    const view = JSON.stringify(renderHome(home));
    expect(view).toContain('"action_id":"home_unschedule"');
    expect(view).toContain('"value":"C1 s-mine"');

    const admin = await homeContent(deps, 'UADMIN');
    expect(admin.admin).toEqual({ schedules: 3, feedback: { 'offline · down · wrong_period': 2 } });
    expect(JSON.stringify(renderHome(admin))).toContain('offline · down · wrong_period: 2');
  });
});

describe('/report help', () => {
  it('shows `/report unschedule <id>` as written, not as `unschedule id`', () => {
    const shown = escapeMrkdwn(describeOrder({ kind: 'help' }));
    expect(shown).toContain('/report unschedule &lt;id&gt;');
  });
});
