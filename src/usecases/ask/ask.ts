import { type ScoutError, toScoutError } from '../../errors.ts';
import type { ServedVariant } from '../../llmops/experiments/ports.ts';
import { answerWithAgent } from './agent-path.ts';
import type { AskAnswer } from './answer-types.ts';
import { choosePath } from './choose-path.ts';
import { choosePrompts } from './choose-prompts.ts';
import type { AskDeps, AskOptions } from './deps.ts';
import { answerFromKnowledgeBase } from './documents-path.ts';
import { AnswerDraft, type AnswerParts, failedAnswer, type PathAnswer } from './draft.ts';
import { answerWithModel } from './model-query-path.ts';
import { openModelSession } from './model-session.ts';
import { answerOffline, type OfflineReading, readOffline } from './offline-path.ts';
import { screenInput, screenOutput } from './screen.ts';
import type { SpendSession } from './spend-session.ts';

export type { AskAnswer, AskStatus, Citation } from './answer-types.ts';
export type { AskDeps, AskOptions, LlmDeps } from './deps.ts';

/**
 * Answers one question: input guardrail → offline parse → route → the chosen path → output
 * screen → the answer, with its record of timings, model calls and guardrail decisions.
 */
export async function ask(deps: AskDeps, asked: string, options: AskOptions = {}): Promise<AskAnswer> {
  if (!deps.experiments || !deps.llm) return askOnce(deps, asked, options);
  const id = deps.newId();
  const userKey = options.audience?.asker ?? 'anonymous';
  const chosen = await choosePrompts(deps, { userKey, requestId: id });
  // The shadow runs beside the answer, never before it, and its failure never touches it.
  const [answer, shadow] = await Promise.all([
    askOnce({ ...chosen.deps, newId: () => id }, asked, options),
    chosen.shadow
      ? askOnce({ ...chosen.shadow.deps, newId: () => `${id}-shadow` }, asked, options).catch(() => null)
      : null,
  ]);
  const served = readBy(answer, chosen.served);
  const shadowServed = shadow && chosen.shadow ? readBy(shadow, chosen.shadow.served) : [];
  return {
    ...answer,
    ...(served.length > 0 ? { variants: served } : {}),
    // A shadow that never reached its candidate (the parser answered offline) is not a result.
    ...(shadow && shadowServed.length > 0
      ? { shadow: { ...shadow, shadowOf: id, variants: shadowServed } }
      : {}),
  };
}

/** The variants whose prompt a model actually read for this answer: an offline answer has none. */
function readBy(answer: AskAnswer, variants: readonly ServedVariant[]): ServedVariant[] {
  const read = new Set(
    answer.llmCalls.flatMap((c) => [c.prompt, ...(c.sentPrompts ?? [])]).map((p) => `${p.id}@${p.version}`),
  );
  return variants.filter((v) => read.has(`${v.task}@${v.version}`));
}

async function askOnce(deps: AskDeps, asked: string, options: AskOptions): Promise<AskAnswer> {
  const draft = new AnswerDraft(deps, asked, options);
  const who = { user: draft.audience.asker, channel: draft.audience.channel, team: options.team ?? null };
  const session = openModelSession(deps, draft.id, who);
  return session.close(await draft.finish(await answer(session.deps, draft, session)));
}

async function answer(deps: AskDeps, draft: AnswerDraft, spend: SpendSession): Promise<AnswerParts> {
  let reading: OfflineReading | null = null;
  try {
    const input = await screenInput(deps, draft);
    if (input.refusal) return input.refusal;
    const read = readOffline(deps, draft);
    if ('refused' in read) return { status: 'refused', answer: read.refused, suggestions: [] };
    reading = read;
    return await screenOutput(deps, draft, await followPath(deps, draft, read, input.modelUsable, spend));
  } catch (error) {
    return await recover(deps, draft, toScoutError(error), reading);
  }
}

async function followPath(
  deps: AskDeps,
  draft: AnswerDraft,
  reading: OfflineReading,
  modelUsable: boolean,
  spend: SpendSession,
): Promise<PathAnswer> {
  const choice = choosePath(deps, draft.question, reading.parsed);
  if (choice.path === 'offline') return answerOffline(deps, draft, reading.settled);
  if (choice.path === 'documents') return answerFromKnowledgeBase(deps, draft, reading, choice);
  if (!modelUsable || !(await choice.llm.breaker.allow()))
    return answerOffline(deps, draft, reading.settled, { degraded: true });
  // Budgets: the worst case is held before the model is called; over a budget, offline, saying which.
  const budget = await spend.reserve(draft.id);
  if (!budget.allowed)
    return answerOffline(deps, draft, reading.settled, { degraded: true, degradedReason: budget.note });
  if (choice.path === 'agent') return answerWithAgent(deps, draft, choice.llm, choice.agent, reading);
  return answerWithModel(deps, draft, choice.llm, reading);
}

/** Bedrock failed (or ran out of time) after the model path was chosen: the offline answer, said so. */
async function recover(
  deps: AskDeps,
  draft: AnswerDraft,
  error: ScoutError,
  reading: OfflineReading | null,
): Promise<AnswerParts> {
  // A budget that ran out mid-answer (a call after the first): offline, naming the budget.
  if (error.code === 'budget_exhausted' && reading)
    return answerOffline(deps, draft, reading.settled, { degraded: true, degradedReason: error.userMessage });
  if (error.code !== 'llm_unavailable' || !deps.llm || !reading) return failedAnswer(deps, draft, error);
  await deps.llm.breaker.recordFailure();
  deps.onError?.(draft.id, error);
  return answerOffline(deps, draft, reading.settled, { degraded: true });
}
