import { toScoutError } from '../../errors.ts';
import type { GuardrailDecision } from '../../llmops/gateway/types.ts';
import { type InputScreen, inputIncident, screenUserInput } from '../../llmops/guardrails/input-screen.ts';
import { confidenceCheck, screenOutputText } from '../../llmops/guardrails/output-screen.ts';
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
  draft.decisions.push(...inputDecisions(draft, local));
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

/** What the local input screen checked and what fired (the rule names, never the text). */
function inputDecisions(draft: AnswerDraft, local: InputScreen): GuardrailDecision[] {
  const rules = local.verdict === 'allow' ? [] : inputIncident(draft.id, local).rules;
  const decision = (check: string, fired: boolean, detail?: string): GuardrailDecision => ({
    stage: 'input',
    check,
    fired,
    operation: 'answer',
    ...(fired && detail ? { detail } : {}),
  });
  return [
    decision('personal_data', draft.personalData.length > 0, draft.personalData.join(',')),
    decision('prompt_injection', local.verdict === 'injection', rules.join(',')),
    decision('denied_topic', local.verdict === 'denied_topic', rules.join(',')),
  ];
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
  if (!screen) return parts;
  const local = screenLocally(parts);
  const guardrail = deps.llm?.guardrail;
  if (!guardrail || !draft.guardrail) return local;
  const verdict = await guardrail.assess({
    source: 'OUTPUT',
    text: local.answer,
    query: draft.question,
    ...draft.withDeadline,
    // With a guardrail, its contextual grounding check sees the quoted sources.
    ...(screen.groundingSource ? { groundingSource: screen.groundingSource.slice(0, 100_000) } : {}),
  });
  draft.guardrail.output = verdict.assessments;
  return {
    ...local,
    answer: verdict.intervened ? verdict.outputText || 'I cannot share that answer.' : local.answer,
  };
}

/**
 * The local output screen, always on for text a model wrote or Scout quotes from documents:
 * personal data redacted, filtered words replaced, and whether thin evidence is flagged.
 */
function screenLocally(parts: AnswerParts): AnswerParts {
  const screened = screenOutputText(parts.answer);
  const checks = [...screened.checks, confidenceCheck(parts.confidence)].map((check) => ({
    stage: 'output' as const,
    operation: 'answer' as const,
    ...check,
  }));
  return {
    ...parts,
    answer: screened.text,
    guardrailDecisions: [...(parts.guardrailDecisions ?? []), ...checks],
  };
}
