import type { MetricQuery } from '../metric-query.ts';
import { comparisonPeriod, resolvePeriod } from '../time/resolve-period.ts';
import { readCampaignsAndTime } from './campaigns-and-time.ts';
import { valuesOf } from './lexicon.ts';
import type { ParseContext } from './parse-question.ts';
import { scanTerms } from './scan-terms.ts';
import { normalizeQuestion } from './text.ts';

/**
 * The words of a question that carry meaning, checked against a metric query someone else (the
 * language model) wrote: every period the user named must be the query's period or its
 * comparison, and every value named exactly must be filtered, shared or excluded. Returns the
 * problem in words the repair turn can quote, or null.
 */
export function meaningProblem(question: string, query: MetricQuery, ctx: ParseContext): string | null {
  const { campaigns, time } = readCampaignsAndTime(normalizeQuestion(question), ctx);
  const period = resolvePeriod(query.time, ctx.asOf);
  const comparison =
    period && query.compare ? comparisonPeriod(period, query.time, query.compare.kind) : null;
  for (const found of time.periods) {
    const named = resolvePeriod(found.spec, ctx.asOf);
    if (!named) continue;
    const same = (p: { start: string; end: string } | null) =>
      p !== null && p.start === named.start && p.end === named.end;
    const inside = period !== null && named.start >= period.start && named.end <= period.end;
    if (!same(period) && !same(comparison) && !inside)
      return `the question names ${named.label} (${named.start} to ${named.end}); the query's time must be that period or its comparison`;
  }
  const used = new Set([
    ...query.filters.flatMap((f) => f.values.map((v) => `${f.dimension}:${v}`)),
    ...(query.share?.values ?? []).map((v) => `${query.share?.dimension}:${v}`),
  ]);
  const scan = scanTerms(time.text, question, ctx.lexicon, { tolerant: false });
  for (const match of scan.matches) {
    const entry = match.entry;
    if (entry.kind !== 'value') continue;
    const unused = valuesOf(entry).some((value) => !used.has(`${entry.dimension}:${value}`));
    if (unused && !query.dimensions.includes(entry.dimension))
      return `the question names ${entry.value} (${entry.dimension}); the query must filter on it (or exclude it, if the question says so)`;
  }
  for (const value of campaigns.values) {
    if (!used.has(`campaign:${value}`))
      return `the question names the campaign "${value}"; the query must filter on it`;
  }
  return null;
}
