import { withPlainShorthand } from '../../domain/documents/route.ts';
import { parseInConversation } from '../../domain/parser/follow-up.ts';
import { certainOrClarify, type ParseOutcome } from '../../domain/parser/parse-question.ts';
import { toScoutError } from '../../errors.ts';
import type { AskDeps } from './deps.ts';
import { type AnswerDraft, type AnswerParts, failedAnswer } from './draft.ts';
import { runMetricQuery } from './run-metric-query.ts';

/** A parse the offline engine can answer or ask back about (a refusal ends the question earlier). */
export type OfflineOutcome = Exclude<ParseOutcome, { status: 'refused' }>;

/**
 * The offline parser's reading of the question: `parsed` as the parser read it (what routing looks
 * at), `settled` as the offline engine may answer it alone (an unplaced word turns it into a
 * clarification). It is also what a failed model degrades to.
 */
export interface OfflineReading {
  parsed: OfflineOutcome;
  settled: OfflineOutcome;
}

const degradedNote = '_(degraded: answered without the model)_';

/** Parses the question (as a follow-up when it is one); a refusal comes back as it is. */
export function readOffline(deps: AskDeps, draft: AnswerDraft): OfflineReading | { refused: string } {
  const parsed = parseInConversation(withPlainShorthand(draft.question), deps, draft.previous);
  draft.markParsed();
  if (parsed.status === 'refused') return { refused: parsed.reason };
  return { parsed, settled: certainOrClarify(parsed, deps) as OfflineOutcome };
}

/** The offline engine's answer; `degraded` when it stands in for an unavailable model. */
export async function answerOffline(
  deps: AskDeps,
  draft: AnswerDraft,
  settled: OfflineOutcome,
  how: {
    degraded?: boolean;
    /** Appended to a clarification only (a note that the documents were searched as well). */
    clarifyNote?: string;
    /** Why the model was not used, when it was not (an outage by default). */
    degradedReason?: string;
  } = {},
): Promise<AnswerParts> {
  const degraded = how.degraded ?? false;
  const note = degraded ? ` ${how.degradedReason ?? degradedNote}` : '';
  if (settled.status === 'clarify') {
    const understood = settled.understood ? `I understood: ${settled.understood}. ` : '';
    return {
      status: 'clarify',
      degraded,
      answer: `${understood}${settled.missing}${how.clarifyNote ?? ''}${note}`,
      understood: settled.understood,
      suggestions: settled.suggestions,
    };
  }
  try {
    const parts = await runMetricQuery(deps, settled.query, settled.understood, {
      renderChart: draft.renderChart,
      answerId: draft.id,
      audience: draft.audience,
    });
    draft.tookQuery(parts);
    const readings = settled.readings.length > 0 ? ` (I ${settled.readings.join('; ')}.)` : '';
    return {
      status: 'answered',
      degraded,
      understood: settled.understood,
      suggestions: [],
      ...parts,
      answer: `${parts.answer}${readings}${note}`,
    };
  } catch (error) {
    const typed = toScoutError(error);
    if (typed.code !== 'bad_input') return failedAnswer(deps, draft, typed, settled.query);
    return {
      status: 'clarify',
      answer: typed.userMessage,
      understood: settled.understood,
      suggestions: [],
      query: settled.query,
    };
  }
}
