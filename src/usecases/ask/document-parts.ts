import { formatForText } from '../../domain/answer/format-value.ts';
import type { Audience } from '../../domain/audience.ts';
import type { DataReading } from '../../domain/documents/data-probe.ts';
import { heldByAny, sectionTerms } from '../../domain/documents/evidence.ts';
import {
  answerText,
  composeGroundedAnswer,
  type DataClaim,
  type GroundedAnswer,
} from '../../domain/documents/grounded-answer.ts';
import {
  type Direction,
  notFoundMessage,
  premiseCheck,
  premiseNote,
  restatePremise,
} from '../../domain/documents/messages.ts';
import { type DocumentQuestion, readDocumentQuestion } from '../../domain/documents/question.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import type { ParseContext } from '../../domain/parser/parse-question.ts';
import { scanTerms } from '../../domain/parser/scan-terms.ts';
import { levenshtein, normalizeText } from '../../domain/parser/text.ts';
import type { RetrievedChunk, Retriever } from '../../ports.ts';
import type { AskAnswer, Citation } from './answer-types.ts';
import type { AskDeps } from './deps.ts';
import { type QueryAnswerParts, runMetricQuery } from './run-metric-query.ts';

export interface DocumentAnswerParts {
  status: AskAnswer['status'];
  answer: string;
  citations: Citation[];
  grounded: GroundedAnswer;
  data: QueryAnswerParts | null;
}

/** The relative change of a one-row comparison ("spend_change"), the figure a premise is checked against. */
function changeOf(data: QueryAnswerParts): number | null {
  const at = (data.columns ?? []).findIndex((c) => c.name.endsWith('_change'));
  const rows = data.rows ?? [];
  const value = at >= 0 && rows.length === 1 ? rows[0]?.[at] : null;
  return typeof value === 'number' ? value : null;
}

/**
 * The question's units that no retrieved section meets and that a search for the word alone does
 * not find either: the corpus does not hold them at all. One small search per such unit (usually
 * none or one), through the same port, so it works for any retriever.
 */
async function wordsTheCorpusLacks(
  retriever: Retriever,
  reading: DocumentQuestion,
  chunks: RetrievedChunk[],
  audience: Audience,
): Promise<string[]> {
  const sections = chunks.map(sectionTerms);
  // A near miss of a word the sections use ("vietnm") is a typo, not a missing topic.
  const vocabulary = [...new Set(sections.flatMap((terms) => [...terms]))];
  const typo = (unit: DocumentQuestion['units'][number]) =>
    unit.text.length >= 5 &&
    vocabulary.some((t) => Math.abs(t.length - unit.text.length) <= 2 && levenshtein(t, unit.text) <= 1);
  const unmet = reading.units.filter((unit) => !heldByAny(unit, chunks) && !typo(unit));
  const found = await Promise.all(
    unmet.map(async (unit) => {
      const hits = await retriever.retrieve({ text: unit.text, topK: 3, audience });
      return heldByAny(unit, hits);
    }),
  );
  return unmet.filter((_, i) => !found[i]).map((unit) => unit.text);
}

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
    /** Probing: the question was not plainly for documents; answer only on strong evidence. */
    strict?: boolean;
    /** Words the data vocabulary owns ("market", "advertisers"): no topic for documents to cover. */
    dataWords?: string[];
    /** Who reads the answer: only documents they all may see are retrieved. */
    audience: Audience;
    /** The question names a measure (see GroundedOptions.namesMetric). */
    namesMetric?: boolean;
    /** The parser's data reading when it left words over (see GroundedOptions.dataReading). */
    dataReading?: DataReading;
  },
): Promise<DocumentAnswerParts> {
  let data: QueryAnswerParts | null = null;
  let dataClaim: DataClaim | undefined;
  let actual: Direction | null = null;
  if (options.dataQuery) {
    data = await runMetricQuery(deps, options.dataQuery, options.understood, {
      renderChart: options.renderChart,
      answerId: options.answerId,
    });
    actual = premiseCheck(question, changeOf(data));
    dataClaim = {
      // A false premise is called false before anything explains it.
      text: actual ? `${premiseNote(actual)} ${data.answer}` : data.answer,
      queryId: 'q1',
      question: options.understood,
      sql: data.sql ?? '',
      rows: data.rows ?? [],
    };
  }
  // With a false premise, the documents that explain the real move are the ones to find.
  const asked = actual ? restatePremise(question, actual) : question;
  const reading = readDocumentQuestion(asked, deps.asOf, { drop: options.dataWords ?? [] });
  // Periods as documents name them ("second half" is "H2 2025" in a brief's title).
  const periods = reading.periods.map((p) => p.label).join(' ');
  const chunks = await retriever.retrieve({
    text: `${asked} ${periods} ${options.dataQuery ? options.understood : ''}`.trim(),
    topK: 12,
    audience: options.audience,
  });
  const grounded = composeGroundedAnswer(asked, chunks, {
    asOf: deps.asOf,
    reading,
    absent: await wordsTheCorpusLacks(retriever, reading, chunks, options.audience),
    ...(dataClaim ? { dataClaim } : {}),
    extraTerms: options.dataQuery ? [options.understood] : [],
    ...(options.strict ? { strict: true } : {}),
    ...(options.namesMetric ? { namesMetric: true } : {}),
    ...(options.dataReading ? { dataReading: options.dataReading } : {}),
    mustMention: brandsNamed(asked, deps),
  });
  const documentSentences = grounded.sentences.filter(
    (s) => grounded.citations.find((c) => c.n === s.citation)?.kind === 'document',
  );
  if (documentSentences.length === 0) {
    // No document supports an answer: say so, never invent one. A data figure still stands on its own.
    const notFound = notFoundMessage(grounded.closest, grounded.unknownNames);
    const text = data
      ? `${dataClaim?.text ?? data.answer} ${notFound.replace("I couldn't", 'I could not')}`
      : notFound;
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

/** The brands and advertisers a question names, as the semantic model spells them. */
function brandsNamed(question: string, ctx: ParseContext): string[] {
  const scan = scanTerms(normalizeText(question), question, ctx.lexicon);
  // "Zentro" alone reads as Zentro Motors or Zentro Group: either way a section must say "Zentro".
  const entries = [...scan.matches.map((m) => m.entry), ...scan.ambiguous.flatMap((a) => a.options)];
  return [
    ...new Set(
      entries.flatMap((entry) =>
        entry.kind === 'value' && (entry.dimension === 'brand' || entry.dimension === 'advertiser')
          ? [entry.value]
          : [],
      ),
    ),
  ];
}
