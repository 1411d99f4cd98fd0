import { NOT_FOUND_EITHER, nothingToGoOnMessage } from '../../domain/documents/messages.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { describeQuery } from '../../domain/parser/describe.ts';
import type { ParseContext } from '../../domain/parser/parse-question.ts';
import { scanTerms } from '../../domain/parser/scan-terms.ts';
import { normalizeText } from '../../domain/parser/text.ts';
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
  const parts = await answerFromDocuments(deps, choice.retriever, draft.question, {
    dataQuery,
    understood,
    answerId: draft.id,
    renderChart: draft.renderChart,
    audience: draft.audience,
    ...(choice.probing
      ? { strict: true, namesMetric: choice.namesMetric, dataWords: dataVocabulary(draft.question, deps) }
      : {}),
  });
  if (choice.probing && parts.status !== 'answered' && settled.status === 'clarify') {
    // The knowledge base was only a guess: the data clarification stands, or, when the parser
    // read nothing either, one message that says so without asking for a measure.
    // Saying the documents were searched too keeps "couldn't find" honest for a topic they lack.
    if (settled.understood)
      return answerOffline(deps, draft, settled, { clarifyNote: ` ${NOT_FOUND_EITHER}` });
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
  return {
    status: parts.status,
    route: choice.route,
    ...documentAnswer(parts),
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
