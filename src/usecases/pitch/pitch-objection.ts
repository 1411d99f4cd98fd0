import { workspaceAudience } from '../../domain/audience.ts';
import { quotableSentences } from '../../domain/documents/untrusted-text.ts';
import { figuresIn, guardrailViolations, untracedFigures } from '../../domain/pitch/checks.ts';
import { createFactBook, type Fact, type FactBook } from '../../domain/pitch/facts.ts';
import { quarterContaining } from '../../domain/pitch/program-fit.ts';
import { metricSql, pick, programSql, runGuarded } from './fact-queries.ts';
import type { PitchDeps } from './pitch-deps.ts';
import type { Citation } from './pitch-documents.ts';
import type { PitchMemory } from './pitch-memory.ts';
import { listWords } from './pitch-values.ts';

/** An answer to a question or objection in a pitch's thread: sentences from facts only. */
export interface ObjectionAnswer {
  id: string;
  status: 'answered' | 'clarify' | 'refused';
  sentences: string[];
  /** The pitch's facts the answer uses, and the new ones its queries returned. */
  facts: Fact[];
  sql: string[];
  citations: Citation[];
  /** Sentences a check dropped, with why (never shown). */
  dropped: { sentence: string; problems: string[] }[];
}

const STOP = new Set(
  'a an and are be but do does for from how i in is it its of on or our so that the their them they this to too we what when why will with you your'.split(
    ' ',
  ),
);
const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );

/** The pitch's own objection closest to the question, when it shares enough words with it. */
function matchingObjection(memory: PitchMemory, question: string) {
  const asked = words(question);
  let best: { score: number; item: PitchMemory['objections'][number] } | null = null;
  for (const item of memory.objections) {
    const own = words(item.objection);
    const shared = [...own].filter((w) => asked.has(w)).length;
    const score = shared / Math.max(1, Math.min(own.size, asked.size));
    if (score >= 0.5 && (!best || score > best.score)) best = { score, item };
  }
  return best?.item ?? null;
}

/** Channels the question names, by their value or an alias in the semantic model. */
function channelsNamed(deps: PitchDeps, question: string): string[] {
  const text = ` ${question.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ')} `;
  const dimension = deps.semanticModel.file.dimensions.find((d) => d.name === 'channel');
  const values = deps.semanticModel.values.get('channel') ?? [];
  return values.filter((value) => {
    const names = [value, ...(dimension?.aliases?.[value] ?? [])].map((n) => n.toLowerCase());
    return names.some((n) => text.includes(` ${n} `));
  });
}

const factLabelled = (memory: PitchMemory, label: string) => memory.facts.find((f) => f.label === label);
const factStarting = (memory: PitchMemory, prefix: string) =>
  memory.facts.find((f) => f.label.startsWith(prefix));

const METRIC_WORDS = [
  'spend',
  'ctr',
  'cvr',
  'roas',
  'campaigns',
  'rebate',
  'bonus',
  'impressions',
  'minimum',
  'gap',
];

/** The pitch's own facts on the measures a question names ("what was their CTR?"), at most three. */
function factsAskedAbout(memory: PitchMemory, question: string) {
  const asked = METRIC_WORDS.filter((w) => new RegExp(`\\b${w}\\b`, 'i').test(question));
  return memory.facts
    .filter((f) => f.sql !== null && asked.some((w) => new RegExp(`\\b${w}\\b`, 'i').test(f.label)))
    .slice(0, 3);
}

/** New facts for one channel: the brand's spend and ROAS on it this quarter (new queries). */
async function channelFacts(deps: PitchDeps, memory: PitchMemory, channel: string, book: FactBook) {
  const quarter = quarterContaining(deps.asOf);
  const filters = { brand: [memory.brand], channel: [channel] };
  const [spend, roas] = await Promise.all([
    runGuarded(deps, pick(metricSql(deps, 'spend', filters, quarter), 'spend', { zeroForNull: true })),
    runGuarded(deps, metricSql(deps, 'roas', filters, quarter)),
  ]);
  const value = (rows: unknown[][]) => (typeof rows[0]?.[0] === 'number' ? (rows[0][0] as number) : null);
  const base = book.all().length;
  return {
    quarter,
    spend: book.add(`channel.${channel}.spend`, {
      label: `${memory.brand} ${channel} spend, ${quarter.label}`,
      value: value(spend.rows),
      format: 'money',
      sql: spend.sql,
      source: `query:q${base + 1}`,
    }),
    roas: book.add(`channel.${channel}.roas`, {
      label: `${memory.brand} ${channel} ROAS, ${quarter.label}`,
      value: value(roas.rows),
      format: 'ratio',
      sql: roas.sql,
      source: `query:q${base + 2}`,
    }),
    sql: [spend.sql, roas.sql],
  };
}

async function programChannels(
  deps: PitchDeps,
  programId: string,
): Promise<{ channels: string[]; sql: string }> {
  const result = await runGuarded(deps, programSql('channels', programId));
  const channels = String(result.rows[0]?.[0] ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return { channels, sql: result.sql };
}

/** Words every question about a pitch shares with every terms document: they decide nothing. */
const GENERIC = new Set(['program', 'programs', 'spend', 'spending', 'brand', 'only', 'what', 'say', 'says']);
const stems = (text: string) =>
  new Set([...words(text)].filter((w) => !GENERIC.has(w)).map((w) => w.slice(0, 5)));

/** What the program's terms say on the question: the quotable sentence sharing most words with it. */
async function termsQuote(deps: PitchDeps, memory: PitchMemory, question: string) {
  if (!deps.retriever) return null;
  const chunks = await deps.retriever.retrieve({
    text: question,
    topK: 5,
    filters: { source_id: `${memory.program.program_id}-TERMS` },
    audience: workspaceAudience(),
  });
  const asked = stems(question);
  let best: { sentence: string; chunk: (typeof chunks)[number]; score: number } | null = null;
  for (const chunk of chunks)
    for (const sentence of quotableSentences(chunk.text)) {
      const score = [...stems(sentence)].filter((w) => asked.has(w)).length;
      if (score > 0 && (!best || score > best.score)) best = { sentence: sentence.trim(), chunk, score };
    }
  return best;
}

/**
 * Answers a reply in a pitch's thread ("they say CTV is too expensive", "what if they only spend
 * on Search?") from the pitch's facts, the program's terms and new queries on the channels it
 * names. Every sentence is checked: a figure that is not a fact's display drops the sentence.
 */
export async function answerPitchObjection(
  deps: PitchDeps,
  memory: PitchMemory,
  question: string,
): Promise<ObjectionAnswer> {
  const id = deps.newId();
  const empty = { id, facts: [], sql: [], citations: [], dropped: [] };
  const denied = guardrailViolations(question);
  if (denied.length > 0)
    return {
      ...empty,
      status: 'refused',
      sentences: [`I can't help with ${denied.join(' or ')} in a pitch.`],
    };

  const book = createFactBook();
  const used: Fact[] = [];
  const sql: string[] = [];
  const citations: Citation[] = [];
  const candidates: string[] = [];
  const program = memory.program;
  const own = matchingObjection(memory, question);
  if (own) candidates.push(own.response);

  const named = channelsNamed(deps, question);
  if (named.length > 0) {
    const terms = await programChannels(deps, program.program_id);
    sql.push(terms.sql);
    for (const channel of named.slice(0, 2)) {
      const facts = await channelFacts(deps, memory, channel, book);
      sql.push(...facts.sql);
      if (facts.spend)
        candidates.push(
          `${memory.brand} spent ${facts.spend.display} on ${channel} in ${facts.quarter.label}${facts.roas ? `, at a ROAS of ${facts.roas.display}` : ''}.`,
        );
      const overall = factLabelled(memory, `${memory.brand} ROAS, ${facts.quarter.label}`);
      if (facts.roas && overall) {
        used.push(overall);
        candidates.push(`Its ROAS over all channels was ${overall.display}.`);
      }
      candidates.push(
        terms.channels.includes(channel)
          ? `${channel} spend counts toward ${program.program_id} ${program.name}.`
          : `${channel} spend does not count toward ${program.program_id} ${program.name}, which pays only on ${listWords(terms.channels)}; spend on ${channel} alone would not qualify.`,
      );
    }
  }
  if (/\b(expensive|cost|costs|price|afford|budget)\b/i.test(question)) {
    const min = factStarting(memory, `${program.program_id} minimum quarterly spend`);
    const rebatePct = factLabelled(memory, `${program.program_id} rebate`);
    if (min) {
      used.push(min);
      candidates.push(
        `The entry point is ${min.display} a quarter${rebatePct ? `, and ${rebatePct.display} of that spend comes back as a rebate under the terms` : ''}.`,
      );
      if (rebatePct) used.push(rebatePct);
    }
  }
  if (candidates.length === 0)
    for (const fact of factsAskedAbout(memory, question)) {
      used.push(fact);
      candidates.push(`${fact.label}: ${fact.display}.`);
    }
  const quote = await termsQuote(deps, memory, question);
  if (quote) {
    for (const [i, display] of figuresIn(quote.sentence).entries())
      book.addQuoted(`doc.${i}`, {
        label: `quoted from ${quote.chunk.source}`,
        display,
        source: quote.chunk.source,
      });
    candidates.push(`The terms say: "${quote.sentence}" (source: ${quote.chunk.source})`);
    citations.push({
      title: quote.chunk.title,
      source: quote.chunk.source,
      excerpt: quote.sentence.slice(0, 300),
    });
  }

  const displays = new Set([...memory.facts, ...book.all()].map((f) => f.display));
  const dropped: ObjectionAnswer['dropped'] = [];
  const sentences = candidates.filter((sentence) => {
    const problems = [
      ...untracedFigures(sentence, displays).map((f) => `${f} is not a fact's display`),
      ...guardrailViolations(sentence),
    ];
    if (problems.length > 0) dropped.push({ sentence, problems });
    return problems.length === 0;
  });
  // Only the pitch's facts a kept sentence writes count as used.
  const facts = [...used, ...book.all()].filter(
    (f, i, all) => all.indexOf(f) === i && sentences.some((s) => s.includes(f.display)),
  );
  if (sentences.length === 0)
    return {
      ...empty,
      status: 'clarify',
      dropped,
      sentences: [
        `I answer questions about this pitch from its numbers and ${program.program_id}'s terms, for example "they say CTV is too expensive" or "what if they only spend on Search?".`,
      ],
    };
  return { id, status: 'answered', sentences, facts, sql, citations, dropped };
}
