import type { RetrievedChunk } from '../../ports.ts';
import { analyze, CONCEPT_PREFIX, type MeaningUnit } from '../kb/tokenize.ts';
import { coversPeriod, type DocumentQuestion, parseRange } from './question.ts';

/**
 * How much of a question a piece of evidence covers. Each unit of the question (a content word or
 * a concept phrase, plus one for a named period) carries a weight: the domain's own vocabulary
 * (markets, metrics, events) and a named period weigh more than a plain word, and a word the
 * whole corpus never uses ("Snapchat", "podcast") weighs most, because a topic the corpus lacks
 * is exactly what such a word names. Evidence that skips it cannot look complete. The fused
 * retrieval score cannot tell any of this: it is scaled to the best hit, so the top hit always
 * scores about 1 whatever was asked.
 */

export interface Coverage {
  /** Weighted share of the question's units that the evidence meets, in [0, 1]. */
  share: number;
  /** Units counted (a named period is one). */
  units: number;
  /** Units met. */
  met: number;
  /** Topic units met (the period left out: a whole section shares its document's period). */
  topicMet: number;
}

export interface EvidenceScale {
  weights: number[];
  periodWeight: number;
}

export const UNIT_WEIGHTS = { word: 1, concept: 1.5, period: 1.5, absent: 3 } as const;

/** The section's own words, its headings, its document's title and the entities it is about. */
export function sectionTerms(chunk: RetrievedChunk): Set<string> {
  const m = chunk.metadata;
  const heading = Array.isArray(m.heading_path) ? m.heading_path.join(' ') : String(m.heading ?? '');
  const own = analyze(`${chunk.title}\n${heading}\n${chunk.text}`).terms;
  return new Set([...own, ...frontMatterSubject(chunk)]);
}

const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(' ') : '');

/**
 * The industries and markets a document's front matter names, and its brands by name only: a
 * program whose worked example is "Orchid Crown Hotels" is not about travel.
 */
function frontMatterSubject(chunk: RetrievedChunk): string[] {
  const m = chunk.metadata;
  const brandNames = analyze(list(m.brands)).terms.filter((t) => !t.startsWith(CONCEPT_PREFIX));
  return [...analyze(`${list(m.industries)}\n${list(m.markets)}`).terms, ...brandNames];
}

/** The entities a document's front matter names: its industries, markets, channels and brands. */
export function entityTerms(chunk: RetrievedChunk): Set<string> {
  const m = chunk.metadata;
  return new Set([...analyze(`${list(m.channels)}`).terms, ...frontMatterSubject(chunk)]);
}

/** What the section's document is about: its title and the entities its front matter names. */
export function subjectTerms(chunk: RetrievedChunk): Set<string> {
  return new Set([...analyze(chunk.title).terms, ...frontMatterSubject(chunk)]);
}

export function sectionCoversPeriod(chunk: RetrievedChunk, question: DocumentQuestion): boolean {
  const range = parseRange(chunk.metadata.period);
  return range !== null && question.periods.some((asked) => coversPeriod(range, asked));
}

const meets = (unit: MeaningUnit, terms: Set<string>) => unit.terms.some((term) => terms.has(term));

/** Whether any of the sections meets the unit. */
export function metByAny(unit: MeaningUnit, sections: readonly Set<string>[]): boolean {
  return sections.some((terms) => meets(unit, terms));
}

// Analysed on first use, not at import: analysing builds the concept matcher, which a data
// question (every module of ask loads this one) never needs.
let genericAdWords: Set<string> | null = null;
function isGenericAdWord(term: string): boolean {
  genericAdWords ??= new Set(analyze('ad ads advertising advert adverts marketing').terms);
  return genericAdWords.has(term);
}

/**
 * Whether any section holds the unit's topic: a concept by its concept term or by its phrase as
 * written ("native ads" in the Native playbook), never by its words apart ("out" and "home" in a
 * section are not out-of-home advertising; "south" in "South-East Asia" is not South Korea).
 */
export function heldByAny(unit: MeaningUnit, chunks: readonly RetrievedChunk[]): boolean {
  const sections = chunks.map(sectionTerms);
  if (!unit.concept) return metByAny(unit, sections);
  const [concept = '', ...words] = unit.terms;
  const phrase = unit.text.toLowerCase();
  // "Native ads" is the Native channel: one word left once the words for advertising go.
  const named = words.filter((w) => !isGenericAdWord(w));
  return chunks.some(
    (chunk, i) =>
      sections[i]?.has(concept) === true ||
      (named.length === 1 && words.length > 1 && sections[i]?.has(named[0] ?? '') === true) ||
      `${chunk.title}\n${chunk.text}`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .includes(phrase),
  );
}

/** Unit weights; `absent`: the units (by their words) that the corpus does not contain at all. */
export function evidenceScale(question: DocumentQuestion, absent: ReadonlySet<string>): EvidenceScale {
  return {
    weights: question.units.map((unit) =>
      absent.has(unit.text) ? UNIT_WEIGHTS.absent : unit.concept ? UNIT_WEIGHTS.concept : UNIT_WEIGHTS.word,
    ),
    periodWeight: UNIT_WEIGHTS.period,
  };
}

/** The coverage of the question by evidence terms (and whether the evidence is about its period). */
export function coverageOf(
  question: DocumentQuestion,
  scale: EvidenceScale,
  terms: Set<string>,
  periodMet: boolean,
): Coverage {
  let total = 0;
  let got = 0;
  let met = 0;
  question.units.forEach((unit, i) => {
    const w = scale.weights[i] ?? 0;
    total += w;
    if (meets(unit, terms)) {
      got += w;
      met += 1;
    }
  });
  const topicMet = met;
  const hasPeriod = question.periods.length > 0;
  if (hasPeriod) {
    total += scale.periodWeight;
    if (periodMet) {
      got += scale.periodWeight;
      met += 1;
    }
  }
  return {
    share: total > 0 ? got / total : 0,
    units: question.units.length + (hasPeriod ? 1 : 0),
    met,
    topicMet,
  };
}
