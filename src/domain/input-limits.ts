import { maxQuestionLength } from './parser/parse-question.ts';

/**
 * Limits applied where text enters Scout (Slack listeners, the CLI), before any routing, parsing
 * or logging. Parsing is linear in the text but not cheap, and some steps build a regular
 * expression from a word of the question: a message of tens of thousands of characters held the
 * event loop for seconds (every other request's ack waited) or failed outright. Checking the
 * length first costs nothing and bounds every later step.
 */

/** A question, after the bot mention is removed; the parser's own bound. */
export const MAX_QUESTION_CHARS = maxQuestionLength;
/** The raw message before any cleaning: room for a mention and spacing around a full question. */
export const MAX_MESSAGE_CHARS = MAX_QUESTION_CHARS + 200;
/** `/report …` and `/scout …` arguments: a schedule line is well under a hundred characters. */
export const MAX_COMMAND_CHARS = 300;
/** `scout sql` statements: generous for hand-written SQL, small enough to parse quickly. */
export const MAX_SQL_CHARS = 20_000;

export type LimitCheck = { ok: true; text: string } | { ok: false; message: string; length: number };

const formatCount = (n: number): string => n.toLocaleString('en-US');

/** The friendly sentence shown when a question is too long. */
export function questionTooLongMessage(length: number): string {
  return `That message is ${formatCount(length)} characters long; I can take one question of up to ${formatCount(MAX_QUESTION_CHARS)} characters at a time. Try something like "top 5 brands by spend in Gaming last quarter".`;
}

/**
 * Checks a question as it arrives. The raw length is checked before `clean` (which may use a
 * regular expression, e.g. removing the bot mention) ever sees it; then the cleaned question.
 */
export function checkQuestion(raw: string, clean: (bounded: string) => string = (t) => t): LimitCheck {
  if (raw.length > MAX_MESSAGE_CHARS)
    return { ok: false, length: raw.length, message: questionTooLongMessage(raw.length) };
  const text = clean(raw).trim();
  if (text.length > MAX_QUESTION_CHARS)
    return { ok: false, length: text.length, message: questionTooLongMessage(text.length) };
  return { ok: true, text };
}

/** Checks a command's arguments (`/report`, `/scout`) against a plain bound. */
export function checkCommandText(raw: string, max = MAX_COMMAND_CHARS): LimitCheck {
  if (raw.length <= max) return { ok: true, text: raw };
  return {
    ok: false,
    length: raw.length,
    message: `That command is ${formatCount(raw.length)} characters long; commands take at most ${formatCount(max)}. Try \`/scout help\`.`,
  };
}
