import type { CellValue } from '../../ports.ts';
import { unsupportedFigures } from '../answer/verify-numbers.ts';
import { sentenceSupported } from './grounded-answer.ts';
import { splitSentences } from './sentences.ts';
import { contentTerms } from './terms.ts';
import { classifySentence, type UntrustedReason } from './untrusted-text.ts';

/**
 * A model's answer is checked like any other answer before anyone sees it: each sentence must be
 * grounded in a source the model was shown (the screened text, never the raw document) or in a
 * query result; links only from sources; figures only from query results or the source sentence
 * that states them. A sentence that fails is dropped, whatever the model was told by a document.
 */

export interface ModelTextEvidence {
  /** The trusted (screened) text of every document excerpt the model saw or cited. */
  sources: { source: string; text: string }[];
  /** Every row of every query the model ran. */
  rows: CellValue[][];
  /** What Scout itself wrote about those queries (understood, summaries) and the as-of date. */
  queryTexts: string[];
}

export type DropReason = UntrustedReason | 'not-grounded' | 'figure-not-in-results';

export interface VerifiedModelText {
  /** The sentences that passed, joined; empty when none did. */
  text: string;
  kept: { text: string; groundedIn: 'source' | 'query'; source?: string }[];
  dropped: { text: string; reasons: DropReason[] }[];
}

/** Share of a query sentence's words that Scout's own query texts or the sources must contain. */
const QUERY_WORDS_SHARE = 0.5;

const figuresIn = (sentence: string) => sentence.match(/\d[\d,.]*%?/g) ?? [];

export function verifyModelText(text: string, evidence: ModelTextEvidence): VerifiedModelText {
  const declaredSources = evidence.sources.map((s) => s.source);
  const vocabulary = new Set(
    contentTerms(
      [
        ...evidence.queryTexts,
        ...evidence.rows.flat().filter((v): v is string => typeof v === 'string'),
        ...evidence.sources.map((s) => s.text),
      ].join(' '),
    ),
  );
  const kept: VerifiedModelText['kept'] = [];
  const dropped: VerifiedModelText['dropped'] = [];
  for (const sentence of splitSentences(text)) {
    const untrusted = classifySentence(sentence, { declaredSources });
    if (untrusted.length > 0) {
      dropped.push({ text: sentence, reasons: untrusted });
      continue;
    }
    const support = evidence.sources.find((s) => sentenceSupported(sentence, s.text));
    if (support) {
      kept.push({ text: sentence, groundedIn: 'source', source: support.source });
      continue;
    }
    const figures = figuresIn(sentence);
    const unsupported = unsupportedFigures(sentence, evidence.rows, evidence.queryTexts);
    const terms = contentTerms(sentence.replace(/\d[\d,.]*%?/g, ' '));
    const known = terms.filter((t) => vocabulary.has(t)).length / Math.max(1, terms.length);
    if (figures.length > 0 && unsupported.length === 0 && known >= QUERY_WORDS_SHARE) {
      kept.push({ text: sentence, groundedIn: 'query' });
      continue;
    }
    dropped.push({
      text: sentence,
      reasons: [unsupported.length > 0 ? 'figure-not-in-results' : 'not-grounded'],
    });
  }
  return { text: kept.map((k) => k.text).join(' '), kept, dropped };
}
