import { formatForText } from '../domain/answer/format-value.ts';
import {
  answerText,
  composeGroundedAnswer,
  type DataClaim,
  type GroundedAnswer,
} from '../domain/documents/grounded-answer.ts';
import type { MetricQuery } from '../domain/metric-query.ts';
import type { Retriever } from '../ports.ts';
import type { AskAnswer, Citation } from './answer-types.ts';
import type { AskDeps } from './ask.ts';
import { type QueryAnswerParts, runMetricQuery } from './run-metric-query.ts';

export interface DocumentAnswerParts {
  status: AskAnswer['status'];
  answer: string;
  citations: Citation[];
  grounded: GroundedAnswer;
  data: QueryAnswerParts | null;
}

const notFound = (grounded: GroundedAnswer) => {
  const closest = grounded.closest.map((d) => `“${d.title}”`).join(', ');
  return `I couldn't find this in the knowledge base.${closest ? ` The closest documents are ${closest}.` : ''}`;
};

/**
 * Documents, or numbers plus documents: retrieve, compose an extractive answer whose every
 * sentence is cited and verified, and put the live figure first when the question is a "why"
 * about a metric move. Nothing is stated that a source does not support.
 */
export async function answerFromDocuments(
  deps: AskDeps,
  retriever: Retriever,
  question: string,
  options: {
    dataQuery: MetricQuery | null;
    understood: string;
    answerId: string;
    renderChart: boolean;
    minCoverage?: number;
  },
): Promise<DocumentAnswerParts> {
  let data: QueryAnswerParts | null = null;
  let dataClaim: DataClaim | undefined;
  if (options.dataQuery) {
    data = await runMetricQuery(deps, options.dataQuery, options.understood, {
      renderChart: options.renderChart,
      answerId: options.answerId,
    });
    dataClaim = {
      text: data.answer,
      queryId: 'q1',
      question: options.understood,
      sql: data.sql ?? '',
      rows: data.rows ?? [],
    };
  }
  const chunks = await retriever.retrieve({
    text: `${question} ${options.dataQuery ? options.understood : ''}`.trim(),
    topK: 8,
  });
  const grounded = composeGroundedAnswer(question, chunks, {
    ...(dataClaim ? { dataClaim } : {}),
    extraTerms: options.dataQuery ? [options.understood] : [],
    ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
  });
  const documentSentences = grounded.sentences.filter(
    (s) => grounded.citations.find((c) => c.n === s.citation)?.kind === 'document',
  );
  if (documentSentences.length === 0) {
    // No document supports an answer: say so, never invent one. A data figure still stands on its own.
    const text = data
      ? `${data.answer} ${notFound(grounded).replace("I couldn't", 'I could not')}`
      : notFound(grounded);
    return { status: data ? 'answered' : 'clarify', answer: text, citations: [], grounded, data };
  }
  const confidence = `Confidence: ${grounded.confidence} (${formatForText(grounded.confidenceScore, 'decimal')}).`;
  return {
    status: 'answered',
    answer: `${answerText(grounded)}\n${confidence}`,
    citations: grounded.citations.map((c) => ({
      title: `[${c.n}] ${c.title}`,
      source: c.source,
      excerpt: c.excerpt,
    })),
    grounded,
    data,
  };
}
