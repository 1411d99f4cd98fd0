import { fillerWords } from './filler-words.ts';
import { fuzzyReadings, meaningOf } from './fuzzy-terms.ts';
import type { Lexicon, LexiconEntry } from './lexicon.ts';
import { escapeRegExp, levenshtein, type Token, tokenize } from './text.ts';

export interface TermMatch {
  entry: LexiconEntry;
  /** Index of the first token of the phrase. */
  index: number;
  start: number;
}

export interface ScanResult {
  matches: TermMatch[];
  tokens: Token[];
  /** Words that are neither known terms nor filler. */
  unknown: Token[];
  /** The unknown words that look like names Scout should know: these need a clarification. */
  significant: Token[];
  /** Token indexes consumed by a phrase. */
  consumed: Set<number>;
  /** Shorthand and typos read as a known term ("trvl" as Travel & Hospitality), to say in the answer. */
  readings: { written: string; entry: LexiconEntry }[];
  /** Words close to two different terms: Scout asks which one. */
  ambiguous: { written: string; options: LexiconEntry[] }[];
}

/**
 * Longest-match scan of the (time-blanked) question against the lexicon, then (unless
 * `tolerant: false`, for orders that must name things exactly) a reading of shorthand and typos. Capitals-only codes
 * ("MY" for Malaysia) match only when the original question writes them in capitals.
 */
export function scanTerms(
  text: string,
  original: string,
  lexicon: Lexicon,
  options: { tolerant?: boolean } = {},
): ScanResult {
  const tokens = tokenize(text);
  const matches: TermMatch[] = [];
  const consumed = new Set<number>();
  const shorthand: ScanResult['readings'] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = lexicon.byFirstWord.get(tokens[i]?.text ?? '') ?? [];
    const hit = candidates.find((entry) => {
      const words = entry.phrase.split(' ');
      if (!words.every((word, k) => tokens[i + k]?.text === word)) return false;
      // Phrases must be contiguous in the question (blanked time phrases break them).
      const first = tokens[i];
      const last = tokens[i + words.length - 1];
      if (!first || !last || text.slice(first.start, last.end) !== entry.phrase) return false;
      if (lexicon.capitalsOnly.has(entry.phrase))
        return new RegExp(`\\b${entry.phrase.toUpperCase()}\\b`).test(original);
      return true;
    });
    if (!hit) continue;
    const length = hit.phrase.split(' ').length;
    const sense = valueSense(hit, candidates, tokens, i, lexicon);
    matches.push({ entry: sense, index: i, start: tokens[i]?.start ?? 0 });
    if (hit.kind === 'dimension' && hit.shorthand) shorthand.push({ written: hit.phrase, entry: hit });
    for (let k = 0; k < length; k++) consumed.add(i + k);
    i += length - 1;
  }
  const { readings, ambiguous } =
    options.tolerant === false
      ? { readings: [], ambiguous: [] }
      : readTolerantly(tokens, consumed, matches, lexicon);
  matches.sort((a, b) => a.start - b.start);
  const unknown = tokens.filter(
    (token, i) => !consumed.has(i) && (!isFiller(token.text) || lowercaseCode(tokens, i, lexicon)),
  );
  const significant = unknown.filter((token) => isSignificant(token, tokens, consumed, original, lexicon));
  return {
    matches,
    tokens,
    unknown,
    significant,
    consumed,
    readings: [...shorthand, ...readings],
    ambiguous,
  };
}

const listJoins = new Set(['vs', 'versus', 'and', 'or', 'to', 'v']);

/**
 * A word that is both a measure and a value ("conversion": the measure, or the objective) is the
 * value when its dimension is named next to it ("objective conversion") or it is listed with another
 * value of that dimension ("consideration vs conversion"); otherwise the measure.
 */
function valueSense(
  hit: LexiconEntry,
  candidates: LexiconEntry[],
  tokens: Token[],
  i: number,
  lexicon: Lexicon,
): LexiconEntry {
  if (hit.kind !== 'metric') return hit;
  const value = candidates.find((entry) => entry.kind === 'value' && entry.phrase === hit.phrase);
  if (!value || value.kind !== 'value') return hit;
  const words = hit.phrase.split(' ').length;
  const isValueOfDimension = (word: string | undefined) =>
    (lexicon.byFirstWord.get(word ?? '') ?? []).some(
      (entry) => entry.kind === 'value' && entry.dimension === value.dimension && entry.phrase !== hit.phrase,
    );
  const namesDimension = (word: string | undefined) =>
    (lexicon.byFirstWord.get(word ?? '') ?? []).some(
      (entry) => entry.kind === 'dimension' && entry.dimension === value.dimension,
    );
  const before = tokens[i - 1]?.text;
  const after = tokens[i + words]?.text;
  const listed =
    (listJoins.has(before ?? '') && isValueOfDimension(tokens[i - 2]?.text)) ||
    (listJoins.has(after ?? '') && isValueOfDimension(tokens[i + words + 1]?.text));
  return listed || namesDimension(before) || namesDimension(after) ? value : hit;
}

/**
 * Second pass over the words no phrase took: shorthand and typos of known terms. One reading
 * is taken (and reported); two close readings with different meanings are left for a question.
 */
function readTolerantly(tokens: Token[], consumed: Set<number>, matches: TermMatch[], lexicon: Lexicon) {
  const readings: ScanResult['readings'] = [];
  const ambiguous: ScanResult['ambiguous'] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (consumed.has(i) || isFiller(token.text) || /\d/.test(token.text)) continue;
    const window: string[] = [];
    for (let k = i; k < tokens.length && !consumed.has(k) && window.length < 4; k++)
      window.push(tokens[k]?.text ?? '');
    const hits = fuzzyReadings(window, lexicon.fuzzy);
    const meanings = new Map(hits.map((hit) => [meaningOf(hit.entry), hit]));
    const written = window.slice(0, hits[0]?.length ?? 1).join(' ');
    if (meanings.size > 1) {
      ambiguous.push({ written, options: [...meanings.values()].map((hit) => hit.entry) });
      continue;
    }
    const hit = [...meanings.values()][0];
    if (!hit) continue;
    matches.push({ entry: hit.entry, index: i, start: token.start });
    readings.push({ written, entry: hit.entry });
    for (let k = 0; k < hit.length; k++) consumed.add(i + k);
    i += hit.length - 1;
  }
  return { readings, ambiguous };
}

/** Words after which an unknown word is probably a name the user expects Scout to know. */
const entityCues = new Set([
  'in',
  'for',
  'on',
  'at',
  'from',
  'to',
  'by',
  'per',
  'about',
  'of',
  'which',
  'what',
  'vs',
  'versus',
  'and',
  'or',
  'with',
  'across',
  'via',
  'between',
  'against',
  'than',
  'excluding',
  'except',
  'without',
]);
const skippable = new Set([
  'the',
  'a',
  'an',
  'our',
  'all',
  'every',
  'each',
  'ad',
  'ads',
  'my',
  'their',
  'its',
]);

/**
 * "spend in my 2025": a capitals-only code ("MY" for Malaysia) written in lower case where a place
 * goes — right after "in"/"for" and with nothing after it — is neither skipped nor guessed: it is asked.
 */
function lowercaseCode(tokens: Token[], i: number, lexicon: Lexicon): boolean {
  const token = tokens[i];
  if (!token || !lexicon.capitalsOnly.has(token.text)) return false;
  const next = tokens[i + 1];
  const nothingAfter = next === undefined || /^\d/.test(next.text);
  return nothingAfter && /^(?:in|for|from|at|across)$/.test(tokens[i - 1]?.text ?? '');
}

/**
 * An unknown word matters — and earns a clarification rather than being skipped — when it looks
 * like a name: it follows a word such as "in", "for" or "which" ("CTR in Germany", "spend on
 * TikTok"), it is capitalised mid-sentence ("Acme"), it is a stray number, or it is a near-miss
 * of a known term ("Motrs"). Chatty words ("quick one", "need", "stack up") are not.
 */
function isSignificant(
  token: Token,
  tokens: Token[],
  consumed: Set<number>,
  original: string,
  lexicon: Lexicon,
): boolean {
  if (/\d/.test(token.text)) return true;
  const index = tokens.indexOf(token);
  let previous = index - 1;
  while (previous >= 0 && skippable.has(tokens[previous]?.text ?? '')) previous--;
  if (previous >= 0 && entityCues.has(tokens[previous]?.text ?? '')) return true;
  if (qualifiesTerm(token, tokens, consumed)) return true;
  const written = new RegExp(`\\b(${escapeRegExp(token.text)})\\b`, 'i').exec(original);
  const capitalised = written?.[1] !== undefined && /^[A-Z]/.test(written[1]) && written.index > 0;
  if (capitalised) return true;
  // A capitalised first word right before a known term reads as a name: "Acme spend in 2025".
  const firstCapitalised = written?.[1] !== undefined && /^[A-Z]/.test(written[1]) && index === 0;
  if (firstCapitalised && consumed.has(index + 1)) return true;
  return token.text.length >= 5 && lexicon.phrases.some((phrase) => nearMiss(token.text, phrase));
}

/**
 * A word right next to a known term qualifies it ("campaign ids", "projected spend", "organic
 * clicks"): dropped, the answer would be about the term alone.
 */
export function qualifiesTerm(token: Token, tokens: Token[], consumed: Set<number>): boolean {
  const index = tokens.indexOf(token);
  const before = tokens[index - 1];
  if (before && consumed.has(index - 1) && before.start + before.text.length + 1 === token.start) return true;
  const after = tokens[index + 1];
  return (
    after !== undefined && consumed.has(index + 1) && token.start + token.text.length + 1 === after.start
  );
}

function nearMiss(word: string, phrase: string): boolean {
  return phrase
    .split(' ')
    .some(
      (part) => part.length >= 4 && Math.abs(part.length - word.length) <= 1 && levenshtein(word, part) === 1,
    );
}

function isFiller(word: string): boolean {
  if (fillerWords.has(word)) return true;
  if (/^[-&%+./']+$/.test(word)) return true;
  return false;
}
