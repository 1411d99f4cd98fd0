import { fillerWords } from './filler-words.ts';
import type { Lexicon, LexiconEntry } from './lexicon.ts';
import { type Token, tokenize } from './text.ts';

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
  /** Token indexes consumed by a phrase. */
  consumed: Set<number>;
}

/**
 * Longest-match scan of the (time-blanked) question against the lexicon. Capitals-only codes
 * ("MY" for Malaysia) match only when the original question writes them in capitals.
 */
export function scanTerms(text: string, original: string, lexicon: Lexicon): ScanResult {
  const tokens = tokenize(text);
  const matches: TermMatch[] = [];
  const consumed = new Set<number>();
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
    matches.push({ entry: hit, index: i, start: tokens[i]?.start ?? 0 });
    for (let k = 0; k < length; k++) consumed.add(i + k);
    i += length - 1;
  }
  const unknown = tokens.filter((token, i) => !consumed.has(i) && !isFiller(token.text));
  return { matches, tokens, unknown, consumed };
}

function isFiller(word: string): boolean {
  if (fillerWords.has(word)) return true;
  if (/^[-&%+./']+$/.test(word)) return true;
  return false;
}
