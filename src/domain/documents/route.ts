import { translateQuestion } from '../parser/languages.ts';
import { normalizeText } from '../parser/text.ts';

export type Route = 'data' | 'documents' | 'both';

/** Questions about things only documents hold, whatever else they mention. */
const documentCues =
  /\b(recommend|recommendation|recommendations|brief|briefs|playbook|playbooks|guideline|guidelines|program|programs|programme|eligible|eligibility|terms|policy|policies|best practice|best practices|how should|should we|tips|advice|advise|post mortem|postmortem|lessons|what happened|claims|claim|disclaimer|disclaimers|tone|voice|rebate|rebates|cashback|cash back|money back|bonus impressions|benchmark guidance|learned|learnings|note on|notes on|market note|the \w+ note|rules|rule|process|procedure|rate card|contract|contracts|guide|checklist|what went wrong|approval|approvals|requirement|requirements|criteria|qualify|qualifies|qualification|payout|payouts|stacking|stackable|stack with|combinable|combine|incentive|incentives|starter credit|credit cap|cap per|capped|caps|booster|boosters|festive pack|count toward|counts toward|count towards|counts towards|sign off|signoff|pitch deck|risk free|ok to call|ok to say|allowed to say|can we say|can we call|wording)\b/;
/**
 * Words that ask for the answer's form rather than name what only documents hold: "gist of the
 * Japan note" is documents, but "quick summary of spend by channel in 2025" is a data question
 * the parser placed entirely, and its numbers come from the data.
 */
const presentationCues =
  /\b(explain what|tell me about|background|gist|tl ?;? ?dr|summary|summarise|summarize|recap|rundown|takeaways)\b/;
/**
 * A document named by its kind or cited as a source ("the Q3 retail report", "per our auto
 * writeup", "the starfall case study", "according to the Japan note"): the question is about what
 * that document says, whatever measure it names. "Report" alone is also a data word ("a spend
 * report by channel"), so it counts only where it is cited: in/from/per the … report, or the …
 * report said/showed.
 */
const documentReferences = [
  /\b(write ?ups?|case stud(?:y|ies)|benchmark stud(?:y|ies)|memos?|white ?papers?|one pagers?|retros?|retrospectives?|incident reviews?|deep dives?)\b/,
  /\b(?:according to|as per|per|based on|citing) (?:the|our|that|this|your)\b/,
  /\b(?:in|from|per|of) (?:the|our|that|this|your) (?:[^\s]+ ){0,4}(?:report|deck|analysis)\b/,
  /\b(?:the|our|that|this|your) (?:[^\s]+ ){0,4}(?:doc|docs|document|documents)\b/,
  /\b(?:the|our|that|this|your) (?:[^\s]+ ){0,4}(?:report|doc|document|analysis|note|brief|playbook|post mortem) (?:say|says|said|show|shows|showed|shown|quote|quotes|quoted|mention|mentions|mentioned|recommend|recommends|recommended|report|reports|reported|find|finds|found|note|notes|noted|conclude|concludes|concluded|cite|cites|cited|put|puts|give|gives|gave|list|lists|listed|claim|claims|claimed)\b/,
];

/**
 * Openings and words that ask about documents only when no measure is named: "what did Gaming
 * spend" and "CTR trend by month" are data, "what's trending in Vietnam" is the market note.
 */
const softDocumentCues =
  /\b(what do we know|what does|what did|what do|tell me about|explain what|trends|trending|what'?s hot|hot in|notable|happening|going on|what'?s new|overview|highlights)\b/;
/** A question about a cause: "why", and the ways analysts say it without the word. */
const whyCues =
  /\b(why|what caused|what drove|what made|what put|what pushed|what led to|what'?s behind|what was behind|what is behind|what'?s driving|cause of|causes of|reason for|reasons for|explain|explanation|what happened to|how come|root cause|end(?:ed)? up)\b/;

/**
 * A ranking or breakdown ("which creative had the best CTR", "top 5 brands", "spend by format"):
 * documents do not rank the data's groups, so such a question stays with the data even when the
 * parser cannot place all of it (it then asks back, naming the word).
 */
const rankingShape = [
  /\b(?:which|what|who)\b(?: \S+){0,3}? (?:had|has|have|got|gets|was|were|is|are|did|does|drove|delivered|spent|earned|generated|performed|saw|added|gained|grew|lost|dropped|cut|increased|decreased|improved)(?: the)? (?:best|worst|highest|lowest|most|least|top|biggest|largest|smallest|cheapest|strongest|weakest|fewest|fastest)\b/,
  /\b(?:which|what|who)\b(?: \S+){0,3}? (?:grew|dropped|declined|fell|rose|increased|decreased|improved|slipped)\b(?: \S+){0,3}? (?:fastest|most|least|slowest)\b/,
  /\b(?:top|bottom) \d+\b/,
  /\brank(?:ed|ing|s)?\b/,
  /\b(?:by|per|each) (?:\S+ )?(?:markets?|channels?|industr(?:y|ies)|devices?|brands?|campaigns?|creatives?|formats?|placements?|ads?|months?|weeks?|days?|quarters?)\b/,
];

/**
 * Data, documents, or both — deterministically. A "why" about a metric move needs the numbers
 * and the explanation; "what does the brief recommend" needs documents only; a question the
 * parser cannot place and that names no measure, or one it placed only in part, is a `probe`: the knowledge base answers it only
 * on strong evidence, else the data clarification stands. Everything else is data.
 */
export function routeQuestion(
  question: string,
  signals: {
    parsedAsQuery: boolean;
    namesMetric: boolean;
    /** The parser placed a query but left words of the question unplaced. */
    wordsLeftOver?: boolean;
  },
): Route | 'probe' {
  // "in % terms", "in dollar terms" is how a change is measured, not a program's terms.
  const text = normalizeText(question).replace(/\bin (?:\S+ )?terms\b/g, ' ');
  const why = whyCues.test(text);
  if (why && signals.namesMetric) return 'both';
  // A measure the parser placed in a query: the form words do not make it a document question
  // (with words left over, the probe below decides).
  const presentation = presentationCues.test(text) && !(signals.parsedAsQuery && signals.namesMetric);
  const cited = documentReferences.some((pattern) => pattern.test(text));
  if (
    documentCues.test(text) ||
    cited ||
    presentation ||
    why ||
    (softDocumentCues.test(text) && !signals.namesMetric)
  )
    return 'documents';
  // The parser could not place it: the knowledge base may hold it (a measure named in a question
  // about a launch or a brief), unless it is shaped as a ranking of the data.
  if (!signals.parsedAsQuery && !(signals.namesMetric && rankingShape.some((p) => p.test(text))))
    return 'probe';
  // "min spend for the display reactivation offer": the parser kept "spend for Display" and left
  // the program's name over; a document titled with those words is the better reading.
  // A breakdown or ranking of a measure ("jp ctv spend by quarter across both years") stays with
  // the data even with words left over: it asks back about them, no document ranks the data.
  const ranking = signals.namesMetric && rankingShape.some((p) => p.test(text));
  if (signals.parsedAsQuery && signals.wordsLeftOver && !ranking) return 'probe';
  return 'data';
}

/**
 * Slack shorthand written with punctuation ("tl;dr") as one word, so that a semicolon in it is
 * not read as a statement separator (SQL) by the parser.
 */
export function withPlainShorthand(question: string): string {
  return question.replace(/\btl\s*;\s*dr\b/gi, 'tldr');
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

/**
 * The English words of a question asked in another language, for searching the (English)
 * documents: the phrases the translation read, the Latin words written as they are (program
 * codes, names); `complete` says whether every foreign word was read. Null when fewer than two
 * words were read.
 */
export function englishReadingForDocuments(question: string): { text: string; complete: boolean } | null {
  const translation = translateQuestion(question);
  const reading = translation.text
    .replace(/[^\p{Script=Latin}\p{N}\s&%\-.']+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return reading.split(' ').length >= 2
    ? { text: reading, complete: translation.untranslated.length === 0 }
    : null;
}
