import { escapeRegExp } from '../parser/text.ts';
import { splitSentences } from './sentences.ts';

/**
 * Document text is data. A sentence of a document that speaks to whoever processes the text — an
 * assistant, a model, a bot, "the system" — instead of to a human reader, or that carries what an
 * attacker needs (a link to somewhere else, a request for a secret, hidden or encoded text), is
 * untrusted: it is never quoted as evidence, never indexed, and never shown to a model. The rules
 * look for the shape of an instruction aimed at a machine, not for one known sentence, and they
 * run over a normalised form of the text, so zero-width characters, look-alike letters and
 * letter-spacing do not hide a phrase. Pure code; every regular expression runs over one
 * sentence or one passage of a chunk, both bounded by the chunker.
 */

export type UntrustedReason =
  | 'addresses-assistant'
  | 'overrides-instructions'
  | 'directs-processing'
  | 'impersonates-authority'
  | 'role-tag'
  | 'breaks-delimiters'
  | 'hidden-markup'
  | 'obfuscated'
  | 'encoded-blob'
  | 'foreign-link'
  | 'asks-for-secrets'
  | 'asks-to-visit'
  | 'exfiltrates';

export interface ScreenOptions {
  /**
   * The document's own declared sources (its citation, e.g. `data/kb/programs/prg-02.md`, or a
   * URL its front matter names): a link to one of these is not foreign. Everything else is.
   */
  declaredSources?: readonly string[];
}

export interface FlaggedText {
  text: string;
  reasons: UntrustedReason[];
}

export interface ScreenedPassage {
  /** Sentences that may be quoted, in order. */
  quotable: string[];
  /** Sentences and hidden regions that may not, with why. */
  flagged: FlaggedText[];
}

// ---------------------------------------------------------------------------------------------
// Normalisation: what a sentence says once its disguises are taken off.

/** Invisible characters: zero-width, bidirectional controls, soft hyphen, Unicode tag letters. */
const INVISIBLE =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

/** Cyrillic and Greek letters that look like Latin ones. */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ո: 'n',
  ս: 'u',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ү: 'y',
  ɑ: 'a',
  ı: 'i',
  ℓ: 'l',
};
const CONFUSABLE_CLASS = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

/** One word written in two alphabets ("ignоre" with a Cyrillic o) is a disguise, never a typo. */
const MIXED_SCRIPT = /(?=\S*\p{Script=Latin})(?=\S*[\p{Script=Cyrillic}\p{Script=Greek}])\S+/u;
/** "i g n o r e" or "i.g.n.o.r.e": four or more single letters joined by one separator. */
const LETTER_SPACED = /\b(?:\p{L}[ .\-_*·]){3,}\p{L}\b/gu;

export interface Forms {
  /** Lower case, NFKC, invisible characters removed, look-alikes mapped to Latin. */
  plain: string;
  /** `plain` with letter-spacing closed up and digits-for-letters read as letters. */
  decoded: string;
  disguised: boolean;
}

export function formsOf(text: string): Forms {
  const invisible = text.search(INVISIBLE) >= 0;
  const nfkc = text.normalize('NFKC').replace(INVISIBLE, '');
  const mixed = MIXED_SCRIPT.test(nfkc);
  const plain = nfkc.toLowerCase().replace(CONFUSABLE_CLASS, (c) => CONFUSABLES[c] ?? c);
  let spaced = false;
  const closed = plain.replace(LETTER_SPACED, (run) => {
    const word = run.replace(/[ .\-_*·]/g, '');
    // Eight letters spelt out one by one is no abbreviation ("U.S."): it hides a phrase.
    if (word.length >= 8) spaced = true;
    return word;
  });
  // Digits stand for letters only inside words that also hold letters ("1gn0re", not "Q3 2025").
  const decoded = closed.replace(/\b(?=[a-z0-9@$]*[a-z])(?=[a-z0-9@$]*[013457@$])[a-z0-9@$]{4,}\b/g, (word) =>
    word.replace(/[013457@$]/g, (c) => LEET[c] ?? c),
  );
  return { plain, decoded, disguised: invisible || mixed || spaced };
}

// ---------------------------------------------------------------------------------------------
// The rules. Each is a shape of speech aimed at a machine; the corpus's own advice to people
// ("Refresh creatives every two weeks", "Contact your account manager") matches none of them.

const MACHINE =
  '(?:ai|a\\.i\\.|assistants?|ai assistants?|models?|language models?|large language models?|llms?|bots?|chat ?bots?|agents?|ai agents?|gpts?|chatgpt|claude|copilots?|scout)';
const PROCESSING_VERB =
  '(?:read(?:s|ing)?|process(?:es|ing)?|summari[sz](?:e|es|ing)|pars(?:e|es|ing)|ingest(?:s|ing)?|index(?:es|ing)?|analy[sz](?:e|es|ing)|retriev(?:e|es|ing)|scan(?:s|ning)?|handl(?:e|es|ing))';
const TEXT_ITSELF =
  '(?:this|these|the)\\s+(?:document|text|page|file|passage|note|section|content|article|material|brief|excerpt|chunk|data)s?';
const SECRET =
  '(?:passwords?|passcodes?|passphrases?|pin codes?|api[ -]?keys?|access[ -]?keys?|secret[ -]?keys?|secrets?|tokens?|credentials?|private[ -]keys?|session cookies?|cookies|one[- ]time (?:codes?|passwords?)|otp|(?:2fa|mfa|sms|verification|security) codes?|ssh keys?|aws_\\w+|environment variables?|env vars?|\\.env|bearer|login details|sign[- ]in details|card numbers?|cvv)';
const ASK_VERB =
  '(?:share|send|provide|enter|paste|give|reveal|disclose|include|print|output|list|show|tell|confirm|type|submit|reply with|post|email|dm|forward|collect|request|ask (?:the user|users|them|people|the reader) for|ask for|verify|re-?enter|update)';

interface Rule {
  reason: UntrustedReason;
  pattern: RegExp;
}

const rule = (reason: UntrustedReason, source: string): Rule => ({
  reason,
  pattern: new RegExp(source, 'u'),
});

const RULES: Rule[] = [
  // Speaking to the machine.
  rule(
    'addresses-assistant',
    `\\b(?:note|message|instructions?|reminder|notice|memo|attention|warning|directive|request)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+|every\\s+)?${MACHINE}\\b`,
  ),
  rule(
    'addresses-assistant',
    `(?:^|[\\s"'(\\[])(?:dear|hey|hello|hi|attention|attn|psst|ok|okay)\\s*,?\\s+${MACHINE}\\b`,
  ),
  rule(
    'addresses-assistant',
    `\\b(?:if|when|while|since)\\s+you\\s+(?:are|'re)\\s+(?:an?\\s+|the\\s+)?(?:ai|assistant|language model|large language model|llm|bot|chatbot|automated|model|machine|agent|scout)\\b`,
  ),
  rule(
    'addresses-assistant',
    `\\byou\\s+(?:are|'re)\\s+(?:now\\s+)?(?:an?\\s+|the\\s+)?(?:helpful\\s+)?${MACHINE}\\b`,
  ),
  rule(
    'addresses-assistant',
    '\\bas an? (?:ai|language model|large language model|llm|assistant|chatbot)\\b',
  ),
  rule(
    'addresses-assistant',
    `\\b(?:ai|llm|gpt|language model|automated|machine)\\s*(?:-\\s*)?(?:assistants?|systems?|agents?|models?|readers?|tools?|crawlers?|summari[sz]ers?)\\b.{0,50}\\b(?:${PROCESSING_VERB}|must|should|shall|are instructed|are required|will)\\b`,
  ),
  rule(
    'addresses-assistant',
    `\\b(?:whoever|anyone|anything|any (?:system|tool|program|reader)|the (?:system|reader|tool|program))\\s+(?:that\\s+|who\\s+|is\\s+)?${PROCESSING_VERB}\\s+(?:this|these|it)\\b`,
  ),
  rule(
    'addresses-assistant',
    `\\b${TEXT_ITSELF}\\s+(?:is\\s+)?(?:for|addressed to|intended for|meant for)\\s+(?:the\\s+)?${MACHINE}\\b`,
  ),
  rule('addresses-assistant', `^\\s*(?:to|for)\\s+(?:the\\s+)?${MACHINE}\\s*[:,-]`),

  // Overriding what the machine was told.
  rule(
    'overrides-instructions',
    "\\b(?:ignore|disregard|forget|override|overrule|bypass|discard|abandon|set aside|(?:do not|don't|stop) (?:follow|obey)(?:ing)?)\\b.{0,40}\\b(?:instructions?|prompts?|rules|guidelines|directives|guardrails|polic(?:y|ies)|constraints|programming|training|system message|(?:the |all |everything )?(?:above|previous|prior|earlier|preceding))\\b",
  ),
  rule(
    'overrides-instructions',
    '\\b(?:new|updated|real|actual|true|revised|secret|hidden|special|additional|overriding)\\s+(?:instructions?|directives?|system prompts?|orders|rules for (?:you|the (?:ai|assistant|model)))\\b',
  ),
  rule(
    'overrides-instructions',
    "\\bfrom now on\\b|\\bhenceforth\\b|\\byou (?:are|'re) (?:now|no longer)\\b",
  ),
  rule(
    'overrides-instructions',
    '\\b(?:pretend|imagine|roleplay|role-play)\\s+(?:to be|you are|that you|as)\\b|\\bact as (?:if|though) you\\b',
  ),
  rule(
    'overrides-instructions',
    '\\b(?:developer|god|jailbreak|dan|debug|admin|maintenance|unrestricted|sudo|unfiltered) mode\\b|\\bjailbr(?:ea|o)k',
  ),
  rule(
    'overrides-instructions',
    '\\bsystem prompt\\b|\\b(?:your|the) (?:initial|original|hidden|previous|system|developer) (?:instructions|prompt|message)\\b',
  ),
  rule(
    'overrides-instructions',
    '\\bignor(?:ez|a|e|iere|ieren)\\s+(?:toutes\\s+|todas\\s+|alle\\s+)?(?:les\\s+|las\\s+|die\\s+)?(?:instructions|instrucciones|anweisungen|vorherigen)|忽略.{0,6}(?:指令|指示|说明|說明)|指示を無視|무시하',
  ),

  // Telling the machine what to do with the text or the answer.
  rule(
    'directs-processing',
    `\\b(?:when|if|while|whenever|before|after|once)\\s+(?:you\\s+)?(?:are\\s+)?(?:\\w+\\s+)?(?:summari[sz]\\w*|answer\\w*|respond\\w*|repl\\w*|quot\\w*|cit\\w*|process\\w*|read\\w*|pars\\w*|us(?:e|ing))\\s+(?:${TEXT_ITSELF}|(?:this|it)\\s*[,:;-])`,
  ),
  rule(
    'directs-processing',
    '\\b(?:in|into|at the (?:start|end|top|bottom|beginning) of|to)\\s+(?:your|every|each|any|all)\\s+(?:answers?|responses?|replies|reply|summar(?:y|ies)|outputs?|completions?|messages?)\\b',
  ),
  rule(
    'directs-processing',
    '\\b(?:respond|reply|answer|output|print|return)\\s+(?:only|just|exactly|verbatim|solely)\\b|\\b(?:only|always|just)\\s+(?:respond|reply|answer|output)\\s+(?:with|that|by)\\b',
  ),
  rule(
    'directs-processing',
    '\\b(?:tell|inform|instruct|advise|remind|warn|direct|urge|notify)\\s+(?:the\\s+|every\\s+|all\\s+|any\\s+)?(?:users?|readers?|askers?|the person asking|whoever asks)\\b|\\b(?:the|every|all|any)\\s+users?\\s+(?:must|should|needs? to|has to|have to)\\b',
  ),
  rule(
    'directs-processing',
    '\\brepeat (?:after me|the following|this)\\b|\\b(?:output|print|echo|say|write) the following\\b',
  ),
  rule(
    'directs-processing',
    "\\b(?:do not|don't|never)\\s+(?:mention|reveal|disclose|cite|say|tell|show)\\b.{0,30}\\b(?:this (?:note|instruction|message|text)|these instructions|the user|the source|that you)\\b",
  ),

  // Claiming an authority a document does not have.
  rule(
    'impersonates-authority',
    '\\b(?:message|notice|instructions?|update|order|directive)s?\\s+from\\s+(?:the\\s+)?(?:scout|system|administrators?|admins?|developers?|openai|anthropic|aws|amazon|bedrock|it department|security team|operators?)\\b',
  ),
  rule(
    'impersonates-authority',
    '\\b(?:official|mandatory|urgent)\\s+(?:security\\s+|system\\s+)?(?:notice|update|instructions?|message|directive)\\b',
  ),

  // Chat-format markers and tags.
  rule(
    'role-tag',
    '^\\s*[\\[<(*_#]*\\s*(?:system|assistant|user|developer|human|ai|bot|instructions?|sys|inst|prompt)\\s*[\\]>)*_]*\\s*:',
  ),
  rule(
    'role-tag',
    '<\\|?\\s*(?:im_start|im_end|system|endoftext|eot_id|start_header_id|end_header_id|user|assistant)\\s*\\|?>|\\[/?(?:inst|sys|system)\\]|<</?sys>>|</?\\s*(?:system|assistant|user|instructions?|prompt|human|developer)\\s*>',
  ),
  rule(
    'breaks-delimiters',
    '\\b(?:end|close|closing) of (?:the )?(?:document|context|data|excerpt|input|instructions|search results?|retrieved (?:text|content))\\b|</?\\s*(?:document|documents|excerpt|context|data|search_results?|result|tool_result|function_results?)\\b[^>]*>',
  ),

  // Encoded payloads.
  rule('encoded-blob', '\\b(?:base64|base-64|rot-?13|hex-?encoded|url-?encoded)\\b'),
  rule(
    'encoded-blob',
    '\\b(?:decode|decrypt|deobfuscate|unscramble|reverse)\\s+(?:the following|this|it|and (?:follow|execute|run|obey))\\b',
  ),

  // Secrets, visits, exfiltration.
  rule('asks-for-secrets', `\\b${ASK_VERB}\\b.{0,60}\\b${SECRET}\\b`),
  rule(
    'asks-for-secrets',
    `\\b${SECRET}\\b.{0,40}\\b(?:to|with|via|here|below|in (?:the|your) (?:reply|answer|chat))\\b.{0,40}\\b(?:send|share|reply|post|email|paste|submit)\\b`,
  ),
  rule(
    'asks-to-visit',
    '\\b(?:visit|go to|head to|navigate to|open|click|tap|follow|use)\\s+(?:this|the|our|the following|the link|on)?\\s*(?:link|url|page|site|website|portal|form|button)s?\\b|\\bclick (?:here|this|the link|below|on the link)\\b',
  ),
  rule(
    'asks-to-visit',
    '\\b(?:log|sign)\\s*-?\\s*(?:in|on|into)\\s+(?:at|to|on|via|with|using|here|through)\\b',
  ),
  rule(
    'asks-to-visit',
    "\\b(?:verify|confirm|validate|update|unlock|reactivate|re-?authenticate|restore)\\s+(?:your|their|the user's)\\s+(?:account|identity|login|credentials|password|payment|billing|details|access)\\b|\\b(?:account|access|session)s?\\s+(?:has been|have been|will be|is|are)\\s+(?:suspended|locked|disabled|expired|deactivated|compromised)\\b",
  ),
  rule(
    'exfiltrates',
    '\\b(?:send|forward|post|upload|email|leak|copy|transmit)\\s+(?:the|this|all|your|every|any)\\s+(?:conversation|chat|history|questions?|answers?|messages?|data|context|prompt|results?)\\b.{0,40}\\b(?:to|at)\\b',
  ),
];

/** A link: Markdown `[x](y)` or `![x](y)`, `<scheme:…>`, a bare URL, `www.…`, a bare domain with a path, or an email address. */
const LINK =
  /!?\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)|<((?:https?|ftp|mailto|javascript|data):[^>]+)>|\b((?:https?|ftp|javascript|data|file):\/?\/?[^\s)<>"']+)|\b(www\.[^\s)<>"']+)|\b([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|co|ai|app|info|biz|xyz|ru|cn|tk|top|me|ly|link|site|online|dev|page|support|help|login|click|zip)(?:\/[^\s)<>"']*)?)\b|\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\b/giu;
/** A reference-style link definition: `[label]: target` on its own line (also the `[//]: #` comment trick). */
const LINK_DEFINITION = /^\s*\[[^\]]+\]:\s*\S+/u;
/** Base64 or hex long enough to hold a sentence. */
const BLOB = /[A-Za-z0-9+/]{24,}={0,2}|\b[0-9a-f]{32,}\b/u;

/** A link target stays inside the document's own sources (a relative path in the knowledge base is one). */
function linkIsDeclared(target: string, declared: readonly string[]): boolean {
  const bare = target.trim().replace(/^<|>$/g, '');
  if (bare === '' || bare.startsWith('#')) return true;
  const external =
    /^[a-z][a-z0-9+.-]*:/i.test(bare) || bare.startsWith('//') || /^www\./i.test(bare) || bare.includes('@');
  const domainLike = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/|$)/i.test(bare);
  if (!external && !domainLike) return declared.length === 0 || declared.some((d) => !/^[a-z]+:/i.test(d));
  return declared.some(
    (d) =>
      d !== '' && (bare === d || bare.startsWith(d.endsWith('/') ? d : `${d}/`) || bare.startsWith(`${d}#`)),
  );
}

function foreignLink(text: string, declared: readonly string[]): boolean {
  if (LINK_DEFINITION.test(text)) return true;
  for (const match of text.matchAll(LINK)) {
    const target = match.slice(1).find((group) => group !== undefined) ?? '';
    if (!linkIsDeclared(target, declared)) return true;
  }
  return false;
}

/** A blob is encoded only if it mixes cases and digits (a long plain word or a campaign id does not). */
function holdsBlob(text: string): boolean {
  const match = BLOB.exec(text)?.[0] ?? '';
  if (match === '') return false;
  if (/^[0-9a-f]+$/i.test(match) && match.length >= 32) return true;
  return /[a-z]/.test(match) && /[A-Z]/.test(match) && /\d/.test(match);
}

/** Raw HTML tags (documents are Markdown or extracted text; a tag in prose hides or styles something). */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&#x?[0-9a-f]+;/iu;

/** Why a sentence (or other unit) of a document may not be quoted or passed on; empty when it may. */
export function classifySentence(text: string, options: ScreenOptions = {}): UntrustedReason[] {
  const reasons = new Set<UntrustedReason>();
  const forms = formsOf(text);
  if (forms.disguised) reasons.add('obfuscated');
  for (const { reason, pattern } of RULES) {
    if (pattern.test(forms.plain)) reasons.add(reason);
    else if (pattern.test(forms.decoded)) {
      reasons.add(reason);
      reasons.add('obfuscated');
    }
  }
  if (foreignLink(text.normalize('NFKC').replace(INVISIBLE, ''), options.declaredSources ?? []))
    reasons.add('foreign-link');
  if (holdsBlob(text)) reasons.add('encoded-blob');
  if (HTML_TAG.test(text)) reasons.add('hidden-markup');
  return [...reasons];
}

// ---------------------------------------------------------------------------------------------
// Passages.

/**
 * Regions a reader of the rendered document never sees, or that open a chat turn: HTML comments
 * (closed or not), raw HTML elements, and fenced blocks whose info string names a role. They are
 * flagged whole, and any sentence they sit in goes with them.
 */
const HIDDEN_REGIONS =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|template|noscript|iframe|object|svg|div|span|p|font|details|aside|section|meta|input)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|(?<=^|\n) {0,3}(`{3,}|~{3,})[ \t]*(?:system|assistant|user|prompt|instructions?|developer|chatml|inst)\b[^\n]*\n[\s\S]*?(?:\n {0,3}\2[ \t]*(?=\n|$)|$)/giu;

/** Stands in for a hidden region while the text is split, so the sentence around it is flagged too. */
const HIDDEN_MARK = '\u2063hidden-region\u2063';

/** Splits a passage into sentences and says which may be quoted. Clean text splits exactly as `splitSentences`. */
export function screenPassage(text: string, options: ScreenOptions = {}): ScreenedPassage {
  const flagged: FlaggedText[] = [];
  const masked = text
    .replace(HIDDEN_REGIONS, (region, ...rest) => {
      const reasons = new Set<UntrustedReason>(['hidden-markup', ...classifySentence(region, options)]);
      flagged.push({ text: region, reasons: [...reasons] });
      // A region on lines of its own is a paragraph of its own; one inside a sentence takes the sentence with it.
      const offset = rest.find((r) => typeof r === 'number') as number;
      const ownLine = offset === 0 || text[offset - 1] === '\n';
      return ownLine ? `\n\n${HIDDEN_MARK}\n\n` : HIDDEN_MARK;
    })
    .split('\n')
    // A flagged line is a paragraph of its own, so it does not take the clean lines around it along.
    // Clean text has no such line and splits exactly as before.
    .map((line) => (classifySentence(line.trim(), options).length > 0 ? `\n${line}\n` : line))
    .join('\n');
  const quotable: string[] = [];
  for (const sentence of splitSentences(masked)) {
    if (sentence.includes(HIDDEN_MARK)) {
      const rest = sentence.replaceAll(HIDDEN_MARK, ' ').trim();
      if (rest !== '')
        flagged.push({ text: rest, reasons: ['hidden-markup', ...classifySentence(rest, options)] });
      continue;
    }
    const reasons = classifySentence(sentence, options);
    if (reasons.length > 0) flagged.push({ text: sentence, reasons });
    else quotable.push(sentence);
  }
  // A line that never became a sentence (a heading, a short line, a link definition) can still carry a payload.
  for (const line of masked.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.includes(HIDDEN_MARK)) continue;
    if (splitSentences(trimmed).length > 0 && !/^#+\s/.test(trimmed)) continue;
    const reasons = classifySentence(trimmed.replace(/^#+\s*/, ''), options);
    if (reasons.length > 0) flagged.push({ text: trimmed, reasons });
  }
  return { quotable, flagged };
}

/** The sentences of a passage that may be quoted as evidence. */
export function quotableSentences(text: string, options: ScreenOptions = {}): string[] {
  return screenPassage(text, options).quotable;
}

/**
 * The passage with every flagged unit cut out and the rest exactly as written: what is indexed,
 * what a model may read, what a model's answer is checked against. Unchanged when nothing is flagged.
 */
export function trustedPassage(
  text: string,
  options: ScreenOptions = {},
): { text: string; withheld: number } {
  const { flagged, quotable } = screenPassage(text, options);
  if (flagged.length === 0) return { text, withheld: 0 };
  let out = text.replace(HIDDEN_REGIONS, ' ');
  for (const unit of flagged) {
    if (out.includes(unit.text)) {
      out = out.replace(unit.text, ' ');
      continue;
    }
    // Sentences are split with whitespace (and table pipes) collapsed: find them the same way.
    const words = unit.text
      .split(/\s+/)
      .filter((w) => w !== '')
      .map(escapeRegExp);
    const loose = words.length > 0 ? new RegExp(words.join('[\\s|]+'), 'u') : null;
    if (loose?.test(out)) out = out.replace(loose, ' ');
    else return { text: quotable.join('\n'), withheld: flagged.length };
  }
  // Belt and braces: whatever is left must screen clean, or only the quotable sentences are kept.
  const again = screenPassage(out, options);
  if (again.flagged.length > 0) return { text: quotable.join('\n'), withheld: flagged.length };
  return { text: out, withheld: flagged.length };
}
