import type { CellValue, RetrievedChunk } from '../../ports.ts';
import { unsupportedFigures } from '../answer/verify-numbers.ts';
import { analyze } from '../kb/tokenize.ts';
import { answersDataProbe, type DataReading, leftOverUnits } from './data-probe.ts';
import {
  type Coverage,
  coverageOf,
  type EvidenceScale,
  entityTerms,
  evidenceScale,
  sectionCoversPeriod,
  sectionTerms,
  subjectTerms,
} from './evidence.ts';
import { nameLikeWords } from './names.ts';
import { type DocumentIntent, type DocumentQuestion, readDocumentQuestion } from './question.ts';
import { contentTerms } from './terms.ts';
import { quotableSentences } from './untrusted-text.ts';

export interface AnswerCitation {
  n: number;
  kind: 'document' | 'query';
  title: string;
  source: string;
  sourceId: string;
  excerpt: string;
}

export interface CitedSentence {
  text: string;
  citation: number;
  verified: boolean;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface GroundedAnswer {
  found: boolean;
  sentences: CitedSentence[];
  citations: AnswerCitation[];
  confidence: Confidence;
  confidenceScore: number;
  /** Documents closest to the question, shown when nothing supports an answer. */
  closest: { title: string; sourceId: string }[];
  /** Names in the question the knowledge base never mentions ("Acme"): why nothing was found. */
  unknownNames?: string[];
}

export interface DataClaim {
  text: string;
  queryId: string;
  question: string;
  sql: string;
  rows: CellValue[][];
}

const sourceIdOf = (chunk: RetrievedChunk) =>
  String(chunk.metadata.source_id ?? chunk.metadata.sourceId ?? chunk.source);

/** Sentence is in the chunk (extractive) and its content words and figures are all there. */
export function sentenceSupported(sentence: string, chunkText: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  if (squash(chunkText).includes(squash(sentence))) return true;
  const terms = contentTerms(sentence);
  const chunkTerms = new Set(contentTerms(chunkText));
  const lexical = terms.filter((t) => chunkTerms.has(t)).length / Math.max(1, terms.length);
  const figures = sentence.match(/\d[\d,.]*%?/g) ?? [];
  return lexical >= 0.8 && figures.every((f) => chunkText.includes(f));
}

export interface GroundedOptions {
  /** The date relative periods in the question resolve against. */
  asOf: string;
  /**
   * Brands and advertisers the question names ("should we pause the Zentro campaigns"): only a
   * section that mentions each may answer, never one about another brand that matches the rest.
   */
  mustMention?: string[];
  maxSentences?: number;
  dataClaim?: DataClaim;
  /** Words of the data reading ("Spend for Vietnam in 2025"): they help choose sentences, not decide "found". */
  extraTerms?: string[];
  /**
   * The question was not plainly for documents (Scout is probing the knowledge base before asking
   * back): answer only when the evidence covers most of at least two units of the question.
   */
  strict?: boolean;
  /** The question as read for documents; read here from the text when not given. */
  reading?: DocumentQuestion;
  /** Words of the question the whole corpus does not contain (see evidence.ts). */
  absent?: readonly string[];
  /**
   * The question names a measure: a word the corpus lacks is then more likely a name the data
   * would hold ("CTR for Globex") than the asker's phrasing, so it always means "couldn't find".
   */
  namesMetric?: boolean;
  /**
   * The parser read the question as a data query and left words over: only a section about the
   * query's entities or about the left-over words may answer (see data-probe.ts), and a left-over
   * word the corpus lacks means "couldn't find".
   */
  dataReading?: DataReading;
}

/** Evidence must cover this much of the question (weighted) before anything is quoted. */
const FOUND_SHARE = 0.5;
const STRICT_FOUND_SHARE = 0.5;
/** Below this a document is not even "close": it is not listed beside a "couldn't find". */
const RELATED_SHARE = 0.3;

/** Headings of the sections that answer each kind of question. */
const INTENT_HEADINGS: Record<DocumentIntent, RegExp | null> = {
  summary: /\b(summary|headline|size and growth|at a glance|role|overview)\b/i,
  cause: /\b(root cause|summary|what went wrong|notable event)/i,
  advice: /\b(advice|recommendation|when to use|guidance|pitfalls|lessons|what to watch|how to use|do's)/i,
  eligibility: /\b(eligibility|summary|account-team notes|benefits|combinability)\b/i,
  lookup: null,
};

// "After the refresh, CTR recovered" gives a cause; "second-lowest after Japan" does not.
const CAUSAL =
  /\b(because|cause|caused|due to|driven by|drove|reason|led to|as a result|root cause)\b|^after\b/i;
const STATED_CAUSE = /\b(root cause|the cause|caused by|was caused|due to|driven by)\b/i;

interface Section {
  chunk: RetrievedChunk;
  rank: number;
  sourceId: string;
  headingTerms: Set<string>;
  terms: Set<string>;
  coverage: Coverage;
  answersIntent: boolean;
  sentences: string[];
}

interface Candidate {
  text: string;
  section: Section;
  position: number;
  coverage: Coverage;
  causal: boolean;
  score: number;
}

function headingOf(chunk: RetrievedChunk): string {
  const path = chunk.metadata.heading_path;
  return Array.isArray(path) ? path.join(' ') : String(chunk.metadata.heading ?? '');
}

/** A question that names a document type is answered from documents of that type only. */
function ofAskedType(chunks: RetrievedChunk[], reading: DocumentQuestion): RetrievedChunk[] {
  const typed = chunks.some((c) => typeof c.metadata.type === 'string');
  if (reading.types.length === 0 || !typed) return chunks;
  return chunks.filter((c) => reading.types.includes(String(c.metadata.type)));
}

function readSections(chunks: RetrievedChunk[], reading: DocumentQuestion, scale: EvidenceScale): Section[] {
  const termsOf = chunks.map(sectionTerms);
  const intentHeading = INTENT_HEADINGS[reading.intent];
  return chunks.map((chunk, rank): Section => {
    const heading = headingOf(chunk);
    const terms = termsOf[rank] ?? new Set<string>();
    return {
      chunk,
      rank,
      sourceId: sourceIdOf(chunk),
      headingTerms: new Set(analyze(heading).terms),
      terms,
      coverage: coverageOf(reading, scale, terms, sectionCoversPeriod(chunk, reading)),
      answersIntent: intentHeading !== null && intentHeading.test(heading),
      // Document text is data: a sentence addressed to whoever processes it is never evidence.
      sentences: quotableSentences(chunk.text, { declaredSources: [chunk.source] }),
    };
  });
}

/** The kind of document that exists to answer each kind of question: an incident's post-mortem for a "why". */
const INTENT_TYPES: Record<DocumentIntent, string | null> = {
  cause: 'post-mortem',
  eligibility: 'program-terms',
  advice: null,
  summary: null,
  lookup: null,
};

/** A section leads by covering the question, in a document about what was asked, of the kind asked for. */
function sectionScore(s: Section, reading: DocumentQuestion, scale: EvidenceScale): number {
  const affinity = INTENT_TYPES[reading.intent] === s.chunk.metadata.type ? 0.3 : 0;
  const about = coverageOf(reading, scale, subjectTerms(s.chunk), false).share * 0.5;
  // Every section shares its document's title; the one whose own heading names what was asked
  // ("Creative guidance" for "creative guidance for Social") is the one that answers it.
  const headed = coverageOf(reading, scale, s.headingTerms, false).share;
  return s.coverage.share * 2 + about + headed + (s.answersIntent ? 0.5 : 0) + affinity + 0.5 / (1 + s.rank);
}

function candidatesOf(
  section: Section,
  reading: DocumentQuestion,
  scale: EvidenceScale,
  extra: Set<string>,
): Candidate[] {
  const periodMet = sectionCoversPeriod(section.chunk, reading);
  return section.sentences.map((text, position) => {
    const own = new Set(analyze(text).terms);
    const coverage = coverageOf(reading, scale, new Set([...own, ...section.headingTerms]), periodMet);
    const causal = reading.intent === 'cause' && CAUSAL.test(text);
    const extraHits = [...extra].filter((t) => own.has(t)).length;
    const score =
      coverage.share * 2 +
      Math.min(0.3, extraHits * 0.1) +
      (/\d/.test(text) ? 0.15 : 0) +
      (causal ? (STATED_CAUSE.test(text) ? 1.2 : 0.6) : 0) -
      position * 0.01;
    return { text, section, position, coverage, causal, score };
  });
}

/** A sentence worth quoting speaks to the question itself (or, for a "why", gives a cause). */
const speaksToQuestion = (c: Candidate) => c.coverage.topicMet >= 1 || c.causal;

/**
 * The sentences to quote, section by section. The best section leads; a summary is its opening
 * sentences; a "why" brings its document's stated cause. Another section joins only when it adds
 * something: a section of the same document that meets units the chosen ones do not, or a section
 * of another document that is as much about the question as the lead is. This keeps a sentence
 * about another program from being appended to an answer about this one.
 */
function chooseSentences(
  sections: Section[],
  reading: DocumentQuestion,
  scale: EvidenceScale,
  extra: Set<string>,
  limit: number,
): Candidate[] {
  const ordered = [...sections].sort(
    (a, b) => sectionScore(b, reading, scale) - sectionScore(a, reading, scale) || a.rank - b.rank,
  );
  const lead = ordered[0];
  if (!lead || limit <= 0) return [];
  const chosen: Candidate[] = [];
  const add = (c: Candidate | undefined) => {
    if (c && chosen.length < limit && !chosen.some((x) => x.text === c.text)) chosen.push(c);
  };
  const leadCandidates = candidatesOf(lead, reading, scale, extra);
  if (reading.intent === 'summary' && lead.answersIntent) {
    for (const c of leadCandidates.slice(0, Math.min(3, limit))) add(c);
  }
  if (reading.intent === 'cause') {
    const sameDocument = ordered.filter((s) => s.sourceId === lead.sourceId);
    const causes = sameDocument
      .flatMap((s) => candidatesOf(s, reading, scale, extra))
      .filter((c) => c.causal)
      // A sentence that states the cause ("The root cause was …") answers a why before one that
      // merely reasons ("Because ads kept serving …").
      .sort(
        (a, b) => Number(STATED_CAUSE.test(b.text)) - Number(STATED_CAUSE.test(a.text)) || b.score - a.score,
      );
    add(causes[0]);
  }
  // Within the lead section, a sentence joins only if it speaks to at least half as much of the
  // question as the best one: the other pitfalls of a playbook are not about this one.
  const speaking = leadCandidates.filter(speaksToQuestion).sort((a, b) => b.score - a.score);
  const bestShare = speaking[0]?.coverage.share ?? 0;
  for (const c of speaking) {
    if (chosen.filter((x) => x.section === lead).length >= 3) break;
    if (c.coverage.share >= bestShare / 2 || c.causal) add(c);
  }
  // A summary is its lead section; nothing else joins it.
  if (reading.intent === 'summary' && lead.answersIntent) return chosen;
  const metBy = () => new Set(chosen.flatMap((c) => [...c.section.terms]));
  const subjectShare = (s: Section) => coverageOf(reading, scale, subjectTerms(s.chunk), false).share;
  const leadSubject = subjectShare(lead);
  for (const section of ordered.slice(1)) {
    if (chosen.length >= limit) break;
    const best = candidatesOf(section, reading, scale, extra)
      .filter(speaksToQuestion)
      .sort((a, b) => b.score - a.score)[0];
    if (!best) continue;
    const sameDocument = section.sourceId === lead.sourceId;
    const adds = reading.units.some((unit) => {
      const known = metBy();
      return !unit.terms.some((t) => known.has(t)) && unit.terms.some((t) => section.terms.has(t));
    });
    // Another document joins only if it is as much about the question, and about the same
    // subject: the Singapore note mentions Japan, but it is not about Japan.
    const asMuchOnTopic =
      section.coverage.share >= lead.coverage.share - 1e-9 && subjectShare(section) >= leadSubject - 1e-9;
    if ((sameDocument && (adds || best.coverage.share >= 0.5)) || (!sameDocument && asMuchOnTopic)) add(best);
  }
  return chosen;
}

/**
 * Two plain words and nothing else ("stock price") read as one compound noun: a probe finds it
 * only where the words stand together, not where a retailer's rules say "stock" and "price" apart.
 */
function compoundOf(reading: DocumentQuestion, question: string): string | null {
  const plain = reading.units.filter((u) => !u.concept && u.text !== 'not');
  if (reading.periods.length > 0 || reading.units.length !== 2 || plain.length !== 2) return null;
  const compound = plain.map((u) => u.terms[0]).join(' ');
  // Only words written side by side are a compound: "creative guidance for Social" is not "creative social".
  return analyze(question).sequence.join(' ').includes(compound) ? compound : null;
}

/**
 * A probe needs the question to name what a document is about (its title, its industries,
 * markets or brands) and one sentence that, with its heading and that subject, meets two units
 * of the question: words scattered over a document are not an answer.
 */
function focused(
  chosen: Candidate[],
  reading: DocumentQuestion,
  scale: EvidenceScale,
  question: string,
): boolean {
  const compound = compoundOf(reading, question);
  return chosen.some((c) => {
    if (compound && !analyze(c.text).sequence.join(' ').includes(compound)) return false;
    const subject = subjectTerms(c.section.chunk);
    const namesSubject = coverageOf(reading, scale, subject, false).topicMet >= 1;
    const terms = new Set([...analyze(c.text).terms, ...c.section.headingTerms, ...subject]);
    const period = sectionCoversPeriod(c.section.chunk, reading);
    return namesSubject && coverageOf(reading, scale, terms, period).met >= 2;
  });
}

/**
 * The offline engine's document answer: extractive. Sentences of the sections that answer the
 * question, each cited to its section and verified against it; a data claim (from a query result)
 * goes first, cited to its query. Whether anything is quoted at all depends on how much of the
 * question the chosen sections cover; confidence comes from that coverage, verification and
 * rank — never from a model's opinion.
 */
export function composeGroundedAnswer(
  question: string,
  chunks: RetrievedChunk[],
  options: GroundedOptions,
): GroundedAnswer {
  const maxSentences = options.maxSentences ?? 4;
  const asRead = options.reading ?? readDocumentQuestion(question, options.asOf);
  const extra = new Set((options.extraTerms ?? []).flatMap((t) => analyze(t).terms));
  const probe = options.dataReading;
  const probeUnits = probe ? leftOverUnits(probe, options.asOf) : [];
  const typed = ofAskedType(chunks, asRead).filter((c) => !probe || answersDataProbe(c, probe, probeUnits));
  const absent = options.absent ?? [];
  const weighed = options.namesMetric
    ? { lacking: asRead.units.some((u) => absent.includes(u.text)), reading: asRead }
    : weighAbsentWords(asRead, typed, absent);
  const reading = weighed.reading;
  // A name the corpus never mentions ("acme motors' Q3") blocks the answer whatever else is met.
  const unknownNames = nameLikeWords(
    question,
    asRead.units.filter((u) => !u.concept && absent.includes(u.text)).map((u) => u.text),
  );
  const lacking =
    weighed.lacking || unknownNames.length > 0 || probeUnits.some((u) => absent.includes(u.text));
  const scale = evidenceScale(reading, new Set(absent));
  const years = yearsNamed(question);
  const sections = readSections(typed, reading, scale).filter(
    (s) => mentionsAll(s.chunk, options.mustMention) && mentionsAYear(s.chunk, years),
  );
  const closest = unique(
    sections
      .filter((s) => s.coverage.share >= RELATED_SHARE)
      .map((s) => ({ title: s.chunk.title, sourceId: s.sourceId })),
  ).slice(0, 3);
  let chosen = chooseSentences(sections, reading, scale, extra, maxSentences - (options.dataClaim ? 1 : 0));
  const evidence = evidenceOf(chosen, reading, scale);
  const enough =
    !lacking &&
    (options.strict
      ? evidence.units >= 2 &&
        evidence.share >= STRICT_FOUND_SHARE &&
        focused(chosen, reading, scale, question)
      : evidence.units >= 1 && evidence.share >= FOUND_SHARE);
  if (!enough) chosen = [];
  if (chosen.length === 0 && !options.dataClaim) {
    return {
      found: false,
      sentences: [],
      citations: [],
      confidence: 'low',
      confidenceScore: 0,
      closest,
      ...(unknownNames.length > 0 ? { unknownNames } : {}),
    };
  }

  const citations: AnswerCitation[] = [];
  const sentences: CitedSentence[] = [];
  if (options.dataClaim) {
    const claim = options.dataClaim;
    citations.push({
      n: 1,
      kind: 'query',
      title: claim.question,
      source: `query:${claim.queryId}`,
      sourceId: claim.queryId,
      excerpt: claim.sql,
    });
    sentences.push({
      text: claim.text,
      citation: 1,
      verified: unsupportedFigures(claim.text, claim.rows).length === 0,
    });
  }
  // Reading order: the lead section first, then the others as they joined, each in its own order.
  const joined = [...new Set(chosen.map((c) => c.section))];
  chosen.sort((a, b) => joined.indexOf(a.section) - joined.indexOf(b.section) || a.position - b.position);
  for (const candidate of chosen) {
    // One citation per section: a sentence is cited to the very section it was quoted from.
    const { chunk } = candidate.section;
    let citation = citations.find((c) => c.kind === 'document' && c.source === chunk.source);
    if (!citation) {
      citation = {
        n: citations.length + 1,
        kind: 'document',
        title: chunk.title,
        source: chunk.source,
        sourceId: candidate.section.sourceId,
        excerpt: chunk.text.slice(0, 400),
      };
      citations.push(citation);
    }
    sentences.push({
      text: candidate.text,
      citation: citation.n,
      verified: sentenceSupported(candidate.text, chunk.text),
    });
  }

  // Unverified sentences are dropped, not shown as fact.
  const kept = sentences.filter((s) => s.verified);
  const verification = kept.length / Math.max(1, sentences.length);
  const coverage = chosen.length > 0 ? evidence.share : 0;
  const fromTop = chosen.filter((c) => c.section.rank <= 1).length / Math.max(1, chosen.length);
  const confidenceScore = Number((0.5 * coverage + 0.3 * verification + 0.2 * fromTop).toFixed(3));
  // A section's excerpt is what was quoted from it, so "show sources" shows the support itself.
  for (const citation of citations) {
    if (citation.kind !== 'document') continue;
    const quoted = sentences.filter((s) => s.citation === citation.n).map((s) => s.text);
    if (quoted.length > 0) citation.excerpt = quoted.join(' … ').slice(0, 600);
  }
  const usedCitations = new Set(kept.map((s) => s.citation));
  const renumber = new Map(citations.filter((c) => usedCitations.has(c.n)).map((c, i) => [c.n, i + 1]));
  return {
    found: kept.length > 0,
    sentences: kept.map((s) => ({ ...s, citation: renumber.get(s.citation) ?? s.citation })),
    citations: citations
      .filter((c) => usedCitations.has(c.n))
      .map((c) => ({ ...c, n: renumber.get(c.n) ?? c.n })),
    confidence: confidenceScore >= 0.75 ? 'high' : confidenceScore >= 0.5 ? 'medium' : 'low',
    confidenceScore,
    closest,
  };
}

/**
 * How much of the question the quoted evidence covers. A quote comes from one section, so one
 * section must cover the question: words met only across several documents ("tone of voice" in
 * one brand's guidelines, the brand's name in a program's example) are not an answer. A question
 * that asks two things may take each from its own section.
 */
function evidenceOf(chosen: Candidate[], reading: DocumentQuestion, scale: EvidenceScale): Coverage {
  const sections = [...new Set(chosen.map((c) => c.section))];
  const of = (group: Section[]) =>
    coverageOf(
      reading,
      scale,
      new Set(group.flatMap((s) => [...s.terms])),
      group.some((s) => sectionCoversPeriod(s.chunk, reading)),
    );
  const single = sections.map((s) => of([s])).sort((a, b) => b.share - a.share)[0];
  const empty: Coverage = { share: 0, units: of([]).units, met: 0, topicMet: 0 };
  if (reading.multiPart) return of(sections);
  return single ?? empty;
}

/**
 * Words the whole corpus never uses. One that names a domain topic (a concept: a market, platform
 * or medium, "TikTok", "South Korea") is a topic the corpus lacks: however well the rest is
 * covered, the documents do not answer the question. A plain word ("nutshell", "hype") is such a
 * topic too unless the question also names an entity that a retrieved document's front matter is
 * about (a market, an industry, a channel, a brand): then it is the asker's phrasing, left out of
 * the coverage.
 */
function weighAbsentWords(
  reading: DocumentQuestion,
  chunks: RetrievedChunk[],
  absentWords: readonly string[],
): { lacking: boolean; reading: DocumentQuestion } {
  const absentUnits = reading.units.filter((u) => absentWords.includes(u.text));
  if (absentUnits.length === 0) return { lacking: false, reading };
  if (absentUnits.some((u) => u.concept)) return { lacking: true, reading };
  const present = reading.units.filter((u) => !absentWords.includes(u.text));
  const anchored = chunks.some((chunk) => {
    const entities = entityTerms(chunk);
    return present.some((u) => u.terms.some((t) => entities.has(t)));
  });
  if (!anchored) return { lacking: true, reading };
  return { lacking: false, reading: { ...reading, units: present } };
}

function unique<T extends { sourceId: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.sourceId) ? false : (seen.add(item.sourceId), true)));
}

/** The answer as text with citation markers: "Sentence one [1]. Sentence two [2]." */
export function answerText(answer: GroundedAnswer): string {
  return answer.sentences.map((s) => `${s.text.replace(/\s*$/, '')} [${s.citation}]`).join(' ');
}

/** Whether a section names every one of `names` (by its distinctive first word: "Zentro" for Zentro Motors). */
function mentionsAll(chunk: RetrievedChunk, names: readonly string[] | undefined): boolean {
  if (!names || names.length === 0) return true;
  const text = `${chunk.title}\n${chunk.text}`.toLowerCase();
  return names.every((name) => text.includes((name.split(/\s+/)[0] ?? name).toLowerCase()));
}

/** Words naming a document or a program, which a year next to them dates. */
const DATED_DOCUMENT =
  /^(?:post|postmortem|mortem|pm|brief|note|playbook|program|programme|booster|pack|credit|bonus|incentive|rebate|report|review|guidelines|edition|terms|deck|study)s?$/;

/**
 * The years a question dates a document or program by ("the 2023 beauty post-mortem", "the
 * booster 2026"): a year within five words of such a word. "the 2026 thai plan" dates the plan.
 */
function yearsNamed(question: string): string[] {
  const words = question
    .toLowerCase()
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean);
  const years = words.flatMap((word, i) =>
    /^20\d{2}$/.test(word) && words.slice(Math.max(0, i - 5), i + 6).some((w) => DATED_DOCUMENT.test(w))
      ? [word]
      : [],
  );
  return [...new Set(years)];
}

/**
 * A question about a named year is answered only from a section that names one of its years: the
 * 2025 post-mortem does not answer "what did the 2023 post-mortem conclude".
 */
function mentionsAYear(chunk: RetrievedChunk, years: readonly string[]): boolean {
  if (years.length === 0) return true;
  const text = `${chunk.title}\n${chunk.text}`;
  return years.some((year) => text.includes(year));
}
