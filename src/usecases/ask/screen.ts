import { toScoutError } from '../../errors.ts';
import { inputIncident, screenUserInput } from '../../llmops/guardrails/input-screen.ts';
import type { AskDeps } from './deps.ts';
import type { AnswerDraft, AnswerParts, PathAnswer } from './draft.ts';

/**
 * The input guardrail, before any model call. An intervention refuses the question; a guardrail
 * that cannot be reached keeps the model out of this answer (the offline engine answers).
 */
export async function screenInput(
  deps: AskDeps,
  draft: AnswerDraft,
): Promise<{ refusal: AnswerParts | null; modelUsable: boolean }> {
  // The local screen, always on: injection attempts and denied topics go no further.
  const local = screenUserInput(draft.question);
  if (local.verdict !== 'allow') {
    deps.onIncident?.(inputIncident(draft.id, local));
    return { refusal: { status: 'refused', answer: local.reply, suggestions: [] }, modelUsable: false };
  }
  const llm = deps.llm ?? null;
  if (!llm?.guardrail || !draft.guardrail) return { refusal: null, modelUsable: Boolean(llm) };
  try {
    const verdict = await llm.guardrail.assess({
      source: 'INPUT',
      text: draft.question,
      ...draft.withDeadline,
    });
    Object.assign(draft.guardrail, verdict.guardrail, { input: verdict.assessments });
    if (!verdict.intervened) return { refusal: null, modelUsable: true };
    const answer = verdict.outputText || 'I cannot help with that request.';
    return { refusal: { status: 'refused', answer, suggestions: [] }, modelUsable: true };
  } catch (error) {
    deps.onError?.(draft.id, error);
    if (toScoutError(error).code === 'llm_unavailable') await llm.breaker.recordFailure();
    return { refusal: null, modelUsable: false };
  }
}

/**
 * The output screen: the last check of text the model wrote or Scout will post from documents,
 * through the output guardrail when one is configured. Figures were checked on each path already
 * (only numbers from a query result are stated); this is the content check on the final words.
 */
export async function screenOutput(
  deps: AskDeps,
  draft: AnswerDraft,
  { screen, ...parts }: PathAnswer,
): Promise<AnswerParts> {
  const guardrail = deps.llm?.guardrail;
  if (!screen || !guardrail || !draft.guardrail) return parts;
  const verdict = await guardrail.assess({
    source: 'OUTPUT',
    text: parts.answer,
    query: draft.question,
    ...draft.withDeadline,
    // With a guardrail, its contextual grounding check sees the quoted sources.
    ...(screen.groundingSource ? { groundingSource: screen.groundingSource.slice(0, 100_000) } : {}),
  });
  draft.guardrail.output = verdict.assessments;
  return {
    ...parts,
    answer: verdict.intervened ? verdict.outputText || 'I cannot share that answer.' : parts.answer,
  };
}
