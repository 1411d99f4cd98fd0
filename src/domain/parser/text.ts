/** Text helpers for the offline parser: one normal form for questions and lexicon phrases. */
import { personalDataPlaceholders } from '../privacy/personal-data.ts';

/** Lowercases and folds punctuation so "Q3'25", "cost-per-click" and "F&B" compare predictably. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[‘’`´]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[–—]/g, '-')
      // "in $ terms", "(absolute $)": a sign standing alone is the unit, read as a word.
      .replace(/(^|[\s(])\$(?=[\s),.?!]|$)/g, '$1 dollar ')
      .replace(/(\w)'s\b/g, '$1')
      // "just the #1", "#3 market": a rank, read as "top n" before the sign goes.
      .replace(/(^|[^\w#])#([1-9]|10)(?![\w.])/g, '$1top $2')
      // "highest-spending", "click-through", "e-commerce": hyphens between letters read as spaces.
      .replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
      .replace(/[^a-z0-9&%+\-./' ]+/g, ' ')
      .replace(/(^|\s)[-./']+|[-./']+(?=\s|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Shorthand analysts type for periods, read as the words the time rules know. */
const timeShorthand: [RegExp, string][] = [
  [/\bqtrs\b/g, 'quarters'],
  [/\bqtr(?:ly)?\b/g, 'quarter'],
  [/\b(?:mths|mnths|mos)\b/g, 'months'],
  [/\b(?:mth|mnth|mo)\b/g, 'month'],
  [/\byrs\b/g, 'years'],
  [/\byr\b/g, 'year'],
  [/\bwks\b/g, 'weeks'],
  [/\bwk\b/g, 'week'],
  [/\bprev\b/g, 'previous'],
  [/\b(last|past|previous|trailing) (\d{1,4}) ?d\b/g, '$1 $2 days'],
  [/\bl(\d{1,3})d\b/g, 'last $1 days'],
];

/** Chat shorthand for small words, read as the words themselves ("fr each tier", "excl. retail"). */
const wordShorthand: [RegExp, string][] = [
  // "4 each market": chat "for" only before a determiner; "top 4 brands", "the 4 full weeks" keep their count.
  [/\bfr(?= \p{L})/gu, 'for'],
  [
    /(?<!\b(?:top|bottom|best|worst|first|last|past|next|the|those|these) )\b4(?= (?:each|every|all|the|our)\b)/g,
    'for',
  ],
  [/\b(?:excl|excls|exc|exl|xcl|excld|excluded)\b/g, 'excluding'],
  [/\b(top|bottom|best|worst|highest|lowest)-(\d{1,3})\b/g, '$1 $2'],
  // "grew fastest in terms of spend": the measure named, nothing more.
  [/\bin terms of\b/g, 'in'],
  // "the biggest spenders": brands ranked by spend; the answer names both, so the reading shows.
  [/\b(?:spenders|spender)\b/g, 'brands by spend'],
  // The small words typed fast: a closed list, never guessed by edit distance.
  [/\b(?:teh|hte|th e)\b/g, 'the'],
  [/\b(?:adn|nad)\b/g, 'and'],
  // "clicks n convs", "banks n insurers": chat shorthand for "and" between two words.
  [/(?<=[a-z]) n (?=[a-z])/g, ' and '],
  [/\b(?:waht|wht|whta)\b/g, 'what'],
  [/\b(?:whcih|wich|whihc)\b/g, 'which'],
  [/\b(?:thsi|tihs)\b/g, 'this'],
  [/\b(?:frmo|form)(?= (?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|last|the))/g, 'from'],
];

/** Counts written as words, 2–20 anywhere and "one" after a ranking word, read as digits. */
const numberWords = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const rankingBefore = /\b(?:top|bottom|best|worst|highest|lowest|first|last|only|just|the)$/;

function readNumberWords(text: string): string {
  return text.replace(/\b[a-z]+\b/g, (word, offset: number) => {
    const n = numberWords.indexOf(word);
    if (n < 1) return word;
    // "which one", "quick one" and "one brand" keep "one"; "top one" is a count.
    if (n === 1 && !rankingBefore.test(text.slice(0, offset).trimEnd())) return word;
    return String(n);
  });
}

const PERIOD_NAME =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|q[1-4])';
const periodNameRange = new RegExp(`\\b(${PERIOD_NAME})-(${PERIOD_NAME})\\b`, 'gi');

/**
 * The parser's normal form of a question: a dash between two words or numbers reads as "to"
 * ("sept 1 - sept 30", "oct 3–9"), then normalizeText, then time shorthand ("last qtr").
 */
export function normalizeQuestion(text: string): string {
  // "[phone]" left by masking personal data is not the device "phone": it carries no meaning here.
  const unmasked = personalDataPlaceholders.reduce(
    (out, placeholder) => out.replaceAll(placeholder, ' '),
    text,
  );
  const dashed = unmasked
    .replace(/(?<=[\p{L}\p{N}])\s*[–—]\s*(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])\s+-\s+(?=[\p{L}\p{N}])/gu, ' to ')
    // A bare hyphen between two period names is a range too ("jul-sep", "q1-q3"); between other
    // words it joins them ("mid-market", "e-commerce"), so only period names are read this way.
    .replace(periodNameRange, '$1 to $2');
  // "w/" and "w/o" lose their slash in normalizeText, so they are read first.
  // "h2 '25", "q3 ’24": an apostrophe year is that year of this century (normalizeText drops the apostrophe).
  const years = dashed.replace(/(^|\s)['‘’`´](\d{2})\b/g, '$120$2');
  const slashed = years.replace(/\bw\/o\b/gi, 'without').replace(/\bw\/(?=\s|\p{L})/giu, 'with ');
  // "hk+tw": two values joined, read as "and".
  let normalized = normalizeText(slashed).replace(/(?<=[a-z])\+(?=[a-z])/g, ' and ');
  for (const [pattern, replacement] of timeShorthand) normalized = normalized.replace(pattern, replacement);
  for (const [pattern, replacement] of wordShorthand) normalized = normalized.replace(pattern, replacement);
  return readNumberWords(normalized);
}

/** A word of the normalised question with its character span, so consumed spans can be blanked. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const match of normalized.matchAll(/[^ ]+/g)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Replaces a span with spaces, keeping every other position where it was. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/** Closest candidates by edit distance, for "did you mean". */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = Math.min(
      levenshtein(word, lower),
      ...lower.split(' ').map((part) => levenshtein(word, part) + (part === lower ? 0 : 1)),
    );
    if (distance <= limit || (word.length >= 4 && lower.startsWith(word)))
      scored.push({ candidate, distance });
  }
  scored.sort(
    (a, b) =>
      a.distance - b.distance ||
      Number(a.candidate === a.candidate.toLowerCase()) - Number(b.candidate === b.candidate.toLowerCase()) ||
      a.candidate.localeCompare(b.candidate),
  );
  const seen = new Set<string>();
  const unique = scored.filter((s) => {
    const key = s.candidate.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.map((s) => s.candidate).slice(0, max);
}

/** Text made literal inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
