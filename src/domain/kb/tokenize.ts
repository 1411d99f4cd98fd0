import { CONCEPT_GROUPS } from './concepts.ts';
import { americanize, porter } from './stemmer.ts';

/**
 * Text analysis shared by indexing and querying: NFKC + lowercase, Unicode word tokens (numbers
 * and tokens such as "11.11", "q3", "ctv", "p&g" kept whole), English stop words dropped, a Porter
 * stemmer on plain Latin words, CJK runs as character bigrams, and concept terms from
 * concepts.ts. Indexing and querying must analyse alike, so both go through `analyze`.
 */

/** Bump when analysis code changes: an index built by another version must be rebuilt. */
export const ANALYZER_VERSION = 2;

export const CONCEPT_PREFIX = '~';

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can cannot could did do does doing down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me more ' +
    'most my myself no nor not now of off on once only or other ought our ours ourselves out over own same ' +
    'she should so some such than that the their theirs them themselves then there these they this those ' +
    'through to too under until up very was we were what when where which while who whom why will with ' +
    'would you your yours yourself yourselves also yet via per etc eg ie vs us may might must shall ' +
    'dont doesnt didnt isnt arent wasnt werent wont cant couldnt shouldnt wouldnt im ive youre theyre ' +
    'weve thats whats lets'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Stems plain lowercase Latin words; anything else (numbers, "q3", "p&g", CJK) is returned as is. */
export function stem(word: string): string {
  return wordInfo(word).stem;
}

// ---------------------------------------------------------------------------------------------
// Surface tokens.

const WORD = /[\p{L}\p{M}\p{N}]+(?:[.,'’&_-][\p{L}\p{M}\p{N}]+)*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUNS =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const DOTTED_NUMBER = /^\d+(?:\.\d+)+[a-z%]*$/;
const LETTER_ABBREVIATION = /^(?:\p{L}\.)+\p{L}$/u;

interface Surface {
  /** Words in text order (stop words included, compounds split), for phrases and bigrams. */
  words: string[];
  /** "clickthrough" for "click-through": extra terms that take no place in the sequence. */
  joins: string[];
}

function pushPiece(piece: string, out: Surface): void {
  if (piece === '') return;
  if (CJK.test(piece)) {
    // No spaces between CJK words: index overlapping character bigrams (single characters alone).
    for (const run of piece.match(CJK_RUNS) ?? []) {
      if (!CJK.test(run)) {
        pushPiece(run, out);
        continue;
      }
      const chars = Array.from(run);
      if (chars.length === 1) out.words.push(run);
      for (let i = 0; i + 1 < chars.length; i++) out.words.push(`${chars[i]}${chars[i + 1]}`);
    }
    return;
  }
  if (piece.includes('.')) {
    if (DOTTED_NUMBER.test(piece)) out.words.push(piece);
    else if (LETTER_ABBREVIATION.test(piece)) out.words.push(piece.replaceAll('.', ''));
    else for (const part of piece.split('.')) pushPiece(part, out);
    return;
  }
  if (/[-_]/.test(piece)) {
    const parts = piece.split(/[-_]+/).filter((p) => p !== '');
    for (const part of parts) pushPiece(part, out);
    const joined = parts.join('');
    if (parts.length > 1 && joined.length <= 24 && !/[.&]/.test(joined)) out.joins.push(joined);
    return;
  }
  if (piece.includes('&')) {
    const parts = piece.split('&');
    // "p&g", "f&b", "r&d" are names; "food&beverage" is two words.
    if (parts.every((p) => p.length <= 3)) out.words.push(piece);
    else for (const part of parts) pushPiece(part, out);
    return;
  }
  out.words.push(piece);
}

const SIMPLE_TOKEN = /^[a-z0-9]+$/;

function surfaceTokens(text: string): Surface {
  const out: Surface = { words: [], joins: [] };
  const normalised = text.normalize('NFKC').toLowerCase();
  WORD.lastIndex = 0;
  for (let match = WORD.exec(normalised); match !== null; match = WORD.exec(normalised)) {
    let token = match[0];
    // Most tokens are plain ASCII words or numbers: skip the special cases for them.
    if (SIMPLE_TOKEN.test(token)) {
      out.words.push(token);
      continue;
    }
    if (token.endsWith("'s") || token.endsWith('’s')) token = token.slice(0, -2);
    token = token.replace(/['’]/g, '');
    if (GROUPED_NUMBER.test(token)) {
      out.words.push(token.replaceAll(',', ''));
      continue;
    }
    for (const piece of token.split(',')) pushPiece(piece, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Concepts: phrases matched over the stemmed word sequence.

interface ConceptMatcher {
  /** First stem → phrases starting with it (as stem lists, longest first) and their concept. */
  byFirst: Map<string, { stems: string[]; concept: string }[]>;
}

let conceptMatcher: ConceptMatcher | null = null;

function getConceptMatcher(): ConceptMatcher {
  if (conceptMatcher) return conceptMatcher;
  const byFirst = new Map<string, { stems: string[]; concept: string }[]>();
  for (const [concept, phrases] of Object.entries(CONCEPT_GROUPS)) {
    for (const phrase of phrases) {
      const stems = surfaceTokens(phrase).words.map(stem);
      const first = stems[0];
      if (first === undefined) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ stems, concept: `${CONCEPT_PREFIX}${concept}` });
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  conceptMatcher = { byFirst };
  return conceptMatcher;
}

interface ConceptMatch {
  concept: string;
  /** The span of `stems` the phrase covers. */
  start: number;
  length: number;
}

function matchConcepts(stems: string[]): ConceptMatch[] {
  const { byFirst } = getConceptMatcher();
  const found: ConceptMatch[] = [];
  for (let i = 0; i < stems.length; i++) {
    const candidates = byFirst.get(stems[i] ?? '');
    if (!candidates) continue;
    for (const { stems: phrase, concept } of candidates) {
      let ok = true;
      for (let j = 1; j < phrase.length; j++) {
        if (stems[i + j] !== phrase[j]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        found.push({ concept, start: i, length: phrase.length });
        i += phrase.length - 1;
        break;
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

export interface Analysis {
  /** Content-word stems in text order: the base of unigram and bigram features. */
  sequence: string[];
  /** Every index term: `sequence`, then compound joins, then concept terms (`~ctv`). */
  terms: string[];
}

/** Words that negate; folded into one term so "may not" meets "cannot" and "never". */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'cant',
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'shouldnt',
  'mustnt',
  'without',
]);

export const NEGATION_TERM = 'not';

/** What a word is for: dropped (stop word), kept as its stem, or folded into the negation term. */
const Role = { Drop: 0, Keep: 1, Negation: 2 } as const;
type Role = (typeof Role)[keyof typeof Role];

interface WordInfo {
  stem: string;
  role: Role;
}

// A bounded memo: stemming and classifying the same few thousand words millions of times
// dominates indexing otherwise.
const wordMemo = new Map<string, WordInfo>();
const WORD_MEMO_LIMIT = 200_000;

function wordInfo(word: string): WordInfo {
  const known = wordMemo.get(word);
  if (known !== undefined) return known;
  const info: WordInfo = {
    stem: /^[a-z]+$/.test(word) ? porter(americanize(word)) : word,
    // Single letters carry nothing; single digits do ("3 markets").
    role: NEGATIONS.has(word)
      ? Role.Negation
      : !STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word))
        ? Role.Keep
        : Role.Drop,
  };
  if (wordMemo.size >= WORD_MEMO_LIMIT) wordMemo.clear();
  wordMemo.set(word, info);
  return info;
}

interface Analysed extends Analysis {
  /** Per entry of `terms`: true for a literal word inside a phrase that yielded a concept term. */
  inConcept: boolean[];
}

function analyseFully(text: string): Analysed {
  const surface = surfaceTokens(text);
  const infos = surface.words.map(wordInfo);
  const stems = infos.map((info) => info.stem);
  const concepts = matchConcepts(stems);
  const covered = new Uint8Array(stems.length);
  for (const m of concepts) covered.fill(1, m.start, m.start + m.length);
  const sequence: string[] = [];
  const inConcept: boolean[] = [];
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i];
    if (info === undefined || info.role === Role.Drop) continue;
    sequence.push(info.role === Role.Negation ? NEGATION_TERM : info.stem);
    inConcept.push(info.role === Role.Keep && covered[i] === 1);
  }
  const terms = sequence.slice();
  for (const join of surface.joins) {
    const info = wordInfo(join);
    if (info.role !== Role.Keep) continue;
    terms.push(info.stem);
    inConcept.push(false);
  }
  for (const m of concepts) {
    terms.push(m.concept);
    inConcept.push(false);
  }
  return { sequence, terms, inConcept };
}

/** A unit of meaning of a question: the terms that meet it, and its words as written. */
export interface MeaningUnit {
  terms: string[];
  text: string;
  /** A phrase of the concept lexicon: the domain's own vocabulary (markets, metrics, events). */
  concept: boolean;
}

/**
 * The units of meaning of a text, for judging how much of a question some evidence covers: a
 * phrase of the concept lexicon is one unit, met by its concept term or any of its words ("banks"
 * is met by a passage on Financial Services); every other content word is a unit of its own stem.
 */
export function meaningUnits(text: string): MeaningUnit[] {
  const words = surfaceTokens(text).words;
  const infos = words.map(wordInfo);
  const concepts = matchConcepts(infos.map((info) => info.stem));
  const phraseAt = new Int32Array(infos.length).fill(-1);
  concepts.forEach((m, k) => {
    phraseAt.fill(k, m.start, m.start + m.length);
  });
  const units: MeaningUnit[] = [];
  const placed = new Set<number>();
  infos.forEach((info, i) => {
    const k = phraseAt[i] ?? -1;
    const m = concepts[k];
    if (m) {
      if (placed.has(k)) return;
      placed.add(k);
      const span = infos.slice(m.start, m.start + m.length).filter((w) => w.role === Role.Keep);
      units.push({
        terms: [m.concept, ...span.map((w) => w.stem)],
        text: words.slice(m.start, m.start + m.length).join(' '),
        concept: true,
      });
    } else if (info.role === Role.Keep) {
      units.push({ terms: [info.stem], text: words[i] ?? info.stem, concept: false });
    } else if (info.role === Role.Negation) {
      // "can't use", "may not": a negated question asks for the rules that say no.
      units.push({ terms: [NEGATION_TERM], text: 'not', concept: false });
    }
  });
  const seen = new Set<string>();
  return units.filter((u) => (seen.has(u.terms[0] ?? '') ? false : (seen.add(u.terms[0] ?? ''), true)));
}

/** Analyses a passage into index terms. Deterministic; no I/O. */
export function analyze(text: string): Analysis {
  const { sequence, terms } = analyseFully(text);
  return { sequence, terms };
}

/**
 * A text's terms without the literal words of its concept phrases: "Singles' Day" gives the
 * event's concept term, not the word "singles". Whether a text is *about* a word, rather than
 * using it inside the name of something else.
 */
export function termsOutsideConcepts(text: string): string[] {
  const { terms, inConcept } = analyseFully(text);
  return terms.filter((_, i) => inConcept[i] !== true);
}

/** The index terms of a text (see `analyze`). */
export function tokenize(text: string): string[] {
  return analyze(text).terms;
}

/**
 * How much a literal query word counts when it belongs to a phrase that produced a concept term:
 * the concept carries the meaning (like a synonym query in Lucene), the literal keeps only a
 * small edge for passages that use the very same words. Without this, "connected TV" ranks a
 * page that spells out "Connected TV" above one about "CTV" on rare-word idf alone.
 */
export const LITERAL_IN_CONCEPT_WEIGHT = 0.25;

export interface QueryTerm {
  term: string;
  weight: number;
}

/** A query's unique terms with their weights, and its sequence (for bigrams). */
export function analyzeQuery(text: string): { terms: QueryTerm[]; sequence: string[] } {
  const { sequence, terms, inConcept } = analyseFully(text);
  const weights = new Map<string, number>();
  terms.forEach((term, i) => {
    const weight = inConcept[i] ? LITERAL_IN_CONCEPT_WEIGHT : 1;
    weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  });
  return { terms: [...weights].map(([term, weight]) => ({ term, weight })), sequence };
}

/**
 * The analyzer's version plus a fingerprint of its word lists (stop words, negations, concept
 * lexicon): editing a list changes index terms just as code does, and must not go unnoticed.
 */
export function analyzerFingerprint(): string {
  const lists = JSON.stringify([[...STOP_WORDS], [...NEGATIONS], CONCEPT_GROUPS, LITERAL_IN_CONCEPT_WEIGHT]);
  let h = 0x811c9dc5;
  for (let i = 0; i < lists.length; i++) {
    h ^= lists.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${ANALYZER_VERSION}.${(h >>> 0).toString(16).padStart(8, '0')}`;
}
