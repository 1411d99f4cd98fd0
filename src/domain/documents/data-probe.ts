import type { RetrievedChunk } from '../../ports.ts';
import { analyze, type MeaningUnit, meaningUnits, termsOutsideConcepts } from '../kb/tokenize.ts';
import type { Lexicon } from '../parser/lexicon.ts';
import type { ParseOutcome } from '../parser/parse-question.ts';
import { qualifiesTerm, type ScanResult, scanTerms } from '../parser/scan-terms.ts';
import { normalizeText } from '../parser/text.ts';
import { sectionTerms } from './evidence.ts';
import { readDocumentQuestion } from './question.ts';

/**
 * A question the parser read as a data query but could not place entirely ("single biggest spend
 * day ever", "total planned budget for campaigns that started in 2025"). The words left over are
 * the only reason to look in the documents, so the documents may answer it only in two ways:
 * - the section is about what the query names: its document's subject is the query's market,
 *   industry, channel or brand ("sg is the highest roas market right?" and the Singapore note);
 *   the left-over words are then the asker's phrasing;
 * - or the left-over words are what the section is about: its title, headings or front matter
 *   name them ("min spend for the display reactivation offer").
 * A sentence that merely contains a left-over word ("in a single day", "its planned budget") in a
 * document about something else is not an answer: its figure would answer another question.
 */
export interface DataReading {
  /** The words the parser could not place. */
  leftOver: string[];
  /** The values the query filters on, as the semantic model names them ("Singapore", "Search"). */
  entities: string[];
  /**
   * Left-over words written just before a measure ("incremental revenue", "organic CTR",
   * "planned budget"): they change what is measured, so the evidence must say them.
   */
  modifiers: string[];
  /**
   * Left-over words the question groups by ("split by age group and gender", "across personas"): a
   * breakdown the data cannot give, so a section answers only if it says those words too; one
   * about the query's industry alone would answer a different question.
   */
  groupings: string[];
  /**
   * The words that stopped a figure question ("cpm in it 2025", "spend for acme in 2025"): a section
   * answers only if its document is about the query's entities or it says each of those words; a
   * word with nothing to search by is said nowhere.
   */
  names?: string[];
}

// Not "per": "cost per install", "cheaper per view" name a rate, not a breakdown.
/**
 * Words after which a left-over word is what the question groups or ranks: "split by age group",
 * "across personas", "best headlines" (a ranking of things the data does not hold is a breakdown
 * by them too: only a section that says them may answer).
 */
const GROUPING_CUES = new Set(['by', 'across', 'best', 'worst', 'top', 'highest', 'lowest']);
const PERIOD_WORD =
  /^(\d.*|days?|weeks?|wks?|months?|mths?|quarters?|qtrs?|years?|yrs?|q[1-4]|h[12]|fy\d*|window|period|season)$/;
const GROUPING_JOINERS = new Set(['and', 'or', 'vs', 'the', 'each', 'every']);

const VERB_CUES = new Set(
  'i we you they he she it to did do does will would can could should might may must not never'.split(' '),
);

/** The data reading of a parse that placed a query but left words over; undefined otherwise. */
export function dataReadingOf(
  outcome: ParseOutcome,
  question: string,
  lexicon: Lexicon,
): DataReading | undefined {
  if (outcome.status !== 'clarify' && (outcome.status !== 'query' || outcome.ignored.length === 0))
    return undefined;
  // One scan of the question serves every reading below.
  const scan = scanTerms(normalizeText(question), question, lexicon);
  if (outcome.status === 'clarify')
    return unplacedBreakdown(scan) ?? unplacedQualifiers(scan) ?? unplacedNames(scan);
  const { filters, share } = outcome.query;
  const entities = [...filters.filter((f) => !f.exclude).flatMap((f) => f.values), ...(share?.values ?? [])];
  return readingWith(new Set(outcome.ignored), entities, scan);
}

/**
 * A question the parser asked back about because a word qualifies a known term ("projected spend
 * for campaigns launched in 2024"): the same reading as a placed query with those words left over,
 * so the documents answer it only on evidence that says them.
 */
function unplacedQualifiers(scan: ScanResult): DataReading | undefined {
  if (!scan.matches.some((m) => m.entry.kind === 'metric')) return undefined;
  // Only when the qualifiers alone stopped the answer: a name or a number the parser did not
  // know is the probe's usual business.
  const significant = scan.significant.filter((t) => !PERIOD_WORD.test(t.text) && !/\d/.test(t.text));
  const qualifiers = significant.filter((t) => qualifiesTerm(t, scan.tokens, scan.consumed));
  if (qualifiers.length === 0 || qualifiers.length < significant.length) return undefined;
  const leftOver = new Set(scan.unknown.map((t) => t.text).filter((w) => !PERIOD_WORD.test(w)));
  const entities = scan.matches.flatMap((m) => (m.entry.kind === 'value' ? [m.entry.value] : []));
  return readingWith(leftOver, entities, scan);
}

/**
 * A figure question (it names a measure) that stopped on names the parser does not know: the
 * documents may answer only where they say those names, never with another figure for the measure.
 */
function unplacedNames(scan: ScanResult): DataReading | undefined {
  // A figure question names a measure and a period ("cpm in it 2025"); "are we ok with 'lowest
  // price' in the headline" names neither period nor figure and stays the usual probe.
  const period = scan.tokens.some((t) => PERIOD_WORD.test(t.text));
  if (!period || !scan.matches.some((m) => m.entry.kind === 'metric')) return undefined;
  const names = scan.significant.map((t) => t.text).filter((w) => !PERIOD_WORD.test(w));
  if (names.length === 0) return undefined;
  const entities = scan.matches.flatMap((m) => (m.entry.kind === 'value' ? [m.entry.value] : []));
  return { leftOver: names, entities: [...new Set(entities)], modifiers: [], groupings: [], names };
}

function readingWith(leftOver: Set<string>, entities: string[], scan: ScanResult): DataReading {
  const modifiers = scan.matches.flatMap((m) => {
    if (m.entry.kind !== 'metric') return [];
    const before = scan.tokens[m.index - 1]?.text;
    // "did we lose sales": a word after a subject or an auxiliary is a verb, not a qualifier.
    const verb = VERB_CUES.has(scan.tokens[m.index - 2]?.text ?? '');
    return before !== undefined && leftOver.has(before) && !verb ? [before] : [];
  });
  return {
    leftOver: [...leftOver],
    entities: [...new Set(entities)],
    modifiers: [...new Set(modifiers)],
    groupings: groupingWords(
      scan.tokens.map((t) => t.text),
      leftOver,
    ),
  };
}

/**
 * A question the parser could not place at all that asks for a breakdown by words it does not
 * know ("spend split by age group and gender"): the documents may answer it only from a section
 * about those words, never from one about the rest of the question.
 */
function unplacedBreakdown(scan: ScanResult): DataReading | undefined {
  // Period words and figures are not breakdowns ("per quarter", "by 2025").
  const unknown = new Set(scan.unknown.map((t) => t.text).filter((w) => !PERIOD_WORD.test(w)));
  const groupings = groupingWords(
    scan.tokens.map((t) => t.text),
    unknown,
  );
  if (groupings.length === 0) return undefined;
  return { leftOver: groupings, entities: [], modifiers: [], groupings };
}

/** The left-over words in the run that follows a grouping cue ("by", "across"). */
function groupingWords(tokens: string[], leftOver: Set<string>): string[] {
  const found = new Set<string>();
  tokens.forEach((token, i) => {
    if (!GROUPING_CUES.has(token)) return;
    for (const next of tokens.slice(i + 1)) {
      if (leftOver.has(next) && !GROUPING_JOINERS.has(next)) found.add(next);
      else if (!GROUPING_JOINERS.has(next)) break;
    }
  });
  return [...found];
}

/** The left-over words as units of meaning, without chatter, intent and period words. */
export function leftOverUnits(reading: DataReading, asOf: string): MeaningUnit[] {
  return readDocumentQuestion(reading.leftOver.join(' '), asOf).units;
}

const meets = (unit: MeaningUnit, terms: Set<string>) => unit.terms.some((t) => terms.has(t));

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const SUBJECT_FIELDS = ['markets', 'industries', 'channels', 'brands'] as const;

/**
 * What a document is mainly about: its title, and each front-matter list that names one thing
 * (the Singapore note's market, a playbook's channel). A post-mortem that lists four markets is
 * not about any one of them.
 */
function primarySubject(chunk: RetrievedChunk): Set<string> {
  const single = SUBJECT_FIELDS.flatMap((field) => {
    const values = list(chunk.metadata[field]);
    return values.length === 1 ? values : [];
  });
  return new Set(analyze(`${chunk.title}\n${single.join('\n')}`).terms);
}

/** The section's document is about every entity the query names, and mainly about one of them. */
function aboutTheQuery(chunk: RetrievedChunk, entities: string[]): boolean {
  if (entities.length === 0) return false;
  const units = entities.map((e) => meaningUnits(e));
  const own = sectionTerms(chunk);
  const primary = primarySubject(chunk);
  return (
    units.every((us) => us.length > 0 && us.every((u) => meets(u, own))) &&
    units.some((us) => us.every((u) => meets(u, primary)))
  );
}

/**
 * The left-over words name what the section is about: each is in its title, its headings or its
 * front matter, as a word of its own (the word "single" inside the name "Singles' Day" does not count).
 */
function aboutTheLeftOver(chunk: RetrievedChunk, units: MeaningUnit[]): boolean {
  if (units.length === 0) return false;
  const m = chunk.metadata;
  const heading = Array.isArray(m.heading_path) ? m.heading_path.join('\n') : String(m.heading ?? '');
  const front = SUBJECT_FIELDS.flatMap((field) => list(m[field])).join('\n');
  const subject = new Set(termsOutsideConcepts(`${chunk.title}\n${heading}\n${front}`));
  return units.every((u) => meets(u, subject));
}

/** Whether a section may answer a question the parser read as a data query (see DataReading). */
export function answersDataProbe(chunk: RetrievedChunk, reading: DataReading, units: MeaningUnit[]): boolean {
  const own = sectionTerms(chunk);
  const says = (word: string) => analyze(word).terms.every((t) => own.has(t));
  const saysModifiers = [...reading.modifiers, ...reading.groupings].every(says);
  if (reading.names)
    return (
      aboutTheQuery(chunk, reading.entities) ||
      reading.names.every((name) => analyze(name).terms.length > 0 && says(name))
    );
  return saysModifiers && (aboutTheQuery(chunk, reading.entities) || aboutTheLeftOver(chunk, units));
}
