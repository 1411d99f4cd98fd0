import type { MetricQuery, MetricQueryInput, TimeSpec } from '../metric-query.ts';
import { metricQuerySchema } from '../metric-query.ts';
import type { MetricDef, TimeGrain } from '../semantic/model-schema.ts';
import type { SemanticModel } from '../semantic/semantic-model.ts';
import { daysBetweenInclusive, formatDay } from '../time/calendar.ts';
import { comparisonPeriod, resolvePeriod } from '../time/resolve-period.ts';
import { readCampaignsAndTime } from './campaigns-and-time.ts';
import { describeQuery } from './describe.ts';
import { translateQuestion } from './languages.ts';
import { type Lexicon, type LexiconEntry, valuesOf } from './lexicon.ts';
import {
  type ChangeCue,
  type Cue,
  findAverageCue,
  findCampaigns,
  findChangeCue,
  findExclusionCues,
  findPeriodObject,
} from './modifiers.ts';
import { type ScanResult, scanTerms, type TermMatch } from './scan-terms.ts';
import { blank, closest, normalizeQuestion } from './text.ts';
import { type FoundPeriod, followingPeriod } from './time-expressions.ts';
import { readTimeTypos } from './time-typos.ts';
import { findOthersData, findUnmeasured } from './unmeasured-terms.ts';

export type ParseOutcome =
  | {
      status: 'query';
      query: MetricQuery;
      understood: string;
      /**
       * Words the parser could not place and that are not on the closed filler list. None means the
       * parse is certain; otherwise the offline engine must not answer alone (see `certainOrClarify`).
       */
      ignored: string[];
      /** Shorthand and typos read as known terms, said with the answer: 'read "trvl" as Travel & Hospitality'. */
      readings: string[];
    }
  | {
      status: 'clarify';
      understood: string;
      missing: string;
      suggestions: string[];
      /** A data request for a measure the data does not hold: no other route may answer it instead. */
      unmeasured?: string;
      /** The period named cannot be ("31 feb", "Q5"): a guess from the documents would not fix it. */
      impossiblePeriod?: true;
    }
  | { status: 'refused'; reason: string };

export interface ParseContext {
  semanticModel: SemanticModel;
  lexicon: Lexicon;
  asOf: string;
}

export const maxQuestionLength = 500;

const sqlLike =
  /(;|--|\/\*|\bunion\s+(all\s+)?select\b|\bselect\s+.+\s+from\b|\bdrop\s+table\b|\binsert\s+into\b|\bexec(ute)?\s*\(|\bxp_\w+)/i;
/**
 * A request to change something: an action verb aimed at the data ("delete all Gaming campaigns",
 * "pause every Vietnam campaign"). Questions ("why did CTR drop", "what changed") are not.
 */
const writeIntent =
  /^(?!\s*(why|what|how|which|when|where|who|did|does|do|is|are|was|were|can you explain)\b).*\b(delete|drop|truncate|insert|update|alter|overwrite|erase|wipe|modify|rename|remove|change|edit|set|reset|create|pause|stop|cancel|increase|decrease|raise|lower|cut|bump|boost|double|halve|top up|reallocate|allocate|launch|activate|enable|disable|turn off|turn on)\b.*\b(campaigns?|brands?|rows?|tables?|data|records?|budgets?|programs?|warehouse|database|columns?|bids?)\b/i;
const asksAdvice =
  /\b(?:should (?:we|i|they|you|the client|clients)|would it (?:help|make sense|be wise)|is it (?:worth|wise|a good idea)|does it make sense|worth (?:it|doing)|do we need to|recommend(?:ed|s)?|advice|advise)\b/i;
const vagueMetric =
  /\b(perform|performance|performing|doing|results?|kpis?|numbers|metrics|stats|going|look like|looking)\b/;

type Ranking = { word: string; n: number | null; start: number };
const highWords = new Set([
  'top',
  'peak',
  'busiest',
  'priciest',
  'costliest',
  'most expensive',
  'highest',
  'most',
  'biggest',
  'largest',
  'greatest',
  'leading',
  'max',
  'maximum',
]);
const lowWords = new Set([
  'bottom',
  'lowest',
  'least',
  'smallest',
  'fewest',
  'min',
  'minimum',
  'slowest',
  'quietest',
  'cheapest',
  'least expensive',
]);
const judgementWords = new Set(['best', 'worst', 'strongest', 'weakest']);

const examples = [
  'total spend in 2025',
  'CTR by channel last quarter',
  'top 5 brands by spend in Gaming last quarter',
  'monthly ROAS for Automotive in Taiwan in 2024',
  'what share of spend went to CTV in 2025',
];

function clarify(
  understood: string,
  missing: string,
  suggestions: string[] = examples.slice(0, 3),
): ParseOutcome & { status: 'clarify' } {
  return { status: 'clarify', understood, missing, suggestions: suggestions.slice(0, 5) };
}

/**
 * The offline engine's question parser: plain English -> metric query, deterministically.
 * Anything it cannot place (an unknown word, a missing measure, an impossible period) becomes
 * a clarification that says what was understood and what is missing — never a silent guess.
 */
export function parseQuestion(question: string, ctx: ParseContext, previous?: MetricQuery): ParseOutcome {
  const trimmed = question.trim();
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return clarify(
      'nothing yet',
      'Ask me about advertising performance, for example one of these:',
      examples,
    );
  }
  if (trimmed.length > maxQuestionLength) {
    return clarify(
      'a very long message',
      `Please ask one question of at most ${maxQuestionLength} characters (yours has ${trimmed.length}).`,
    );
  }
  if (sqlLike.test(trimmed)) {
    return {
      status: 'refused',
      reason: 'That looks like SQL. Ask in plain words; analysts can run read-only SQL with `scout sql`.',
    };
  }
  // "should we cut weekend budgets?" asks for advice, not for Scout to change anything.
  // A campaign's own name ("… Launch 2025") is not a write verb: names are read out first.
  if (
    writeIntent.test(trimmed) &&
    !asksAdvice.test(trimmed) &&
    writeIntent.test(findCampaigns(normalizeQuestion(trimmed), ctx.lexicon).text)
  ) {
    return {
      status: 'refused',
      reason: 'I can only read and analyse data; I never change campaigns, budgets or data.',
    };
  }

  // Questions in (or mixed with) Chinese, Japanese, Malay, Vietnamese and Thai are read through
  // their common words; a foreign word not understood stops the answer instead of vanishing.
  const translation = translateQuestion(trimmed);
  if (translation.untranslated.length > 0) return untranslated(translation.untranslated);
  const timeTypos = readTimeTypos(normalizeQuestion(translation.text), (word) => ctx.lexicon.words.has(word));
  const normalized = crossedDimensions(timeTypos.text, ctx.lexicon);
  const { campaigns, time } = readCampaignsAndTime(normalized, ctx);
  const unmeasured = findUnmeasured(campaigns.text, (word) => ctx.lexicon.words.has(word));
  if (unmeasured)
    return notMeasured(unmeasured, ctx, asksForFigures(time.periods.length > 0, campaigns.text));
  const others = findOthersData(campaigns.text);
  if (others) return othersFigures(others, ctx);
  let text = time.text;
  // "highest first", "sorted by ROAS", "cheapest first", "lowest to highest": an order over every row, not a cut-off.
  const sortOnly =
    /\b(?:(highest|largest|biggest|most|lowest|smallest|least|best|worst|cheapest|most expensive|priciest) first|(sorted|ordered|ranked) by|(descending|ascending)|(most expensive|least expensive|cheapest|priciest|costliest|lowest|smallest|low|least|fewest|highest|largest|biggest|high|most|best|worst) to (?:most expensive|least expensive|cheapest|priciest|costliest|lowest|smallest|low|least|fewest|highest|largest|biggest|high|most|best|worst))\b/.exec(
      text,
    );
  if (sortOnly) text = blank(text, sortOnly.index, sortOnly.index + sortOnly[0].length);
  const rankings: Ranking[] = [];
  for (const m of text.matchAll(
    /\b(top|bottom|best|worst|highest|lowest|most expensive|least expensive|most|least|biggest|largest|smallest|fewest|greatest|leading|strongest|weakest|peak|busiest|slowest|quietest|cheapest|priciest|costliest)(?: (\d{1,3}))?\b|\b(\d{1,3}) (best|worst|top|biggest|largest|highest|lowest|smallest|cheapest|slowest|fastest|quickest|priciest|strongest|weakest)\b/g,
  )) {
    rankings.push({
      word: m[1] ?? m[4] ?? 'top',
      n: m[2] || m[3] ? Number(m[2] ?? m[3]) : null,
      start: m.index,
    });
    // "the 3 fastest": the speed word stays for the change ranking to read as relative change.
    const speed = m[4] && /^(fastest|quickest|slowest)$/.test(m[4]);
    text = blank(text, m.index, m.index + (speed ? (m[3]?.length ?? 0) : m[0].length));
  }
  // "lowest growth by market? just the bottom 2": a count named with a second ranking word still counts.
  const counted = rankings.find((r) => r.n !== null);
  if (rankings[0] && rankings[0].n === null && counted) rankings[0].n = counted.n;
  // "fastest first", "quickest first": a change ranking over every row.
  const changeFirst = /\b(?:fastest|quickest|slowest)( first)\b/.exec(text);
  if (changeFirst)
    text = blank(
      text,
      changeFirst.index + changeFirst[0].length - 6,
      changeFirst.index + changeFirst[0].length,
    );
  // "most expensive CPC first": a ranking word with "first" later orders every row; it is not a cut-off.
  const firstWord = rankings[0] && rankings[0].n === null ? /\bfirst\b/.exec(text) : null;
  if (firstWord) text = blank(text, firstWord.index, firstWord.index + firstWord[0].length);
  // "3 industries with the worst CPA": the count stands before the group, away from the ranking word.
  if (rankings[0] && rankings[0].n === null) {
    const counted = /\b(\d{1,3}) (?=[a-z])/.exec(text);
    if (counted) {
      rankings[0].n = Number(counted[1]);
      text = blank(text, counted.index, counted.index + (counted[1]?.length ?? 0));
    }
  }
  // Modifiers are placed, not skipped: exclusions, change rankings, averages, a period as the ranked object.
  const exclusionCues = findExclusionCues(text);
  for (const cue of exclusionCues) text = blank(text, cue.start, cue.end);
  const change = findChangeCue(text);
  text = change.text;
  const average = findAverageCue(text);
  text = average.text;
  const periodObject = rankings.length > 0 || change.cue ? findPeriodObject(text) : null;
  if (periodObject) text = periodObject.text;
  const shareCue =
    /\b(share|shares|percentage|percent|proportion|portion|mix|fraction|contribution|split of|%)(?: of)?\b|%/.exec(
      text,
    );

  const scan = scanTerms(text, trimmed, ctx.lexicon);
  if (scan.ambiguous[0]) return ambiguousTerm(scan.ambiguous[0], ctx);
  const named = unique(scan.matches.flatMap((m) => (m.entry.kind === 'metric' ? [m.entry.metric] : [])));
  // A follow-up ("and for video only?") keeps the measures of the question it follows.
  const metrics = named.length > 0 ? named : (previous?.metrics ?? []);
  const valueMatches = scan.matches.filter(
    (m): m is TermMatch & { entry: { kind: 'value' } } => m.entry.kind === 'value',
  );
  const dimensionMatches = scan.matches.filter((m) => m.entry.kind === 'dimension');

  const partial: MetricQueryInput = { metrics: metrics.length > 0 ? metrics : ['spend'], filters: [] };
  const understoodSoFar = () =>
    describeQuery(partial, ctx.semanticModel, ctx.asOf, { withoutMetrics: metrics.length === 0 });

  // Filters: values grouped by dimension, in the order they were written. A follow-up starts from
  // the previous filters; a dimension it names replaces that dimension's values.
  const filters = new Map<string, { values: string[]; firstStart: number }>();
  const namedDimensions = new Set(valueMatches.map((m) => (m.entry as { dimension: string }).dimension));
  for (const f of previous?.filters ?? []) {
    if (!namedDimensions.has(f.dimension))
      filters.set(f.dimension, { values: [...f.values], firstStart: -1 });
  }
  const excluded = excludedValues(valueMatches, exclusionCues, text, normalized);
  for (const match of valueMatches) {
    if (excluded.values.has(match)) continue;
    const entry = match.entry;
    const current = filters.get(entry.dimension) ?? { values: [], firstStart: match.start };
    for (const value of valuesOf(entry)) if (!current.values.includes(value)) current.values.push(value);
    filters.set(entry.dimension, current);
  }
  if (campaigns.values.length > 0) filters.set('campaign', { values: campaigns.values, firstStart: 0 });
  const exclusions = new Map<string, string[]>();
  for (const match of excluded.values) {
    const entry = match.entry as { dimension: string; value: string; phrase: string; group?: string[] };
    const list = exclusions.get(entry.dimension) ?? [];
    // "non-video": excluding a group's name excludes every value the model puts in that group.
    const group = entry.group ?? ctx.lexicon.groups.get(entry.dimension)?.get(entry.phrase);
    for (const value of group ?? [entry.value]) if (!list.includes(value)) list.push(value);
    exclusions.set(entry.dimension, list);
  }
  const filterList = () => [
    ...[...filters.entries()].map(([dimension, f]) => ({ dimension, values: f.values })),
    ...[...exclusions.entries()].map(([dimension, values]) => ({ dimension, values, exclude: true })),
  ];
  // What is understood so far, for clarifications: the named values and the first period.
  partial.filters = filterList();
  if (time.periods[0]) partial.time = time.periods[0].spec;

  if (time.problems.length > 0) {
    return {
      ...clarify(understoodSoFar(), `${time.problems.join('; ')}.`, [examples[0] ?? '']),
      impossiblePeriod: true,
    };
  }
  if (scan.significant.length > 0)
    return unknownTerms(
      scan.significant.map((t) => t.text),
      ctx,
      understoodSoFar(),
    );

  // Group-by: a dimension word after "by/per/each/across/which/what", or the object of a ranking.
  const groupBy: string[] = [];
  // A ranking groups by its object: the first dimension named after the ranking word. Another
  // dimension word qualified by a value ("top 3 industries for conversion campaigns") is a filter.
  const rankedObject =
    rankings.length > 0
      ? (dimensionMatches.find((m) => m.start > (rankings[0]?.start ?? 0)) ?? dimensionMatches[0])
      : undefined;
  for (const match of dimensionMatches) {
    const entry = match.entry as { dimension: string };
    // "by gaming brands": a value standing between the cue and the dimension word does not break the cue.
    const qualifier = valueMatches.find((v) => v.start + v.entry.phrase.length + 1 === match.start);
    const cueEnd = qualifier ? qualifier.start : match.start;
    const before = normalized.slice(Math.max(0, cueEnd - 24), cueEnd);
    const cued =
      /\b(by|per|each|every|across|which|what|for all|all|among|between|split|broken down|breakdown)\s*(the\s+|all\s+|of\s+|our\s+|different\s+)?$/.test(
        before,
      );
    const ranked = rankings.length > 0 && (match === rankedObject || !qualifier);
    // "by channel and device": a dimension joined by "and" to one already grouped is grouped too.
    const joined = groupBy.length > 0 && /\b(and|&|,)\s*(by\s+)?$/.test(before);
    // "sorted by roas" and shares group by the dimensions named, a value-qualified one aside
    // ("… for conversion-objective campaigns by industry, sorted by roas" is by industry).
    const listed = (sortOnly || shareCue) && !qualifier;
    if ((cued || joined || ranked || listed) && !groupBy.includes(entry.dimension))
      groupBy.push(entry.dimension);
  }

  if (previous) {
    for (const dimension of [...previous.dimensions].reverse()) {
      if (!groupBy.includes(dimension)) groupBy.unshift(dimension);
    }
  }

  // Shares: "what share of spend went to CTV" (values after the measure are the part) or "share of spend by channel".
  let share: MetricQueryInput['share'];
  if (!shareCue && previous?.share) {
    // "and Search?" after a share of CTV asks for Search's share.
    const replaced = filters.get(previous.share.dimension);
    share =
      replaced && previous.share.values
        ? { dimension: previous.share.dimension, values: replaced.values }
        : previous.share;
    if (replaced && previous.share.values) filters.delete(previous.share.dimension);
  }
  if (shareCue) {
    const metricAt = scan.matches.find((m) => m.entry.kind === 'metric')?.start ?? shareCue.index;
    if (groupBy.length > 0) {
      share = { dimension: groupBy[0] ?? '' };
    } else {
      const after = [...filters.entries()].filter(([, f]) => f.firstStart > metricAt);
      // "social's share of malaysia spend": the value written right before the share word is the part.
      const owner = valueMatches.find((m) => m.start + m.entry.phrase.length + 1 === shareCue.index);
      const owned = owner
        ? [...filters.entries()].find(([dimension]) => dimension === owner.entry.dimension)
        : undefined;
      const target = owned ?? after.at(-1) ?? [...filters.entries()].at(-1);
      if (!target)
        return clarify(
          understoodSoFar(),
          'A share of what? Name a channel, market or other group, or say "by channel".',
          ['share of spend by channel in 2025', 'what share of spend went to CTV in 2025'],
        );
      share = { dimension: target[0], values: target[1].values };
      filters.delete(target[0]);
    }
  }

  // Two or more values of one dimension with nothing else to group by: show each of them.
  if (!share && groupBy.length === 0 && !previous) {
    for (const [dimension, f] of filters)
      if (f.values.length > 1 && groupBy.length === 0) groupBy.push(dimension);
  }
  partial.filters = filterList();
  partial.dimensions = groupBy.filter((d) => !(share && share.values && d === share.dimension));
  if (share) partial.share = share;

  if (metrics.length === 0) return noMeasure(partial, time.periods[0]?.spec, scan, normalized, ctx);

  // A follow-up without a period keeps the previous one; "same for 2024" keeps its comparison.
  const inherited = previous && time.periods.length === 0 && !time.compare;
  const timeOutcome = inherited
    ? { time: previous.time, ...(previous.compare ? { compare: previous.compare.kind } : {}) }
    : chooseTime(
        time.periods,
        time.compare ?? previous?.compare?.kind,
        ctx,
        normalized,
        Boolean(time.grain || time.wantsSeries),
      );
  if ('missing' in timeOutcome)
    return clarify(understoodSoFar(), timeOutcome.missing, timeOutcome.suggestions);
  partial.time = timeOutcome.time;
  if (timeOutcome.compare) partial.compare = { kind: timeOutcome.compare };

  const grain =
    time.grain ?? (time.wantsSeries ? autoGrain(timeOutcome.time, ctx) : undefined) ?? previous?.grain;
  if (grain) partial.grain = grain;

  if (average.found) {
    const averaged = averagePerPeriod(metrics, partial, ctx, understoodSoFar);
    if (averaged) return averaged;
  }
  const unplacedCues: string[] = [];
  if (change.cue) {
    const changed = changeRanking(
      change.cue,
      rankings[0],
      partial,
      ctx,
      normalized,
      dimensionMatches,
      scan,
      Boolean(changeFirst || firstWord),
    );
    // A change word with nothing to rank ("did we lose sales data") is not placed: the answer stops there.
    if (changed === 'unplaced') unplacedCues.push(normalized.slice(change.cue.start, change.cue.end));
    else if (changed) return changed;
  }
  const ranksPeriods =
    rankings.length > 0 && (partial.dimensions ?? []).length === 0 && (periodObject || time.grain);
  if (ranksPeriods && !change.cue) {
    // "best week for conversions", "which month had the highest spend": the periods are ranked.
    const ranking = rankings[0] as Ranking;
    partial.grain = periodObject?.grain ?? time.grain;
    const orderMetric = metricAfterBy(normalized, scan.matches, ranking.start) ?? metrics[0] ?? 'spend';
    partial.order = {
      metric: orderMetric,
      direction: rankDirection(ranking.word, ctx.semanticModel.metrics.get(orderMetric) as MetricDef),
    };
    partial.limit = ranking.n ?? (periodObject?.plural ? 10 : 1);
  } else if (rankings.length > 0 && !change.cue) {
    const ranking = rankings[0] as Ranking;
    if ((partial.dimensions ?? []).length === 0) {
      const fallback = dimensionMatches[0]?.entry;
      if (fallback?.kind === 'dimension') partial.dimensions = [fallback.dimension];
      else {
        return clarify(
          understoodSoFar(),
          `${capitalize(ranking.word)} what? Say which group to rank, for example brands, channels or markets.`,
          [
            `${ranking.word} 5 brands by ${metrics[0]} in 2025`,
            `${ranking.word} channels by ${metrics[0]} last quarter`,
          ],
        );
      }
    }
    const orderMetric = metricAfterBy(normalized, scan.matches, ranking.start) ?? metrics[0] ?? 'spend';
    const def = ctx.semanticModel.metrics.get(orderMetric) as MetricDef;
    partial.order = { metric: orderMetric, direction: rankDirection(ranking.word, def) };
    const singular = dimensionMatches.some((m) => !isPlural(m, scan));
    if (firstWord) delete partial.limit;
    else
      partial.limit = ranking.n ?? (singular && /\b(which|what)\b/.test(normalized) ? 1 : singular ? 1 : 10);
  }

  const sameGroups =
    previous && JSON.stringify(previous.dimensions) === JSON.stringify(partial.dimensions ?? []);
  if (previous?.order && rankings.length === 0 && !sortOnly && sameGroups) {
    partial.order = previous.order;
    if (previous.limit) partial.limit = previous.limit;
  }
  if (sortOnly && !partial.order) {
    const word = sortOnly[1] ?? sortOnly[3] ?? sortOnly[4] ?? 'highest';
    const orderMetric = metricAfterBy(normalized, scan.matches, sortOnly.index) ?? metrics[0] ?? 'spend';
    const descending =
      [
        'highest',
        'largest',
        'biggest',
        'most',
        'high',
        'descending',
        'most expensive',
        'priciest',
        'costliest',
      ].includes(word) || sortOnly[2] !== undefined;
    partial.order = {
      metric: orderMetric,
      direction: ['best', 'worst'].includes(word)
        ? rankDirection(word, ctx.semanticModel.metrics.get(orderMetric) as MetricDef)
        : descending
          ? 'desc'
          : 'asc',
    };
  }

  const checked = metricQuerySchema.safeParse(partial);
  if (!checked.success)
    return clarify(understoodSoFar(), 'I could not turn that into a query I can run. Try rephrasing it.');
  const outside = outsideData(checked.data, ctx);
  if (outside)
    return clarify(describeQuery(checked.data, ctx.semanticModel, ctx.asOf), outside, [examples[0] ?? '']);
  const readings = [
    ...scan.readings.map((r) => `read "${r.written}" as ${termName(r.entry, ctx)}`),
    ...timeTypos.readings,
  ];
  const described = describeQuery(checked.data, ctx.semanticModel, ctx.asOf);
  return {
    status: 'query',
    query: checked.data,
    understood: readings.length > 0 ? `${described} (${readings.join('; ')})` : described,
    ignored: [...scan.unknown.map((token) => token.text), ...excluded.unplaced, ...unplacedCues],
    readings,
  };
}

/**
 * The offline engine answers alone only when every word was placed or is a known filler. A word
 * it could not place stops the answer with a clarification that names it — never a wider answer.
 */
export function certainOrClarify(outcome: ParseOutcome, ctx: ParseContext): ParseOutcome {
  if (outcome.status !== 'query' || outcome.ignored.length === 0) return outcome;
  const words = [...new Set(outcome.ignored)];
  const quoted = words.map((w) => `"${w}"`).join(', ');
  const hints = didYouMean(words, ctx.lexicon.phrases, 2).join(' ');
  const them = words.length === 1 ? 'it' : 'them';
  return clarify(
    outcome.understood,
    `I don't know what ${quoted} means here, so I haven't answered (leaving ${them} out could change the numbers). ${hints || 'Could you rephrase without it, or say it another way?'}`.trim(),
    [describeAsQuestion(outcome.query, ctx)],
  );
}

function describeAsQuestion(query: MetricQuery, ctx: ParseContext): string {
  return describeQuery(query, ctx.semanticModel, ctx.asOf)
    .replace(/ over all the data/, '')
    .toLowerCase();
}

function termName(entry: LexiconEntry, ctx: ParseContext): string {
  if (entry.kind === 'value') return entry.value;
  if (entry.kind === 'metric') return ctx.semanticModel.metrics.get(entry.metric)?.label ?? entry.metric;
  return (ctx.semanticModel.dimensions.get(entry.dimension)?.label ?? entry.dimension).toLowerCase();
}

function ambiguousTerm(found: ScanResult['ambiguous'][number], ctx: ParseContext): ParseOutcome {
  const options = [...new Set(found.options.map((entry) => termName(entry, ctx)))];
  return clarify(
    '',
    `"${found.written}" could mean ${options.map((o) => `"${o}"`).join(' or ')}. Which one do you mean?`,
    options.slice(0, 3),
  );
}

/** Values an exclusion cue governs: right after it, or joined to one that is ("except Search and Social"). */
function excludedValues(
  matches: TermMatch[],
  cues: Cue[],
  text: string,
  normalized: string,
): { values: Set<TermMatch>; unplaced: string[] } {
  const values = new Set<TermMatch>();
  const ordered = [...matches].sort((a, b) => a.start - b.start);
  const unplaced: string[] = [];
  for (const cue of cues) {
    let anchor = cue.end;
    let governed = 0;
    for (const match of ordered) {
      if (match.start < anchor) continue;
      const gap = text.slice(anchor, match.start);
      if (!/^[\s,]*(?:(?:the|all|any|and|or|&|of|our)[\s,]+)*$/.test(gap)) break;
      values.add(match);
      governed++;
      anchor = match.start + match.entry.phrase.length;
    }
    if (governed === 0) unplaced.push(normalized.slice(cue.start, cue.end));
  }
  return { values, unplaced };
}

/** "average daily spend": the mean of each day's total. A ratio is already an average, so the word is placed. */
function averagePerPeriod(
  metrics: string[],
  partial: MetricQueryInput,
  ctx: ParseContext,
  understood: () => string,
): ParseOutcome | null {
  const additive = metrics.filter((m) => ctx.semanticModel.metrics.get(m)?.kind === 'sum');
  if (additive.length === 0) return null;
  if (additive.length < metrics.length)
    return clarify(
      understood(),
      'An average per period works for totals such as spend or clicks; ratios such as CTR are already averages over the period. Ask for them separately.',
      [`average daily ${additive[0]} in 2025`],
    );
  if (!partial.grain)
    return clarify(
      understood(),
      `An average per what? Say per day, per week or per month, for example "average daily ${additive[0]}".`,
      [`average daily ${additive[0]} last month`, `average weekly ${additive[0]} in 2025`],
    );
  partial.per = partial.grain;
  delete partial.grain;
  return null;
}

/**
 * "who grew spend fastest this year", "biggest decline in clicks by channel": a ranking by change.
 * Without an explicit comparison a year is compared with the year before, any other period
 * with the one just before it; "who" ranks brands.
 */
function changeRanking(
  cue: ChangeCue,
  ranking: Ranking | undefined,
  partial: MetricQueryInput,
  ctx: ParseContext,
  normalized: string,
  dimensionMatches: TermMatch[],
  scan: ScanResult,
  everyRow: boolean,
): ParseOutcome | 'unplaced' | null {
  const metric = partial.metrics[0] ?? 'spend';
  if ((partial.dimensions ?? []).length === 0) {
    const named = dimensionMatches[0]?.entry;
    if (named?.kind === 'dimension') partial.dimensions = [named.dimension];
    else if (/\bwho\b/.test(normalized)) partial.dimensions = ['brand'];
    else if (!ranking) return 'unplaced';
    else
      return clarify(
        describeQuery(partial, ctx.semanticModel, ctx.asOf),
        'Which group should I rank by change? For example brands, channels or markets.',
        [
          `which market grew ${metric} fastest this year`,
          `biggest decline in ${metric} by channel last quarter`,
        ],
      );
  }
  if (!partial.compare) {
    const time = partial.time ?? { kind: 'all' };
    const yearly =
      time.kind === 'all' || time.kind === 'year' || (time.kind === 'relative' && time.unit === 'year');
    if (time.kind === 'all') partial.time = { kind: 'relative', unit: 'year', offset: 0 };
    partial.compare = { kind: yearly ? 'previous_year' : 'previous_period' };
  }
  const flipped = ranking && lowWords.has(ranking.word);
  const direction = flipped ? (cue.direction === 'desc' ? 'asc' : 'desc') : cue.direction;
  partial.order = { metric, direction, by: cue.relative ? 'change_pct' : 'change' };
  const named = dimensionMatches.find((m) => m.entry.kind === 'dimension');
  const singular = named ? !isPlural(named, scan) : /\bwho\b/.test(normalized);
  const asksWhich = /\b(which|what|who|fastest|quickest|slowest|most|least|biggest|largest)\b/.test(
    normalized,
  );
  // "fastest first": an order over every row, unless a count was named.
  const limit = ranking?.n ?? (everyRow ? undefined : ranking || asksWhich ? (singular ? 1 : 10) : undefined);
  if (limit) partial.limit = limit;
  return null;
}

/**
 * No measure was named. The clarification says what was understood in words that read as a
 * sentence ("by channel in Q3 2025"), names any word Scout did not know, and offers measures.
 */
function noMeasure(
  partial: MetricQueryInput,
  period: TimeSpec | undefined,
  scan: ScanResult,
  normalized: string,
  ctx: ParseContext,
): ParseOutcome {
  const describe = (q: MetricQueryInput) =>
    describeQuery(q, ctx.semanticModel, ctx.asOf, { withoutMetrics: true })
      .replace(/ \(.*\)$/, '')
      .trim();
  const subject = describe({ ...partial, time: { kind: 'all' } });
  const scope = subject ? subject.charAt(0).toLowerCase() + subject.slice(1) : '';
  const when = period ? describe({ metrics: ['spend'], time: period }).replace(/^In /, 'in ') : '';
  const understood = [scope, when].filter(Boolean).join(' ');
  const unknown = [...new Set(scan.unknown.map((t) => t.text))];
  const known = unknown.length > 0 ? `I don't know ${unknown.map((w) => `"${w}"`).join(', ')}. ` : '';
  const ask =
    vagueMetric.test(normalized) || unknown.length > 0
      ? 'Which measure do you mean'
      : 'What would you like to know';
  const tail = understood ? ` ${understood}` : '';
  return clarify(understood, `${known}${ask}${tail}? For example spend, CTR, conversions or ROAS.`, [
    ...['spend', 'CTR', 'ROAS'].map((metric) => `${metric}${tail || ' in 2025'}`),
  ]);
}

/**
 * A measure analysts ask for that the data does not hold ("brand lift"): named, never
 * reinterpreted. Asked as a figure (a period, "how much", "by market") it is final; asked as a
 * method ("how do we measure brand lift") the documents may still answer it.
 */
function notMeasured(term: string, ctx: ParseContext, figures: boolean): ParseOutcome {
  const measures = ctx.semanticModel.file.metrics.map((m) => m.label).join(', ');
  const outcome = clarify(
    `a question about ${term}`,
    `The data does not measure "${term}", so I haven't answered. It holds ${measures}. Which of those would help?`,
    examples.slice(0, 3),
  );
  return figures && outcome.status === 'clarify' ? { ...outcome, unmeasured: term } : outcome;
}

/**
 * Another party's figures ("our competitors' CPMs"): the data holds only the campaigns run with
 * us. Said plainly, with what can be compared instead: the brands in our data.
 */
function othersFigures(phrase: string, ctx: ParseContext): ParseOutcome {
  const brands = ctx.semanticModel.file.dimensions.find((d) => d.name === 'brand')?.label ?? 'Brand';
  const outcome = clarify(
    `a question about ${phrase}`,
    `The data holds only the campaigns run with us, not figures of ${phrase === 'competition' ? 'the competition' : phrase}, so I haven't answered. I can compare the ${brands.toLowerCase()}s in our data with each other, or industries and markets.`,
    ['CPM by brand in Gaming this year', 'CTR by industry in 2025', 'spend by market last quarter'],
  );
  // Neither the data nor the documents hold another party's figures: final, never routed on.
  return outcome.status === 'clarify' ? { ...outcome, unmeasured: phrase } : outcome;
}

/** Whether a question asks for a figure rather than a method: it names a period or a breakdown, or asks how much. */
function asksForFigures(namesPeriod: boolean, text: string): boolean {
  return (
    namesPeriod ||
    /\b(by|per|each|which|top|bottom|how much|how many|what was|what were|what is|what are|total|show|give|pull)\b/.test(
      text,
    )
  );
}

/** "market x channel", "channel × device": two groupings crossed, read as "by market and channel". */
function crossedDimensions(text: string, lexicon: ParseContext['lexicon']): string {
  const isDimension = (word: string) =>
    (lexicon.byFirstWord.get(word) ?? []).some((e) => e.kind === 'dimension' && e.phrase === word);
  return text.replace(/\b([a-z]+) (?:x|×) ([a-z]+)\b/g, (whole, a: string, b: string) =>
    isDimension(a) && isDimension(b) ? `by ${a} and ${b}` : whole,
  );
}

function untranslated(words: string[]): ParseOutcome {
  const quoted = words
    .slice(0, 4)
    .map((w) => `"${w}"`)
    .join(', ');
  return clarify(
    '',
    `I don't understand ${quoted} yet, so I haven't answered (leaving it out could change the numbers). Could you say that part in English, or another way?`,
    examples.slice(0, 3),
  );
}

/** Whether the dimension word as written is plural: "mkts", "markets" ("mkt" read as markets is not). */
function isPlural(match: TermMatch, scan: ScanResult): boolean {
  const length = match.entry.phrase.split(' ').length;
  const written = scan.tokens[match.index + length - 1]?.text ?? match.entry.phrase;
  const word = scan.readings.some((r) => r.entry === match.entry) ? written : match.entry.phrase;
  return /[^s]s$/.test(word) || /ies$/.test(word);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** '"motrs": did you mean "motors"?' for each of the first three words that has near candidates. */
function didYouMean(words: string[], candidates: string[], max: number): string[] {
  return words.slice(0, 3).flatMap((word) => {
    // A capitals-only code written in lower case ("my") is not suggested back as itself.
    const near = closest(word, candidates, max + 1)
      .filter((candidate) => candidate !== word)
      .slice(0, max);
    return near.length > 0 ? [`"${word}": did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`] : [];
  });
}

function unknownTerms(words: string[], ctx: ParseContext, understood: string): ParseOutcome {
  const candidates = [...ctx.lexicon.phrases, ...[...ctx.semanticModel.values.values()].flat()];
  const hints = didYouMean(words, candidates, 3);
  const quoted = words.map((w) => `"${w}"`).join(', ');
  const markets = ctx.semanticModel.values.get('market') ?? [];
  const channels = ctx.semanticModel.values.get('channel') ?? [];
  const missing =
    hints.length > 0
      ? `I don't know ${quoted}. ${hints.join(' ')}`
      : `I don't know ${quoted}: it is not a brand, industry, channel, device, market or measure in the data. Markets are ${markets.join(', ')}; channels are ${channels.join(', ')}.`;
  return clarify(understood, missing, examples.slice(0, 3));
}

/** Picks the period (and comparison) from the periods found; two periods must be a comparison Scout can make. */
export function chooseTime(
  found: FoundPeriod[],
  compare: 'previous_period' | 'previous_year' | undefined,
  ctx: ParseContext,
  normalized: string,
  series: boolean,
):
  | { time: TimeSpec; compare?: 'previous_period' | 'previous_year' }
  | { missing: string; suggestions: string[] } {
  let periods = found;
  if (periods.length === 0) {
    if (compare === 'previous_year') return { time: { kind: 'relative', unit: 'year', offset: 0 }, compare };
    if (compare)
      return {
        missing:
          'Compared with which period? Name the period, for example "spend in Q3 2025 vs the previous quarter".',
        suggestions: ['spend in Q3 2025 vs the previous quarter'],
      };
    return { time: { kind: 'all' } };
  }
  // The same period named twice ("Q3 2025 (last quarter)") is one period.
  const distinct = periods.filter((p, i) => {
    const a = resolvePeriod(p.spec, ctx.asOf);
    return (
      periods.findIndex((q) => {
        const b = resolvePeriod(q.spec, ctx.asOf);
        return a?.start === b?.start && a?.end === b?.end;
      }) === i
    );
  });
  periods = distinct;
  if (periods.length === 1) {
    const only = periods[0] as FoundPeriod;
    if (only.against && !compare) {
      // "growth vs 2024": 2024 is the comparison; the question is about the period after it.
      const current = followingPeriod(only.spec);
      const resolved = current ? resolvePeriod(current, ctx.asOf) : null;
      if (!current || !resolved || resolved.start > ctx.semanticModel.dataRange.end)
        return {
          missing:
            'Compared with that period, which period do you mean? Name both, for example "spend in Q3 2025 vs Q3 2024".',
          suggestions: ['spend in Q3 2025 vs Q3 2024', 'spend in 2025 vs 2024'],
        };
      return { time: current, compare: only.spec.kind === 'year' ? 'previous_year' : 'previous_period' };
    }
    const time = only.spec;
    return compare ? { time, compare } : { time };
  }
  // "yoy, 2025 vs 2024": a comparison word that agrees with the two periods named says it twice.
  if (periods.length === 2) {
    // "from Q1 to Q3 2025", "by quarter across 2024 and 2025": one span, not a comparison.
    const [first, second] = periods as [FoundPeriod, FoundPeriod];
    const between = normalized.slice(first.end, second.start).trim();
    const spans = /^(to|through|thru|until|till|-)$/.test(between) || (series && /^(and|&)$/.test(between));
    const from = resolvePeriod(first.spec, ctx.asOf);
    const to = resolvePeriod(second.spec, ctx.asOf);
    if (!compare && spans && from && to && from.start <= to.start)
      return { time: { kind: 'range', start: from.start, end: to.end } };
    const [a, b] = periods.map((p) => ({ spec: p.spec, period: resolvePeriod(p.spec, ctx.asOf) }));
    if (a?.period && b?.period) {
      const [current, earlier] = a.period.start >= b.period.start ? [a, b] : [b, a];
      for (const kind of ['previous_year', 'previous_period'] as const) {
        if (compare && compare !== kind) continue;
        const expected = comparisonPeriod(
          current.period as NonNullable<typeof current.period>,
          current.spec,
          kind,
        );
        if (expected.start === earlier.period?.start && expected.end === earlier.period?.end) {
          return { time: current.spec, compare: kind };
        }
      }
    }
    return {
      missing:
        'I can compare a period with the one just before it or with the same period a year earlier, not two unrelated periods. Which comparison do you want?',
      suggestions: ['spend in Q3 2025 vs Q3 2024', 'spend in Q3 2025 vs the previous quarter'],
    };
  }
  return {
    missing: 'That names several periods. Which one do you mean?',
    suggestions: ['spend in 2025', 'spend in Q3 2025 vs Q3 2024'],
  };
}

function autoGrain(time: TimeSpec, ctx: ParseContext): TimeGrain {
  const period = resolvePeriod(time, ctx.asOf) ?? ctx.semanticModel.dataRange;
  const days = daysBetweenInclusive(period.start, period.end);
  return days <= 45 ? 'day' : days <= 190 ? 'week' : 'month';
}

function rankDirection(word: string, metric: MetricDef): 'asc' | 'desc' {
  if (highWords.has(word)) return 'desc';
  if (lowWords.has(word)) return 'asc';
  const good = word === 'best' || word === 'strongest';
  if (judgementWords.has(word) && metric.better === 'lower') return good ? 'asc' : 'desc';
  return good ? 'desc' : 'asc';
}

/** "top 5 brands by CTR": the measure named after the ranking's "by" decides the order. */
function metricAfterBy(normalized: string, matches: TermMatch[], rankingStart: number): string | undefined {
  const by = normalized.slice(rankingStart).search(/\b(by|in terms of|on|for)\b/);
  const from = by >= 0 ? rankingStart + by : rankingStart;
  const hit = matches.find((m) => m.entry.kind === 'metric' && m.start >= from);
  return hit?.entry.kind === 'metric' ? hit.entry.metric : undefined;
}

/** A period that lies entirely outside the data gets a clarification, not an empty answer. */
function outsideData(query: MetricQuery, ctx: ParseContext): string | null {
  const period = resolvePeriod(query.time, ctx.asOf);
  if (!period) return null;
  const { start, end } = ctx.semanticModel.dataRange;
  const outside = (p: { start: string; end: string }) => p.end < start || p.start > end;
  if (outside(period)) {
    return `The data covers ${formatDay(start)} – ${formatDay(end)}; ${period.label} is outside it. Which period inside that range do you mean?`;
  }
  // A comparison with a period the data does not reach would rank everything against nothing.
  const comparison = query.compare ? comparisonPeriod(period, query.time, query.compare.kind) : null;
  if (comparison && outside(comparison)) {
    return `The data covers ${formatDay(start)} – ${formatDay(end)}, so I cannot compare with ${comparison.label}. Which comparison inside that range do you mean?`;
  }
  return null;
}
