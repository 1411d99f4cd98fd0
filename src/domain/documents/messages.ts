/**
 * The wording of document answers that say "no": one message, one stance. A refusal opens with
 * what Scout could not do, lists only documents that are on the question's subject, and never
 * asks back for a measure after saying the question is not about the data.
 */

export const NOT_FOUND = "I couldn't find this in the knowledge base.";

/** After a data clarification, when the knowledge base was searched and holds no answer either. */
export const NOT_FOUND_EITHER = "I couldn't find this in the knowledge base either.";

/**
 * "I couldn't find this…", then the related documents, when any are related at all. A name the
 * knowledge base never mentions is said instead: documents about the rest of the question are
 * about someone else.
 */
export function notFoundMessage(
  related: readonly { title: string }[],
  unknownNames: readonly string[] = [],
): string {
  if (unknownNames.length > 0) {
    const names = unknownNames.map((n) => `“${n}”`).join(', ');
    return `${NOT_FOUND} No document mentions ${names}.`;
  }
  if (related.length === 0) return NOT_FOUND;
  const titles = related.map((d) => `“${d.title}”`).join(', ');
  return `${NOT_FOUND} Related documents that do not answer it: ${titles}.`;
}

/** Neither the knowledge base nor the data has a reading of the question. */
export function nothingToGoOnMessage(): string {
  return `${NOT_FOUND.replace(/\.$/, '')}, and I could not read it as a question about the advertising data. Name a measure and a period (for example "CTR by channel last quarter"), or a document (for example "the Japan market note").`;
}

export type Direction = 'rise' | 'fall';

const FALL_WORDS =
  /\b(collapse|collapsed|collapses|crash|crashed|tank|tanked|plunge|plunged|plummet|plummeted|drop|dropped|drops|fall|fell|falls|decline|declined|declines|slump|slumped|dip|dipped|shrink|shrank|shrunk|sink|sank|tumble|tumbled|go down|went down|down)\b/i;
const RISE_WORDS =
  /\b(jump|jumped|jumps|spike|spiked|spikes|surge|surged|soar|soared|grow|grew|grown|growth|rise|rose|risen|increase|increased|climb|climbed|double|doubled|boom|boomed|go up|went up|up)\b/i;

/** The direction a question takes for granted ("why did X collapse": a fall), if exactly one. */
export function assertedDirection(question: string): Direction | null {
  const fall = FALL_WORDS.test(question);
  const rise = RISE_WORDS.test(question);
  return fall === rise ? null : fall ? 'fall' : 'rise';
}

/**
 * When the live figure moved the other way from the one a question assumes, the answer says so
 * first: a "why did it collapse" about a figure that grew gets "it went up, not down", with the
 * figure, before any explanation.
 */
export function premiseCheck(question: string, change: number | null): Direction | null {
  const asserted = assertedDirection(question);
  if (asserted === null || change === null || !Number.isFinite(change) || change === 0) return null;
  const actual: Direction = change > 0 ? 'rise' : 'fall';
  return actual === asserted ? null : actual;
}

export function premiseNote(actual: Direction): string {
  return actual === 'rise'
    ? 'That premise does not match the data: it went up, not down.'
    : 'That premise does not match the data: it went down, not up.';
}

/** The question with its false premise turned around, for finding what explains the real move. */
export function restatePremise(question: string, actual: Direction): string {
  const wrong = actual === 'rise' ? FALL_WORDS : RISE_WORDS;
  return question.replace(new RegExp(wrong.source, 'gi'), actual === 'rise' ? 'growth' : 'decline');
}
