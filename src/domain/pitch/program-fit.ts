import { z } from 'zod';
import { lastDayOfMonth, parseIsoDate, quarterOf } from '../time/calendar.ts';

/** One row of the `programs` table, lists split (they are stored comma-separated). */
export interface Program {
  programId: string;
  name: string;
  summary: string;
  eligibleIndustries: string[];
  minQuarterlySpendUsd: number;
  rebatePct: number;
  bonusImpressionsPct: number;
  channels: string[];
  starts: string;
  ends: string;
  terms: string;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const list = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** The columns in the order `PROGRAMS_SQL` selects them. */
export const programRowSchema = z
  .tuple([
    z.string(),
    z.string(),
    z.string(),
    list,
    z.number(),
    z.number(),
    z.number(),
    list,
    isoDay,
    isoDay,
    z.string(),
  ])
  .transform(
    ([programId, name, summary, eligibleIndustries, min, rebate, bonus, channels, starts, ends, terms]) => ({
      programId,
      name,
      summary,
      eligibleIndustries,
      minQuarterlySpendUsd: min,
      rebatePct: rebate,
      bonusImpressionsPct: bonus,
      channels,
      starts: starts.slice(0, 10),
      ends: ends.slice(0, 10),
      terms,
    }),
  );

export const PROGRAMS_SQL =
  'SELECT program_id, name, summary, eligible_industries, min_quarterly_spend_usd, rebate_pct, bonus_impressions_pct, channels, CAST(starts AS VARCHAR) AS starts, CAST(ends AS VARCHAR) AS ends, terms FROM programs ORDER BY program_id';

export interface Quarter {
  year: number;
  quarter: number;
  start: string;
  end: string;
  label: string;
}

/** The calendar quarter that contains `iso` (the one qualification is measured on). */
export function quarterContaining(iso: string): Quarter {
  const { year, month } = parseIsoDate(iso);
  return quarterOfYear(year, quarterOf(month));
}

export function quarterOfYear(year: number, quarter: number): Quarter {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    year,
    quarter,
    start: `${year}-${String(firstMonth).padStart(2, '0')}-01`,
    end: lastDayOfMonth(year, firstMonth + 2),
    label: `Q${quarter} ${year}`,
  };
}

/** The quarter before, and the same quarter a year before. */
export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? quarterOfYear(q.year - 1, 4) : quarterOfYear(q.year, q.quarter - 1);
}

export function sameQuarterLastYear(q: Quarter): Quarter {
  return quarterOfYear(q.year - 1, q.quarter);
}

/** What the contract calls eligible: the industry is listed and the as-of date lies within the program. */
export function isEligible(program: Program, industry: string, asOf: string): boolean {
  return program.eligibleIndustries.includes(industry) && program.starts <= asOf && asOf <= program.ends;
}

/** Qualifies: eligible and the quarter's spend on the program's channels reaches the minimum. */
export function qualifies(program: Program, eligible: boolean, channelSpendUsd: number): boolean {
  return eligible && channelSpendUsd >= program.minQuarterlySpendUsd;
}

/** What is still missing to reach the minimum (0 once it is reached). */
export function spendGap(program: Program, channelSpendUsd: number): number {
  return Math.max(0, program.minQuarterlySpendUsd - channelSpendUsd);
}

/** Why a program is or is not eligible / qualifying, in words (figures stay out: they are facts). */
export function eligibilityReasons(
  program: Program,
  brand: { brand: string; industry: string },
  asOf: string,
  qualified: boolean,
): string[] {
  const reasons: string[] = [];
  const industryOk = program.eligibleIndustries.includes(brand.industry);
  reasons.push(
    industryOk
      ? `${brand.industry} is an eligible industry`
      : `${brand.industry} is not among its eligible industries (${program.eligibleIndustries.join(', ')})`,
  );
  if (asOf < program.starts) reasons.push(`it starts on ${program.starts}, after the as-of date ${asOf}`);
  else if (asOf > program.ends) reasons.push(`it ended on ${program.ends}, before the as-of date ${asOf}`);
  else reasons.push(`it runs from ${program.starts} to ${program.ends}, which includes ${asOf}`);
  if (industryOk && program.starts <= asOf && asOf <= program.ends) {
    reasons.push(
      qualified
        ? `${brand.brand}'s ${program.channels.join(', ')} spend in ${quarterContaining(asOf).label} reaches the minimum`
        : `${brand.brand}'s ${program.channels.join(', ')} spend in ${quarterContaining(asOf).label} is below the minimum`,
    );
  }
  return reasons;
}

/** Conditions in a program's terms that the contract's eligibility does not cover. */
export interface TermConditions {
  /** "Advertisers in the smb tier only." */
  tierOnly: string | null;
  /** "capped at USD 2,000 per quarter" */
  rebateCapUsd: number | null;
  /** "Applies to spend delivered in Vietnam only." */
  marketOnly: string | null;
  /** Conditions the pitch must state as they are (a launch title, a landing page, …). */
  requirements: string[];
}

export function termConditions(terms: string): TermConditions {
  const tier = /\b(smb|mid-market|enterprise) tier only\b/i.exec(terms)?.[1]?.toLowerCase() ?? null;
  const cap = /capped at USD ([\d,]+(?:\.\d+)?)/i.exec(terms)?.[1];
  const market = /delivered in ([A-Z][a-z]+(?: [A-Z][a-z]+)?) only/.exec(terms)?.[1] ?? null;
  const requirements = sentencesOf(terms).filter((s) =>
    /\b(requires|must|capped|for campaigns promoting|one title|only\b)/i.test(s),
  );
  return {
    tierOnly: tier,
    rebateCapUsd: cap ? Number(cap.replace(/,/g, '')) : null,
    marketOnly: market,
    requirements,
  };
}

/**
 * Whether Scout may recommend the program on its own: conditions the data cannot confirm
 * (a market-only rebate, a tier the brand is not in) make the figures a promise beyond the terms.
 */
export function recommendable(program: Program, tier: string): { ok: boolean; reason: string | null } {
  const conditions = termConditions(program.terms);
  if (conditions.tierOnly && conditions.tierOnly !== tier.toLowerCase())
    return { ok: false, reason: `its terms limit it to the ${conditions.tierOnly} tier` };
  if (conditions.marketOnly)
    return {
      ok: false,
      reason: `its terms count only spend delivered in ${conditions.marketOnly}, which this pitch does not measure`,
    };
  return { ok: true, reason: null };
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=\.)\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Program ids a combinability text says this program does / does not combine with. */
export function combinability(
  programId: string,
  text: string,
  programs: Program[],
): { combinable: string[]; notCombinable: string[] } {
  const combinable = new Set<string>();
  const notCombinable = new Set<string>();
  for (const sentence of sentencesOf(text)) {
    const named = programs
      .filter(
        (p) => p.programId !== programId && (sentence.includes(p.programId) || sentence.includes(p.name)),
      )
      .map((p) => p.programId);
    if (named.length === 0) continue;
    const negative = /\bnot combinable\b|\bdoes not combine\b|\bnot be combined\b/i.test(sentence);
    const positive = /\bcombinable\b|\bcombines\b/i.test(sentence);
    for (const id of named) {
      if (negative) notCombinable.add(id);
      else if (positive) combinable.add(id);
    }
  }
  return { combinable: [...combinable].sort(), notCombinable: [...notCombinable].sort() };
}

/** The rebate the terms pay on a quarter's qualifying spend (capped where the terms cap it). */
export function expectedRebate(program: Program, qualifyingSpendUsd: number): number {
  const rebate = (program.rebatePct / 100) * qualifyingSpendUsd;
  const cap = termConditions(program.terms).rebateCapUsd;
  return cap === null ? rebate : Math.min(rebate, cap);
}
