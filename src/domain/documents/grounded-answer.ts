import type { CellValue, RetrievedChunk } from '../../ports.ts';
import { unsupportedFigures } from '../answer/verify-numbers.ts';
import { looksLikeInjection, splitSentences } from './sentences.ts';
import { contentTerms } from './terms.ts';

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
}

export interface DataClaim {
  text: string;
  queryId: string;
  question: string;
  sql: string;
  rows: CellValue[][];
}

interface Candidate {
  text: string;
  chunk: RetrievedChunk;
  rank: number;
  position: number;
  overlap: number;
  coverage: number;
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

/**
 * The offline engine's document answer: extractive. The best supporting sentences of the top
 * chunks, each cited to its chunk and verified against it; a data claim (from a query result)
 * goes first, cited to its query. Confidence comes from term coverage, verification and
 * where the sentences rank — never from a model's opinion.
 */
export function composeGroundedAnswer(
  question: string,
  chunks: RetrievedChunk[],
  options: { maxSentences?: number; dataClaim?: DataClaim; extraTerms?: string[]; minCoverage?: number } = {},
): GroundedAnswer {
  const maxSentences = options.maxSentences ?? 4;
  const questionTerms = [
    ...new Set([...contentTerms(question), ...(options.extraTerms ?? []).flatMap(contentTerms)]),
  ];
  const sentencesOf = chunks.map((chunk) =>
    splitSentences(chunk.text).filter((text) => !looksLikeInjection(text)),
  );
  // Rare question words matter more than common ones ("recommend" over "beauty" in a beauty brief).
  const all = sentencesOf.flat().map((text) => new Set(contentTerms(text)));
  const weight = new Map(
    questionTerms.map((t) => [
      t,
      Math.log(1 + (all.length + 1) / (1 + all.filter((terms) => terms.has(t)).length)),
    ]),
  );
  const totalWeight = [...weight.values()].reduce((a, b) => a + b, 0) || 1;
  const candidates: Candidate[] = [];
  sentencesOf.forEach((sentences, rank) => {
    const chunk = chunks[rank] as RetrievedChunk;
    // A section's heading says what its sentences are about ("Claims we may not make").
    const heading = String(
      chunk.metadata.heading ??
        (Array.isArray(chunk.metadata.heading_path) ? chunk.metadata.heading_path.join(' ') : ''),
    );
    const headingTerms = contentTerms(heading);
    sentences.forEach((text, position) => {
      const terms = new Set([...contentTerms(text), ...headingTerms]);
      const matched = questionTerms.filter((t) => terms.has(t));
      candidates.push({
        text,
        chunk,
        rank,
        position,
        overlap: matched.length,
        coverage: matched.reduce((sum, t) => sum + (weight.get(t) ?? 0), 0) / totalWeight,
      });
    });
  });
  // Nothing in the top documents speaks to most of what was asked: better to say so than to quote near-misses.
  const topTerms = new Set(
    chunks.slice(0, 3).flatMap((chunk) => contentTerms(`${chunk.title} ${chunk.text}`)),
  );
  const asked = [...new Set(contentTerms(question))];
  const chunkCoverage = asked.filter((t) => topTerms.has(t)).length / Math.max(1, asked.length);
  // A "why" is answered by the sentences that give causes, which rarely repeat the question's words.
  const why = /\b(why|cause|caused|reason|explain|drove|driven)\b/i.test(question);
  const causal = (c: Candidate) =>
    why &&
    /\b(because|cause|caused|due to|driven by|drove|reason|led to|as a result|root cause|after)\b/i.test(
      c.text,
    );
  const topSource = chunks[0] ? sourceIdOf(chunks[0]) : null;
  const sameSourceAsTop = (c: Candidate) => topSource !== null && sourceIdOf(c.chunk) === topSource;
  const score = (c: Candidate) =>
    c.coverage * 2 +
    1 / (1 + c.rank) +
    (/\d/.test(c.text) ? 0.15 : 0) +
    (causal(c) ? (/\b(root cause|caused by|was caused|due to|driven by)\b/i.test(c.text) ? 1.2 : 0.6) : 0) -
    c.position * 0.01;
  const ranked = candidates
    .filter(
      (c) =>
        c.overlap >= Math.min(2, questionTerms.length) || (causal(c) && (c.rank <= 3 || sameSourceAsTop(c))),
    )
    .sort((a, b) => score(b) - score(a));

  const chosen: Candidate[] = [];
  const perChunk = new Map<string, number>();
  // A "why" gets its best causal sentence first, even when other sentences repeat more of the question.
  const bestCause = why ? ranked.find((c) => causal(c)) : undefined;
  if (bestCause) {
    chosen.push(bestCause);
    perChunk.set(bestCause.chunk.id, 1);
  }
  for (const candidate of ranked) {
    if (chosen.length >= maxSentences - (options.dataClaim ? 1 : 0)) break;
    const used = perChunk.get(candidate.chunk.id) ?? 0;
    if (used >= 2) continue;
    if (chosen.some((c) => c.text === candidate.text)) continue;
    chosen.push(candidate);
    perChunk.set(candidate.chunk.id, used + 1);
  }

  const closest = unique(chunks.map((c) => ({ title: c.title, sourceId: sourceIdOf(c) }))).slice(0, 3);
  if (chunkCoverage < (options.minCoverage ?? 0.34) && !options.dataClaim) chosen.length = 0;
  // A two-word question ("stock price") must appear as a phrase, not as two words far apart.
  // One word ("how's Gaming") is too little to quote documents on when nothing else pointed there.
  if (options.minCoverage !== undefined && asked.length < 2) chosen.length = 0;
  if (options.minCoverage !== undefined && asked.length === 2) {
    const phrase = asked.join(' ');
    const phrased = chosen.filter((c) => contentTerms(c.text).join(' ').includes(phrase));
    chosen.length = 0;
    chosen.push(...phrased);
  }
  if (chosen.length === 0 && !options.dataClaim) {
    return { found: false, sentences: [], citations: [], confidence: 'low', confidenceScore: 0, closest };
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
  // Reading order: by document rank, then position in the document.
  chosen.sort((a, b) => a.rank - b.rank || a.position - b.position);
  for (const candidate of chosen) {
    let citation = citations.find((c) => c.kind === 'document' && c.sourceId === sourceIdOf(candidate.chunk));
    if (!citation) {
      citation = {
        n: citations.length + 1,
        kind: 'document',
        title: candidate.chunk.title,
        source: candidate.chunk.source,
        sourceId: sourceIdOf(candidate.chunk),
        excerpt: candidate.chunk.text.slice(0, 400),
      };
      citations.push(citation);
    }
    sentences.push({
      text: candidate.text,
      citation: citation.n,
      verified: sentenceSupported(candidate.text, candidate.chunk.text),
    });
  }

  // Unverified sentences are dropped, not shown as fact.
  const kept = sentences.filter((s) => s.verified);
  const verification = kept.length / Math.max(1, sentences.length);
  const coverage = Math.min(1, chosen.reduce((best, c) => Math.max(best, c.coverage), 0) * 1.5);
  const fromTop = chosen.filter((c) => c.rank <= 1).length / Math.max(1, chosen.length);
  const confidenceScore = Number((0.5 * coverage + 0.3 * verification + 0.2 * fromTop).toFixed(3));
  // A document's excerpt is what was quoted from it, so "show sources" shows the support itself.
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

function unique<T extends { sourceId: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.sourceId) ? false : (seen.add(item.sourceId), true)));
}

/** The answer as text with citation markers: "Sentence one [1]. Sentence two [2]." */
export function answerText(answer: GroundedAnswer): string {
  return answer.sentences.map((s) => `${s.text.replace(/\s*$/, '')} [${s.citation}]`).join(' ');
}
