import { normalizeText } from '../parser/text.ts';

export type Route = 'data' | 'documents' | 'both';

/** Questions about things only documents hold, whatever else they mention. */
const documentCues =
  /\b(recommend|recommendation|recommendations|brief|briefs|playbook|playbooks|guideline|guidelines|program|programs|programme|eligible|eligibility|terms|policy|policies|best practice|best practices|how should|should we|tips|advice|advise|post mortem|postmortem|lessons|what happened|claims|claim|disclaimer|disclaimers|tone|voice|rebate|rebates|bonus impressions|benchmark guidance|learned|learnings|note on|notes on|explain what|tell me about|background|rules|process|procedure|rate card|contract|contracts|guide|checklist)\b/;
/** Openings that ask about documents only when no measure is named ("what did Gaming spend" is data). */
const softDocumentCues = /\b(what do we know|what does|what did|what do|tell me about|explain what)\b/;
const whyCues =
  /\b(why|what caused|what drove|cause of|causes of|reason for|reasons for|explain|explanation|what happened to|how come|root cause)\b/;

/**
 * Data, documents, or both — deterministically. A "why" about a metric move needs the numbers
 * and the explanation; "what does the brief recommend" needs documents only; everything else
 * that parses as a metric question is data.
 */
export function routeQuestion(
  question: string,
  signals: { parsedAsQuery: boolean; namesMetric: boolean; namesPeriod?: boolean; namesDimension?: boolean },
): Route | 'documents_fallback' {
  const text = normalizeText(question);
  const why = whyCues.test(text);
  if (why && signals.namesMetric) return 'both';
  if (documentCues.test(text) || why || (softDocumentCues.test(text) && !signals.namesMetric))
    return 'documents';
  // Not a question about the numbers at all: look in the knowledge base before asking back.
  if (!signals.parsedAsQuery && !signals.namesMetric && !signals.namesPeriod && !signals.namesDimension)
    return 'documents_fallback';
  return 'data';
}

/** Mostly non-Latin letters, or clear function words of another language: Scout answers in English for now. */
export function looksNonEnglish(question: string): boolean {
  const letters = [...question].filter((ch) => /\p{L}/u.test(ch));
  if (letters.length === 0) return false;
  const latin = letters.filter((ch) => /[a-z]/i.test(ch)).length;
  if (latin / letters.length < 0.5) return true;
  const words = question.toLowerCase().split(/[^\p{L}]+/u);
  const foreign = [
    'por',
    'qué',
    'cuál',
    'cómo',
    'el',
    'los',
    'las',
    'der',
    'die',
    'das',
    'und',
    'warum',
    'pourquoi',
    'quel',
    'est',
    'le',
    'les',
    'ist',
    'wie',
    'apa',
    'yang',
    'bagaimana',
    'kenapa',
    'tại',
    'sao',
  ];
  const hits = words.filter((w) => foreign.includes(w)).length;
  return hits >= 2;
}
