import { type MeaningUnit, meaningUnits } from '../kb/tokenize.ts';
import { escapeRegExp, normalizeText } from '../parser/text.ts';
import { findTime } from '../parser/time-expressions.ts';
import { resolvePeriod } from '../time/resolve-period.ts';

/**
 * What a document question asks for, read before any document is seen: the kind of passage that
 * answers it (a summary, a cause, advice, eligibility, or a plain look-up), the document types and
 * periods it names, and the terms that evidence must cover. Words of intent ("gist", "tips"),
 * type ("the Japan note") and period ("second half") are kept out of those terms: a section's
 * heading, its document's type and its period meet them, not its sentences.
 */

export type DocumentIntent = 'summary' | 'cause' | 'advice' | 'eligibility' | 'lookup';

export interface DateRange {
  start: string;
  end: string;
}

/** A named period as documents write it ("H2 2025"), for the search. */
export interface NamedPeriod extends DateRange {
  label: string;
}

export interface DocumentQuestion {
  intent: DocumentIntent;
  /** The question asks two things ("how do we set it up + any money back?"): each may need its own section. */
  multiPart: boolean;
  /** Document types the question names explicitly; evidence must come from one of them. */
  types: string[];
  periods: NamedPeriod[];
  /** What evidence must cover: one unit per content word or concept phrase (see meaningUnits). */
  units: MeaningUnit[];
}

/** Words naming a document type, and the type (as written in documents' front matter). */
const TYPE_WORDS: readonly [RegExp, string][] = [
  [/\b(?:market )?notes?\b/g, 'market-note'],
  [/\b(?:industry )?briefs?\b/g, 'industry-brief'],
  [/\b(?:channel )?playbooks?\b/g, 'channel-playbook'],
  [/\bpost ?mortems?\b|\bpostmortems?\b|\bincident reviews?\b/g, 'post-mortem'],
  [/\bbrand (?:guidelines?|guides?|books?|rules)\b|\bguidelines\b/g, 'brand-guidelines'],
];

/** Phrases that ask for a kind of passage rather than name a topic; the first match wins. */
const INTENT_WORDS: readonly [RegExp, DocumentIntent][] = [
  [
    /\b(?:why|how come|root cause|what caused|what drove|what made|what put|what pushed|what led to|what went wrong|what happened|reason for|reasons for|cause of|causes of|explain why|end(?:ed)? up|become|became)\b/g,
    'cause',
  ],
  [
    /\b(?:eligible|eligibility|qualify|qualifies|qualified|allowed|who can|can (?:\w+ ){1,3}(?:use|get|join|apply for|claim)|still get|still use)\b/g,
    'eligibility',
  ],
  [
    /\b(?:tips?|advice|advise|best practices?|recommend(?:ation)?s?|recommended|dos and don'?ts|do'?s|guidance|how should|what should)\b/g,
    'advice',
  ],
  [
    /\b(?:gist|tl ?;? ?dr|summary|summari[sz]e|recap|overview|highlights?|rundown|key points|takeaways?|trends?|trending|hot|notable|happening|going on|what'?s new|look(?:s|ing)?|go(?:es)?|went|doing)\b/g,
    'summary',
  ],
];

/**
 * Slack shorthand and question scaffolding: words that frame a question in any topic ("take",
 * "words", "afterwards") and so name nothing a document could lack.
 */
const CHATTER =
  /\b(?:rn|pls|plz|please|thx|thanks|asap|quick(?:ly)?|btw|fyi|anything|something|stuff|things?|info|details|any|give|show|tell|know|let|get|got|gets|much|many|really|hey|hi|whats|hows|lots?|kind|sort|ones?|take|takes|took|taken|make|makes|made|say|says|said|use|used|using|need|needs|want|wants|mean|means|words?|afterwards?|later|now|still|ever|exactly|actually|basically|tiny|little)\b/g;
/** Shorthand read as the words documents use. */
const SHORTHAND: readonly [RegExp, string][] = [
  [/\bmin\b/g, 'minimum'],
  [/\bmax\b/g, 'maximum'],
  [/\breqs?\b/g, 'requirements'],
  [/\byrs?\b/g, 'year'],
  [/\bqtrly\b/g, 'quarterly'],
  [/\bmkts?\b/g, 'market'],
  [/\bppl\b/g, 'people'],
  [/\bbanners?\b/g, 'display'],
];

/**
 * Conversational filler that names no topic a document could lack: how the asker feels about it,
 * who asked and when the answer is needed ("client call in 10 min", "3 bullets max", "good idea
 * or nah"). Read as chatter, not as words the evidence must cover.
 */
const FILLER =
  /\b(?:\d+(?:-\d+)? ?(?:min|mins|minutes|hours?)\b|\d+(?:-\d+)? bullets?(?: max(?:imum)?)?|bullets?|in a nutshell|nutshell|short version|tl ?dr|rule of thumb|good idea|bad idea|idea|nah|yeah|ok|okay|lol|wtf|hmm|crazy|insane|hype|darling|soft|feels?|feeling|heard|hear|seeing|seen|thinking|wondering|asking|asked|someone|anyone|everyone|client'?s?|clients|customer|prospect|call|meeting|pitch|deck|boss|cfo|ceo|team|guys|folks|anyway|else|kinda|sorta|pretty|super|literally|shld|b4|w|n|u|ur|im|gonna|wanna|mess|deal)\b/g;

/**
 * `drop`: words the data vocabulary owns ("market", "advertisers"), which name no topic a
 * document could be about when Scout is probing the knowledge base.
 */
export function readDocumentQuestion(
  question: string,
  asOf: string,
  options: { drop?: readonly string[] } = {},
): DocumentQuestion {
  // Halves as analysts say them, in the words the time reader knows.
  const normalized = normalizeText(question)
    .replace(/\bback half\b/g, 'second half')
    .replace(/\bfront half\b/g, 'first half')
    // A two-digit year after a period word ("back half of 25", "h1 25", "25 vs 24") is 20xx.
    .replace(
      /\b(half(?: of)?|h[12]|q[1-4]|in|of|since|vs|jan-jun|jul-dec)\s+'?(2[3-9])\b(?!\s*(?:%|k\b|m\b|min|days?))/g,
      '$1 20$2',
    )
    .replace(/\b(2[3-9])\s+vs\b/g, '20$1 vs');
  const time = findTime(normalized, asOf);
  let text = time.text;
  for (const word of options.drop ?? []) {
    text = text.replace(new RegExp(`\\b${escapeRegExp(word)}\\b`, 'g'), ' ');
  }
  const types: string[] = [];
  // Types and intents are read on the whole question: the time reader consumes "trend" too.
  for (const [pattern, type] of TYPE_WORDS) {
    if (new RegExp(pattern.source).test(normalized) && !types.includes(type)) types.push(type);
    text = text.replace(pattern, ' ');
  }
  let intent: DocumentIntent = 'lookup';
  for (const [pattern, kind] of INTENT_WORDS) {
    if (intent === 'lookup' && new RegExp(pattern.source).test(normalized)) intent = kind;
    // Every intent phrase leaves the terms, whichever intent won: "why ... recommend" asks one thing.
    if (kind !== 'eligibility') text = text.replace(pattern, ' ');
  }
  text = text.replace(CHATTER, ' ').replace(FILLER, ' ');
  for (const [pattern, word] of SHORTHAND) text = text.replace(pattern, word);
  const periods = time.periods.flatMap((p) => {
    const period = resolvePeriod(p.spec, asOf);
    return period ? [{ start: period.start, end: period.end, label: period.label }] : [];
  });
  return {
    intent,
    multiPart: MULTI_PART.test(question.toLowerCase().trim()),
    types,
    periods,
    units: meaningUnits(text),
  };
}

/** A second question joined to the first: "+", a question mark mid-message, "and does/can/when …". */
const MULTI_PART = /\s\+\s|\?\s*\S|;|\band (?:also |then )?(?:what|how|when|who|does|do|is|are|can|should)\b/;

const DAY_MS = 86_400_000;
const days = (r: DateRange) => (Date.parse(r.end) - Date.parse(r.start)) / DAY_MS + 1;

/**
 * A document is about an asked period when they mostly overlap and the document's period is not
 * much wider (a quarter for a month, a half for a quarter): the H2 2025 brief is about "the second half" and about Q3,
 * the Oct–Dec post-mortem about November, but a two-year program is not about "last month".
 */
export function coversPeriod(documentPeriod: DateRange, asked: DateRange): boolean {
  const start = documentPeriod.start > asked.start ? documentPeriod.start : asked.start;
  const end = documentPeriod.end < asked.end ? documentPeriod.end : asked.end;
  if (start > end) return false;
  const shorter = Math.min(days(documentPeriod), days(asked));
  return days({ start, end }) >= shorter / 2 && days(documentPeriod) <= 3.5 * days(asked);
}

/** "2025-07-01/2025-12-31" (chunk metadata) as a range; null when absent or malformed. */
export function parseRange(value: unknown): DateRange | null {
  if (typeof value !== 'string') return null;
  const [start = '', end = ''] = value.split('/');
  return /^\d{4}-\d{2}-\d{2}$/.test(start) && /^\d{4}-\d{2}-\d{2}$/.test(end) ? { start, end } : null;
}
