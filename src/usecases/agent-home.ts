import type { AnswerRecord } from '../domain/answer-record.ts';
import { fitPrompts } from '../domain/suggested-prompts.ts';
import type {
  AgentSurface,
  AnswerStore,
  KeyValueStore,
  ReportQueue,
  ScheduleInfo,
  Tally,
  Workspace,
} from '../ports.ts';
import { FEEDBACK_TALLY } from './answer-feedback.ts';

export interface AgentHomeDeps {
  surface: AgentSurface;
  answers: Pick<AnswerStore, 'recentFor'>;
  queue: Pick<ReportQueue, 'listSchedules'>;
  workspace: Pick<Workspace, 'isAdmin'>;
  /** What each user is looking at in Slack (app_context_changed), for a day. */
  memory: KeyValueStore;
  tally: Tally;
  /** Renders the Home tab from what it shows (presentation code, injected). */
  renderHome: (home: HomeContent) => Record<string, unknown>;
}

/** Everything the Home tab shows one user. */
export interface HomeContent {
  user: string;
  recent: Pick<AnswerRecord, 'id' | 'question' | 'status' | 'createdAt' | 'conversation'>[];
  /** Schedules this user set up, and those of the channel they are looking at. */
  schedules: { id: string; channel: string; industry: string; pattern: string; tz: string; mine: boolean }[];
  /** Only for workspace admins. */
  admin: { schedules: number; feedback: Record<string, number> } | null;
}

const CONTEXT_TTL_SECONDS = 24 * 60 * 60;
const contextKey = (user: string) => `viewing:${user}`;

/** Remembers the channel a user is looking at (app_context_changed), to fit Home to it. */
export async function rememberContext(
  deps: Pick<AgentHomeDeps, 'memory'>,
  input: { user: string; channel: string | null },
): Promise<void> {
  await deps.memory.set(contextKey(input.user), { channel: input.channel }, CONTEXT_TTL_SECONDS);
}

async function viewing(deps: Pick<AgentHomeDeps, 'memory'>, user: string): Promise<string | null> {
  const stored = (await deps.memory.get(contextKey(user)).catch(() => null)) as { channel?: unknown } | null;
  return typeof stored?.channel === 'string' ? stored.channel : null;
}

async function recentOf(deps: Pick<AgentHomeDeps, 'answers'>, user: string, limit: number) {
  return (await deps.answers.recentFor?.(user, limit)) ?? [];
}

/** The DM opened: up to four prompts fitted to the user (their recent questions, else defaults). */
export async function greetInDm(
  deps: Pick<AgentHomeDeps, 'surface' | 'answers'>,
  input: { user: string; channel: string },
): Promise<void> {
  const recent = await recentOf(deps, input.user, 10).catch(() => []);
  const questions = recent.filter((r) => r.status === 'answered').map((r) => r.question);
  await deps.surface.setSuggestedPrompts({
    channel: input.channel,
    title: 'Ask me about your campaigns, or try one of these:',
    prompts: fitPrompts(questions),
  });
}

function scheduleLine(schedule: ScheduleInfo, user: string) {
  const data = schedule.data;
  if (!data) return null;
  return {
    id: schedule.id,
    channel: data.channel,
    industry: data.request.industry,
    pattern: schedule.pattern,
    tz: schedule.tz,
    mine: data.user === user,
  };
}

/** What the user's Home tab shows: recent answers, their schedules, and counts for admins. */
export async function homeContent(deps: AgentHomeDeps, user: string): Promise<HomeContent> {
  const [recent, all, admin, channel] = await Promise.all([
    recentOf(deps, user, 5),
    deps.queue.listSchedules(),
    deps.workspace.isAdmin(user).catch(() => false),
    viewing(deps, user),
  ]);
  const schedules = all
    .map((s) => scheduleLine(s, user))
    .filter((s): s is NonNullable<typeof s> => s !== null && (s.mine || s.channel === channel));
  return {
    user,
    recent: recent.map(({ id, question, status, createdAt, conversation }) => ({
      id,
      question,
      status,
      createdAt,
      conversation,
    })),
    schedules,
    admin: admin ? { schedules: all.length, feedback: await deps.tally.read(FEEDBACK_TALLY) } : null,
  };
}

/** Publishes the user's Home tab. */
export async function publishHome(deps: AgentHomeDeps, user: string): Promise<void> {
  await deps.surface.publishHome({ user, view: deps.renderHome(await homeContent(deps, user)) });
}
