import { escapeRegExp } from '../parser/text.ts';
/**
 * The pitch's checks as code. Each returns what it found; the pipeline drops a failing sentence
 * (offline) and never delivers a pitch with a failing check.
 */

export type CheckAgent = 'reviewer' | 'brand' | 'rules' | 'guardrail';

export interface CheckResult {
  agent: CheckAgent;
  passed: boolean;
  notes: string[];
}

/**
 * Figures as a reader sees them: money, percentages, counts and ratios. Digits inside a word, an
 * id or a date (`PRG-02`, `Q4`, `2025-12-31`, a `#anchor`) are not figures, nor is a bare year.
 */
const FIGURE = /(?<![\w.\-/#:])[+\-−]?\$?\d(?:[\d,]*\d)?(?:\.\d+)?(?:%|[KMB](?![A-Za-z]))?(?![\w\-/])/g;

export function figuresIn(text: string): string[] {
  const figures: string[] = [];
  for (const match of text.matchAll(FIGURE)) {
    const token = match[0];
    if (/^(19|20)\d{2}$/.test(token)) continue;
    figures.push(token);
  }
  return figures;
}

/** Figures that are not, written exactly, the display of some fact. */
export function untracedFigures(text: string, displays: ReadonlySet<string>): string[] {
  return figuresIn(text).filter((figure) => !displays.has(figure));
}

export const phrasePattern = (phrase: string) =>
  new RegExp(`(?<![\\w-])${escapeRegExp(phrase).replace(/\s+/g, '\\s+')}(?![\\w-])`, 'i');

/** A claim that must never appear, and the document that forbids it. */
export interface ForbiddenClaim {
  phrase: string;
  source: string;
}

export interface BrandRules {
  forbidden: ForbiddenClaim[];
  /** Competitors the house style forbids naming (we never compare with, or disparage, them). */
  competitors: string[];
}

export function brandViolations(text: string, rules: BrandRules): string[] {
  const found: string[] = [];
  for (const claim of rules.forbidden)
    if (phrasePattern(claim.phrase).test(text))
      found.push(`"${claim.phrase}" (forbidden by ${claim.source})`);
  for (const name of rules.competitors)
    if (phrasePattern(name).test(text)) found.push(`names the competitor ${name}`);
  return found;
}

export interface ProgramRules {
  /** Every program id and name, with whether it is eligible for this brand. */
  programs: { id: string; name: string; eligible: boolean }[];
  /** The recommended program's dates and benefits as its display strings. */
  program: { id: string; starts: string; ends: string; rebate: string | null; bonus: string | null } | null;
  /** Displays of what the brand would earn on spend that does not qualify: never stated as earned. */
  unearned: ReadonlySet<string>;
}

const PRICING =
  /\b(price|prices|pricing|priced|fee|fees|discount|discounts|rate card|cost per|CPM|CPC|CPA)\b/i;
const PROMISE = /\b(guarantee|guaranteed|guarantees|promise|promised|will definitely|certain to|no risk)\b/i;

/** Only eligible programs; no promise beyond the terms; dates within the program; no pricing not in the terms. */
export function ruleViolations(text: string, rules: ProgramRules): string[] {
  const found: string[] = [];
  for (const p of rules.programs) {
    if (p.eligible) continue;
    if (new RegExp(`\\b${p.id}\\b`, 'i').test(text) || phrasePattern(p.name).test(text))
      found.push(`names ${p.id} ${p.name}, which is not eligible`);
  }
  if (PROMISE.test(text))
    found.push(`promises an outcome ("${PROMISE.exec(text)?.[0]}"): the terms promise none`);
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/))
    if (PRICING.test(sentence) && /\$\d/.test(sentence))
      found.push(`states a price, which the program terms do not set: "${sentence.trim()}"`);
  const program = rules.program;
  if (program) {
    for (const date of text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []) {
      if (date < program.starts || date > program.ends)
        found.push(`the date ${date} lies outside ${program.id} (${program.starts} to ${program.ends})`);
    }
    for (const match of text.matchAll(/(\d+(?:\.\d+)?%)\s+(rebate|bonus)/gi)) {
      const allowed = match[2]?.toLowerCase() === 'rebate' ? program.rebate : program.bonus;
      if (match[1] !== allowed) found.push(`a ${match[1]} ${match[2]} is not what ${program.id}'s terms pay`);
    }
  }
  for (const figure of figuresIn(text))
    if (rules.unearned.has(figure)) found.push(`${figure} is stated although the spend does not qualify yet`);
  return found;
}

/** Denied topics: a pitch gives no legal or financial advice and compares with no competitor. */
const DENIED: { topic: string; pattern: RegExp }[] = [
  {
    topic: 'legal advice',
    pattern: /\b(legal advice|lawsuits?|sue|suing|litigation|legally binding|liable|liability)\b/i,
  },
  {
    topic: 'financial advice',
    pattern:
      /\b(investment advice|financial advice|buy (?:shares|stocks?)|stock tips?|you should invest|tax advice)\b/i,
  },
  {
    topic: 'competitor comparison',
    pattern:
      /\b(better|cheaper|stronger|worse|weaker) than (?:any )?(?:competitors?|rivals?|other (?:platforms|networks))\b|\bunlike (?:our )?competitors\b/i,
  },
  { topic: 'word filter', pattern: /\b(damn|crap|hell|stupid|idiot)\b/i },
];

export function guardrailViolations(text: string, competitors: readonly string[] = []): string[] {
  const found = DENIED.filter((d) => d.pattern.test(text)).map((d) => d.topic);
  const compared = competitors.some((name) =>
    new RegExp(`\\b(?:than|vs\\.?|versus|against|compared (?:to|with))\\s+${name}\\b`, 'i').test(text),
  );
  if (compared && !found.includes('competitor comparison')) found.push('competitor comparison');
  return found;
}
