/**
 * Runs of digit groups in free text ("+852 9123 4567", "(02) 2345-6789", "4111-1111-1111-1111"),
 * found by one linear scan with no regular expression over the text, for the card, MyKad and
 * phone checks. Figures are not runs: "1,234,567", "$12,000", "12.5%" and "0.0123" are skipped
 * because a comma, a decimal point, a currency sign or a percent sign touches their digits.
 */

export interface DigitGroup {
  digits: string;
  start: number;
  end: number;
  /** The separator text before this group ('' for the first). */
  before: string;
}

export interface NumericRun {
  /** Where the run starts, its opening '(' or '+' included. */
  start: number;
  /** A '+' opened the run (an international number). */
  plus: boolean;
  groups: DigitGroup[];
}

/** A contiguous part of a run: the candidate the validators look at. */
export interface NumericSpan {
  plus: boolean;
  /** The span is its whole run, not part of a longer sequence of groups. */
  whole: boolean;
  groups: DigitGroup[];
  digits: string;
  start: number;
  end: number;
}

const MAX_GROUPS = 8;
const MAX_SEPARATOR = 3;
/** Characters that make a digit part of a figure, a code or a date rather than a number of its own. */
const FIGURE_NEIGHBOURS = new Set(['$', '€', '£', '¥', '#', '@', '/', '.', ',', '%', '&', '=', ':', '_']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isSeparator = (c: string | undefined): boolean =>
  c === ' ' || c === '-' || c === '(' || c === ')' || c === '\u00a0';
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** May a run start here? Not inside a word, a code ("C-0912…") or a figure. */
function startsRun(text: string, at: number): boolean {
  const prev = text[at - 1];
  if (isWordChar(prev) || (prev !== undefined && FIGURE_NEIGHBOURS.has(prev))) return false;
  if (prev === '-' && isWordChar(text[at - 2])) return false;
  return true;
}

function readDigits(text: string, at: number): number {
  let end = at;
  while (isDigit(text[end])) end++;
  return end;
}

/** Reads one run from `start`; returns it (or null) and where scanning continues. */
function readRun(text: string, start: number): { run: NumericRun | null; next: number } {
  let at = start;
  let plus = false;
  if (text[at] === '(') at++;
  if (text[at] === '+') {
    plus = true;
    at++;
  }
  const groups: DigitGroup[] = [];
  let before = '';
  while (isDigit(text[at]) && groups.length < MAX_GROUPS) {
    const end = readDigits(text, at);
    groups.push({ digits: text.slice(at, end), start: at, end, before });
    let sep = end;
    while (isSeparator(text[sep]) && sep - end < MAX_SEPARATOR) sep++;
    if (sep === end || !isDigit(text[sep])) {
      at = end;
      break;
    }
    before = text.slice(end, sep);
    at = sep;
  }
  return { run: groups.length > 0 ? { start, plus, groups } : null, next: Math.max(at, start + 1) };
}

/** Every run of digit groups in the text, left to right. */
export function numericRuns(text: string): NumericRun[] {
  const runs: NumericRun[] = [];
  let at = 0;
  while (at < text.length) {
    const c = text[at];
    const opens = isDigit(c) || ((c === '+' || c === '(') && (isDigit(text[at + 1]) || text[at + 1] === '+'));
    if (!opens || !startsRun(text, at)) {
      at++;
      continue;
    }
    const { run, next } = readRun(text, at);
    if (run) runs.push(run);
    at = next;
  }
  return runs;
}

/** Does the text right after `end` keep the number going (a decimal, a unit, a word)? */
function endsCleanly(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (isWordChar(next) || next === '%' || next === '@' || next === '_') return false;
  if ((next === '.' || next === ',' || next === ':' || next === '/') && isDigit(text[end + 1])) return false;
  return true;
}

/**
 * Candidate spans of a run, longest first from each start. Inside a run, a span may start or end
 * only at a space ("0912 345 678 0933 222 111" holds two numbers), never at a dash or a
 * parenthesis, which bind their groups into one number ("2025-12-31" is not "2025").
 */
export function spansOf(text: string, run: NumericRun, maxDigits: number): NumericSpan[] {
  const spans: NumericSpan[] = [];
  const { groups } = run;
  for (let i = 0; i < groups.length; i++) {
    if (i > 0 && !/^\s+$/.test(groups[i]?.before ?? '')) continue;
    for (let j = groups.length - 1; j >= i; j--) {
      const last = groups[j];
      const following = groups[j + 1];
      if (!last || (following && !/^\s+$/.test(following.before))) continue;
      if (!following && !endsCleanly(text, last.end)) continue;
      const part = groups.slice(i, j + 1);
      const digits = part.map((g) => g.digits).join('');
      if (digits.length > maxDigits) continue;
      spans.push({
        plus: run.plus && i === 0,
        whole: i === 0 && j === groups.length - 1,
        groups: part,
        digits,
        start: i === 0 ? run.start : (part[0]?.start ?? 0),
        end: last.end,
      });
    }
  }
  return spans;
}
