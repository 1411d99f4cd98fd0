import { englishReadingForDocuments, looksNonEnglish, routeQuestion } from '../../domain/documents/route.ts';
import { namesMetric } from '../../domain/parser/follow-up.ts';
import { questionLanguage } from '../../domain/parser/languages.ts';
import type { Agent } from '../../ports.ts';
import type { AskDeps, LlmDeps } from './deps.ts';
import type { DocumentsChoice } from './documents-path.ts';
import type { OfflineOutcome } from './offline-path.ts';

/** Which path answers the question; the model paths carry the ports they run on. */
export type PathChoice =
  | { path: 'offline' }
  | ({ path: 'documents' } & DocumentsChoice)
  | { path: 'agent'; llm: LlmDeps; agent: Agent }
  | { path: 'model'; llm: LlmDeps };

const offline: PathChoice = { path: 'offline' };

/**
 * The offline parser goes first; when it is certain (it placed every word) no tokens are spent.
 * The route sends documents questions to the knowledge base; what remains goes to the model when
 * one is configured (a Bedrock Agent with ASK_ORCHESTRATOR=agent), or the offline engine answers.
 */
export function choosePath(deps: AskDeps, question: string, parsed: OfflineOutcome): PathChoice {
  const llm = deps.llm ?? null;
  // A figure asked for a measure the data does not hold ("brand lift in 2025") is asked back, not routed on.
  if (parsed.status === 'clarify' && parsed.unmeasured) return offline;
  // The knowledge base is in English: a question in another language is read by the parser
  // (which understands the common data words of our markets' languages) or asked back.
  const foreign = looksNonEnglish(question) || questionLanguage(question) !== 'en';
  if (foreign && !llm) return foreignDocumentsChoice(deps, question, parsed) ?? offline;
  const metricNamed = namesMetric(question, deps);
  const routed = routeQuestion(question, {
    parsedAsQuery: parsed.status === 'query',
    namesMetric: metricNamed,
    wordsLeftOver: parsed.status === 'query' && parsed.ignored.length > 0,
  });
  // A probe: the parser cannot place the question and it names no measure, so the knowledge
  // base may hold it. With a model configured, the model makes that choice (search_documents).
  // A period that cannot be is asked back: no document makes "31 feb" a date.
  const impossible = parsed.status === 'clarify' && parsed.impossiblePeriod === true;
  const probing = routed === 'probe' && !llm && !impossible;
  const route = routed === 'probe' ? (probing ? 'documents' : 'data') : routed;
  if (route !== 'data' && deps.retriever)
    return { path: 'documents', route, retriever: deps.retriever, probing, namesMetric: metricNamed };
  const certain = parsed.status === 'query' && parsed.ignored.length === 0;
  if (!llm || certain) return offline;
  return deps.agent ? { path: 'agent', llm, agent: deps.agent } : { path: 'model', llm };
}

/**
 * A question in another language that asks of the documents ("新加坡市场笔记里对零售电商有什么建议"):
 * its words read into English are searched, on strong evidence only. One the parser placed as a
 * query stays with the data.
 */
function foreignDocumentsChoice(deps: AskDeps, question: string, parsed: OfflineOutcome): PathChoice | null {
  if (!deps.retriever || parsed.status === 'query') return null;
  const reading = englishReadingForDocuments(question);
  if (!reading) return null;
  const englishReading = reading.text;
  const metricNamed = namesMetric(englishReading, deps);
  const routed = routeQuestion(englishReading, { parsedAsQuery: false, namesMetric: metricNamed });
  // A guess is checked against the question's words: one left unread cannot be checked.
  if (routed === 'data' || (routed === 'probe' && !reading.complete)) return null;
  return {
    path: 'documents',
    route: 'documents',
    retriever: deps.retriever,
    // Plainly for documents ("market note", "eligibility"), or only a guess to check strictly.
    probing: routed === 'probe',
    namesMetric: metricNamed,
    englishReading,
  };
}
