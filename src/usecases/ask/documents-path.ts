import { dataReadingOf } from '../../domain/documents/data-probe.ts';
import { NOT_FOUND_EITHER, nothingToGoOnMessage } from '../../domain/documents/messages.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { describeQuery } from '../../domain/parser/describe.ts';
import type { ParseContext } from '../../domain/parser/parse-question.ts';
import { scanTerms } from '../../domain/parser/scan-terms.ts';
import { escapeRegExp, normalizeText } from '../../domain/parser/text.ts';
import type { Retriever } from '../../ports.ts';
import type { AskDeps } from './deps.ts';
import { answerFromDocuments, type DocumentAnswerParts } from './document-parts.ts';
import type { AnswerDraft, PathAnswer } from './draft.ts';
import { answerOffline, type OfflineReading } from './offline-path.ts';

/** The route chose the knowledge base (documents, or numbers plus documents). */
export interface DocumentsChoice {
  route: 'documents' | 'both';
  retriever: Retriever;
  /** The parser could not place the question and it names no measure: documents are only a guess. */
  probing: boolean;
  namesMetric: boolean;
  /**
   * A question asked in another language, read into the English words the knowledge base is
   * written in ("新加坡市场笔记…建议" -> "singapore market note … recommendations"); the
   * answer says it was read so.
   */
  englishReading?: string;
}

/** Documents, or a live figure plus documents, for a question the route sent to the knowledge base. */
export async function answerFromKnowledgeBase(
  deps: AskDeps,
  draft: AnswerDraft,
  reading: OfflineReading,
  choice: DocumentsChoice,
): Promise<PathAnswer> {
  const { parsed, settled } = reading;
  const dataQuery =
    choice.route === 'both' && parsed.status === 'query' ? withPreviousPeriod(parsed.query) : null;
  const understood = dataQuery ? describeQuery(dataQuery, deps.semanticModel, deps.asOf) : '';
  const searched = withValueNames(choice.englishReading ?? draft.question, deps);
  const parts = await answerFromDocuments(deps, choice.retriever, searched, {
    dataQuery,
    understood,
    answerId: draft.id,
    renderChart: draft.renderChart,
    audience: draft.audience,
    ...(choice.probing
      ? {
          strict: true,
          namesMetric: choice.namesMetric,
          dataWords: dataVocabulary(choice.englishReading ?? draft.question, deps),
          dataReading: dataReadingOf(parsed, choice.englishReading ?? draft.question, deps.lexicon),
        }
      : {}),
  });
  if (choice.probing && parts.status !== 'answered' && settled.status === 'clarify') {
    // The knowledge base was only a guess: the data clarification stands, or, when the parser
    // read nothing either, one message that says so without asking for a measure.
    // Saying the documents were searched too keeps "couldn't find" honest for a topic they lack.
    // A measure the parser could not place is a data question first: no word about documents.
    const searchedToo = parsed.status === 'query' || !choice.namesMetric;
    if (settled.understood || !searchedToo)
      return answerOffline(deps, draft, settled, { clarifyNote: searchedToo ? ` ${NOT_FOUND_EITHER}` : '' });
    return {
      status: 'clarify',
      route: 'data',
      answer: nothingToGoOnMessage(),
      suggestions: settled.suggestions,
    };
  }
  if (parts.data) draft.tookQuery(parts.data);
  const {
    answer: _dataNarrative,
    queryMs: _q,
    chartMs: _c,
    ...dataParts
  } = parts.data ?? { answer: '', queryMs: 0, chartMs: 0 };
  const documents = documentAnswer(parts);
  if (choice.englishReading) documents.answer += `\n(I read your question as "${choice.englishReading}".)`;
  return {
    status: parts.status,
    route: choice.route,
    ...documents,
    ...(understood ? { understood } : {}),
    ...dataParts,
  };
}

/** The model chose the knowledge base (a tool choice): the same grounded, verified answer. */
export async function answerModelSearch(
  deps: AskDeps,
  draft: AnswerDraft,
  search: string,
): Promise<PathAnswer> {
  if (!deps.retriever) {
    return {
      status: 'clarify',
      route: 'documents',
      path: 'model',
      answer: 'That is a question for the knowledge base, which is not set up here.',
      suggestions: [],
    };
  }
  const parts = await answerFromDocuments(deps, deps.retriever, search, {
    dataQuery: null,
    understood: '',
    answerId: draft.id,
    renderChart: draft.renderChart,
    audience: draft.audience,
  });
  return { status: parts.status, route: 'documents', path: 'model', ...documentAnswer(parts) };
}

/** The parts of an answer that come from documents: text (to screen with its sources), citations, grounding. */
function documentAnswer(parts: DocumentAnswerParts) {
  return {
    answer: parts.answer,
    screen: { groundingSource: parts.citations.map((c) => c.excerpt).join('\n') },
    suggestions: [],
    citations: parts.citations,
    confidence: { level: parts.grounded.confidence, score: parts.grounded.confidenceScore },
    grounding: {
      sentences: parts.grounded.sentences,
      citations: parts.grounded.citations.map(({ n, kind, sourceId, title, source }) => ({
        n,
        kind,
        sourceId,
        title,
        source,
      })),
    },
  };
}

/**
 * The question with the data's shorthand for a value written as the value's name ("the H2 FnB
 * brief" -> "the H2 Food & Beverage brief", "fin svcs" -> "Financial Services", "jp" -> "Japan"):
 * the documents name industries, markets and channels in full, so the shorthand alone finds
 * nothing. Only shorthand is rewritten: a word of its own ("TV", "video", "YouTube") keeps what
 * the asker said, so a topic the documents lack is still found lacking.
 */
function withValueNames(question: string, ctx: ParseContext): string {
  const scan = scanTerms(normalizeText(question), question, ctx.lexicon);
  let out = question;
  for (const match of scan.matches) {
    const entry = match.entry;
    if (entry.kind !== 'value' || !SPELLED_OUT.has(entry.dimension)) continue;
    const written = writtenWords(scan, match.index, entry.phrase);
    if (!written?.every(isShorthand) || written.join(' ') === normalizeText(entry.value)) continue;
    const pattern = new RegExp(
      `(?<![\\p{L}\\d])${written.map(escapeRegExp).join('[\\s\\W]+')}(?![\\p{L}\\d])`,
      'iu',
    );
    out = out.replace(pattern, entry.value);
  }
  return out;
}

const SPELLED_OUT = new Set(['industry', 'market', 'channel']);
const isShorthand = (word: string) =>
  word.length <= 4 || !/[aeiou]/.test(word.slice(1)) || word.includes('&');

/**
 * The words the question wrote for a matched phrase: the phrase itself when it matched exactly,
 * or a whole shorthand reading of it ("fin svcs" for "financial services"); null for a guess from
 * a first word alone ("youtube" for "youtube-style video").
 */
function writtenWords(scan: ReturnType<typeof scanTerms>, index: number, phrase: string): string[] | null {
  const length = phrase.split(' ').length;
  const tokens = scan.tokens.slice(index, index + length).map((t) => t.text);
  if (tokens.join(' ') === phrase) return tokens;
  const reading = scan.readings.find((r) => r.entry.phrase === phrase);
  const words = reading?.written.split(' ') ?? [];
  return words.length === length ? words : null;
}

/** The words of a question that the semantic model owns as dimension names ("market", "advertisers"). */
function dataVocabulary(question: string, ctx: ParseContext): string[] {
  return scanTerms(normalizeText(question), question, ctx.lexicon).matches.flatMap((m) =>
    m.entry.kind === 'dimension' ? [m.entry.phrase] : [],
  );
}

/** A "why" about a period compares it with the one before, so the move itself is shown. */
function withPreviousPeriod(query: MetricQuery): MetricQuery {
  if (query.compare || query.grain || query.time.kind === 'all' || query.share) return query;
  return { ...query, compare: { kind: 'previous_period' } };
}
