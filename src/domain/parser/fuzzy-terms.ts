import type { LexiconEntry } from './lexicon.ts';
import { levenshtein } from './text.ts';

/** How a word was read as a known term; lower is closer. */
export type FuzzyKind = 'prefix' | 'abbreviation' | 'typo';
const rank: Record<FuzzyKind, number> = { prefix: 1, abbreviation: 2, typo: 3 };

export interface FuzzyHit {
  entry: LexiconEntry;
  kind: FuzzyKind;
  /** Tokens the phrase covers. */
  length: number;
}

const vowels = /[aeiou]/;

/**
 * Whether `word` is how analysts shorten `term`: a prefix of at least four letters ("impr",
 * "elec"), or a vowel-dropped skeleton that keeps the first letter ("trvl", "bty", "svcs"),
 * optionally with a plural "s" ("convs"). Three-letter prefixes are too ambiguous on their own
 * ("sea" is Southeast Asia, not Search), so they count only inside a longer phrase.
 */
export function shortens(word: string, term: string, minPrefix = 4): FuzzyKind | null {
  if (word.length < 2 || word.length >= term.length || word[0] !== term[0]) return null;
  if (term.startsWith(word) && word.length >= minPrefix) return 'prefix';
  const stem = word.endsWith('s') && !term.startsWith(word) ? word.slice(0, -1) : word;
  if (stem.length >= 3 && term.startsWith(stem) && stem.length >= minPrefix - 1) return 'abbreviation';
  // Skeletons of short terms are too loose: "ids" would read as the shorthand "inds".
  const skeleton = !vowels.test(word.slice(1)) && term.length >= 6;
  if (word.length >= 3 && skeleton && isSubsequence(word, term) && word.length >= term.length * 0.4)
    return 'abbreviation';
  return null;
}

/** A misspelling: one edit for words of 5–7 letters, two from 8; the first letter must match. */
export function misspells(word: string, term: string): boolean {
  // Four-letter words are one edit from too many others ("gold" and "goal").
  if (word.length < 5 || word[0] !== term[0] || word === term) return false;
  const allowed = word.length >= 8 ? 2 : 1;
  if (Math.abs(word.length - term.length) > allowed) return false;
  return levenshtein(word, term) <= allowed || transposes(word, term);
}

function transposes(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === (diff[0] ?? -2) + 1 && a[diff[0] ?? 0] === b[diff[1] ?? 0];
}

function isSubsequence(short: string, long: string): boolean {
  let k = 0;
  for (const ch of long) if (ch === short[k]) k++;
  return k === short.length;
}

export interface FuzzyIndex {
  /** Known phrases as word lists, with the entry each names. */
  phrases: { words: string[]; entry: LexiconEntry }[];
}

/**
 * The closest readings of the words starting at `words[0]`: every phrase whose words each
 * shorten or misspell the next words of the question. Returns every hit of the best kind, so
 * the caller can tell one reading from two close ones.
 */
export function fuzzyReadings(words: string[], index: FuzzyIndex): FuzzyHit[] {
  const hits: FuzzyHit[] = [];
  for (const { words: phrase, entry } of index.phrases) {
    const kind = phrase.length <= words.length ? phraseReading(words, phrase) : null;
    if (kind) hits.push({ entry, kind, length: phrase.length });
    else if (phrase.length > 1 && startsName(words[0] ?? '', phrase[0] ?? ''))
      hits.push({ entry, kind: 'prefix', length: 1 });
  }
  if (hits.length === 0) return [];
  const longest = Math.max(...hits.map((h) => h.length));
  const long = hits.filter((h) => h.length === longest);
  const best = Math.min(...long.map((h) => rank[h.kind]));
  return long.filter((h) => rank[h.kind] === best);
}

/** How the next words read as the phrase: the loosest kind any word needed; null when one does not fit or all are exact. */
function phraseReading(words: string[], phrase: string[]): FuzzyKind | null {
  let worst: FuzzyKind = 'prefix';
  let exact = 0;
  for (let k = 0; k < phrase.length; k++) {
    const word = words[k] ?? '';
    const term = phrase[k] ?? '';
    if (word === term) {
      exact++;
      continue;
    }
    const kind = shortens(word, term, phrase.length > 1 ? 3 : 4) ?? (misspells(word, term) ? 'typo' : null);
    if (!kind) return null;
    if (rank[kind] > rank[worst]) worst = kind;
  }
  // A phrase read entirely exactly is the exact scanner's business.
  return exact < phrase.length ? worst : null;
}

/** A name's first word alone ("pixel" for Pixel Tide Games) is a candidate, so two names sharing it are asked about. */
function startsName(word: string, first: string): boolean {
  return word.length >= 4 && (word === first || shortens(word, first) === 'prefix');
}

/** What an entry means, so two spellings of one meaning are one reading. */
export function meaningOf(entry: LexiconEntry): string {
  if (entry.kind === 'metric') return `metric:${entry.metric}`;
  if (entry.kind === 'dimension') return `dimension:${entry.dimension}`;
  return `value:${entry.dimension}:${entry.value}`;
}
