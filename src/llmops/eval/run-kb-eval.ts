import { workspaceAudience } from '../../domain/audience.ts';
import { sentenceSupported } from '../../domain/documents/grounded-answer.ts';
import type { Retriever } from '../../ports.ts';
import { type AskDeps, ask } from '../../usecases/ask/ask.ts';
import type { KbGoldenItem } from './kb-golden-set.ts';

export interface KbEvalCase {
  id: string;
  question: string;
  route: KbGoldenItem['route'];
  gotRoute: string;
  rank: number | null;
  keyFactFound: boolean;
  /** The answer cites one of the expected documents (what a reader checks first). */
  citedExpected: boolean;
  notFoundSaid: boolean;
  citations: number;
  supportedCitations: number;
  sentences: number;
  unsupportedSentences: number;
}

export interface KbEvalReport {
  total: number;
  recallAt5: number;
  mrr: number;
  citationPrecision: number;
  unsupportedClaimRate: number;
  keyFactAccuracy: number;
  /** Answerable questions whose answer cites an expected document. */
  citedExpectedRate: number;
  notFoundPrecision: number;
  notFoundRecall: number;
  cases: KbEvalCase[];
  elapsedMs: number;
}

/**
 * The document eval: retrieval (recall@5 and MRR of the expected source), citation precision
 * (cited sentences that the cited document really contains or supports), the unsupported-claim
 * rate, key facts in the answer, and "I couldn't find this" for questions the corpus cannot answer.
 */
export async function runKbEval(
  deps: AskDeps & { retriever: Retriever },
  items: KbGoldenItem[],
  documentText: (sourceId: string) => string | undefined,
): Promise<KbEvalReport> {
  const started = performance.now();
  const cases: KbEvalCase[] = [];
  for (const item of items) {
    const chunks = await deps.retriever.retrieve({
      text: item.question,
      topK: 20,
      audience: workspaceAudience(),
    });
    const sources = [...new Set(chunks.map((c) => String(c.metadata.source_id ?? c.source)))];
    const position = sources.findIndex((s) => item.expected_sources.includes(s));
    const answer = await ask(deps, item.question, { renderChart: false });
    const notFoundSaid =
      /couldn't find this in the knowledge base|could not find this in the knowledge base/i.test(
        answer.answer,
      );
    const grounding = answer.grounding;
    let supported = 0;
    let documentCitations = 0;
    let unsupportedSentences = 0;
    for (const sentence of grounding?.sentences ?? []) {
      const citation = grounding?.citations.find((c) => c.n === sentence.citation);
      if (!citation) {
        unsupportedSentences += 1;
        continue;
      }
      if (citation.kind === 'query') {
        if (!sentence.verified) unsupportedSentences += 1;
        continue;
      }
      documentCitations += 1;
      const text = documentText(citation.sourceId);
      const ok = text !== undefined && sentenceSupported(sentence.text, text);
      if (ok) supported += 1;
      else unsupportedSentences += 1;
    }
    cases.push({
      id: item.id,
      question: item.question,
      route: item.route,
      gotRoute: answer.route,
      rank: position >= 0 && item.expected_sources.length > 0 ? position + 1 : null,
      keyFactFound:
        item.key_facts.length === 0 ||
        item.key_facts.some((fact) => answer.answer.toLowerCase().includes(fact.toLowerCase())),
      citedExpected: (grounding?.citations ?? []).some(
        (c) => c.kind === 'document' && item.expected_sources.includes(c.sourceId),
      ),
      notFoundSaid,
      citations: documentCitations,
      supportedCitations: supported,
      sentences: grounding?.sentences.length ?? 0,
      unsupportedSentences,
    });
  }
  const answerable = cases.filter((c) => c.route !== 'none');
  const unanswerable = cases.filter((c) => c.route === 'none');
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const saidNotFound = cases.filter((c) => c.notFoundSaid);
  return {
    total: cases.length,
    recallAt5: ratio(answerable.filter((c) => c.rank !== null && c.rank <= 5).length, answerable.length),
    mrr: ratio(sum(answerable.map((c) => (c.rank ? 1 / c.rank : 0))), answerable.length),
    citationPrecision: ratio(sum(cases.map((c) => c.supportedCitations)), sum(cases.map((c) => c.citations))),
    unsupportedClaimRate:
      sum(cases.map((c) => c.sentences)) === 0
        ? 0
        : sum(cases.map((c) => c.unsupportedSentences)) / sum(cases.map((c) => c.sentences)),
    keyFactAccuracy: ratio(answerable.filter((c) => c.keyFactFound).length, answerable.length),
    citedExpectedRate: ratio(answerable.filter((c) => c.citedExpected).length, answerable.length),
    notFoundPrecision: ratio(saidNotFound.filter((c) => c.route === 'none').length, saidNotFound.length),
    notFoundRecall: ratio(unanswerable.filter((c) => c.notFoundSaid).length, unanswerable.length),
    cases,
    elapsedMs: performance.now() - started,
  };
}
