import type { Fact, FactBook } from '../../domain/pitch/facts.ts';
import {
  eligibilityReasons,
  isEligible,
  PROGRAMS_SQL,
  type Program,
  programRowSchema,
  type Quarter,
  qualifies,
  recommendable,
  termConditions,
} from '../../domain/pitch/program-fit.ts';
import type { BrandRow } from './account-profile.ts';
import { addQueryFacts, type FactRequest, metricSql, pick, programSql, runGuarded } from './fact-queries.ts';
import type { PitchDeps } from './pitch-deps.ts';

export interface ProgramFit {
  program: Program;
  eligible: boolean;
  qualifies: boolean;
  /** Whether Scout may recommend it on its own (see `recommendable`). */
  recommendable: boolean;
  reasons: string[];
  /** The brand's spend on the program's channels in the quarter (0 when none). */
  channelSpendUsd: number;
  /** Facts about this program, keyed by what they are (min, channel_spend, gap, rebate, …). */
  facts: Map<string, Fact>;
}

export async function readPrograms(deps: PitchDeps): Promise<Program[]> {
  const { rows } = await runGuarded(deps, PROGRAMS_SQL);
  return rows.map((row) => programRowSchema.parse(row));
}

/** Program facts for one eligible program: what it takes, what the brand has, what it is worth. */
function programRequests(
  deps: PitchDeps,
  program: Program,
  brand: BrandRow,
  quarter: Quarter,
  measureOnly: boolean,
): FactRequest[] {
  const id = program.programId;
  const channels = program.channels.join(', ');
  const onChannels = { brand: [brand.brand], channel: program.channels };
  const spend = pick(metricSql(deps, 'spend', onChannels, quarter), 'spend', { zeroForNull: true });
  const impressions = pick(metricSql(deps, 'impressions', onChannels, quarter), 'impressions', {
    zeroForNull: true,
  });
  const cap = termConditions(program.terms).rebateCapUsd;
  const rebate = `p.rebate_pct / 100 * s.spend`;
  const key = (name: string) => `program.${id}.${name}`;
  const channelSpend: FactRequest = {
    key: key('channel_spend'),
    label: `${brand.brand} spend on ${channels}, ${quarter.label}`,
    format: 'money',
    sql: spend,
  };
  // A program Scout will not recommend needs only what decides whether it qualifies.
  if (measureOnly) return [channelSpend];
  const requests: FactRequest[] = [
    channelSpend,
    {
      key: key('min'),
      label: `${id} minimum quarterly spend on ${channels}`,
      format: 'money',
      sql: programSql('min_quarterly_spend_usd', id),
    },
    {
      key: key('gap'),
      label: `${brand.brand} spend still needed on ${channels} to qualify for ${id}, ${quarter.label}`,
      format: 'money',
      sql: `SELECT GREATEST(0, p.min_quarterly_spend_usd - s.spend) AS gap FROM programs AS p CROSS JOIN (\n${spend}\n) AS s WHERE p.program_id = '${id}'`,
    },
    {
      key: key('channel_impressions'),
      label: `${brand.brand} impressions on ${channels}, ${quarter.label}`,
      format: 'count',
      sql: impressions,
    },
  ];
  if (program.rebatePct > 0) {
    requests.push(
      { key: key('rebate_pct'), label: `${id} rebate`, format: 'points', sql: programSql('rebate_pct', id) },
      {
        key: key('rebate'),
        label: `${id} rebate on ${brand.brand}'s ${quarter.label} ${channels} spend${cap === null ? '' : ' (capped by the terms)'}`,
        format: 'money',
        sql: `SELECT ${cap === null ? rebate : `LEAST(${cap}, ${rebate})`} AS rebate FROM programs AS p CROSS JOIN (\n${spend}\n) AS s WHERE p.program_id = '${id}'`,
      },
      {
        key: key('rebate_at_min'),
        label: `${id} rebate on a quarter at the minimum spend${cap === null ? '' : ' (capped by the terms)'}`,
        format: 'money',
        sql: `SELECT ${cap === null ? 'rebate_pct / 100 * min_quarterly_spend_usd' : `LEAST(${cap}, rebate_pct / 100 * min_quarterly_spend_usd)`} AS rebate FROM programs WHERE program_id = '${id}'`,
      },
    );
  }
  if (program.bonusImpressionsPct > 0) {
    requests.push(
      {
        key: key('bonus_pct'),
        label: `${id} bonus impressions`,
        format: 'points',
        sql: programSql('bonus_impressions_pct', id),
      },
      {
        key: key('bonus_impressions'),
        label: `${id} bonus impressions on ${brand.brand}'s ${quarter.label} ${channels} impressions`,
        format: 'count',
        sql: `SELECT p.bonus_impressions_pct / 100 * s.impressions AS bonus FROM programs AS p CROSS JOIN (\n${impressions}\n) AS s WHERE p.program_id = '${id}'`,
      },
    );
  }
  return requests;
}

/**
 * Program fit by the contract's rules, in code: every program gets a verdict; eligible ones get
 * their facts (minimum, the brand's spend on the channels, the gap, the rebate and bonus
 * impressions computed from that spend).
 */
export async function fitPrograms(
  deps: PitchDeps,
  programs: Program[],
  brand: BrandRow,
  quarter: Quarter,
  book: FactBook,
): Promise<ProgramFit[]> {
  const eligible = programs.filter((p) => isEligible(p, brand.industry, deps.asOf));
  const requests = eligible.flatMap((p) =>
    programRequests(deps, p, brand, quarter, !recommendable(p, brand.tier).ok),
  );
  await addQueryFacts(deps, book, requests);
  return programs.map((program) => {
    const ok = isEligible(program, brand.industry, deps.asOf);
    const facts = new Map<string, Fact>();
    const prefix = `program.${program.programId}.`;
    for (const request of requests) {
      const fact = request.key.startsWith(prefix) ? book.get(request.key) : undefined;
      if (fact) facts.set(request.key.slice(prefix.length), fact);
    }
    const channelSpendUsd = facts.get('channel_spend')?.value ?? 0;
    const qualified = qualifies(program, ok, channelSpendUsd);
    const reasons = eligibilityReasons(program, brand, deps.asOf, qualified);
    const recommend = ok ? recommendable(program, brand.tier) : { ok: false, reason: null };
    if (ok && recommend.reason) reasons.push(`not recommended on its own: ${recommend.reason}`);
    return {
      program,
      eligible: ok,
      qualifies: qualified,
      recommendable: recommend.ok,
      reasons,
      channelSpendUsd,
      facts,
    };
  });
}

/**
 * The program to pitch: the one asked for when it is eligible; otherwise the recommendable
 * program that pays the brand most this quarter, else the one closest to qualifying.
 */
export function chooseProgram(fits: ProgramFit[], requested: string | null): ProgramFit | null {
  if (requested) return fits.find((f) => f.program.programId === requested && f.eligible) ?? null;
  const candidates = fits.filter((f) => f.eligible && f.recommendable);
  const value = (f: ProgramFit, key: string) => f.facts.get(key)?.value ?? 0;
  // Cash first; bonus impressions break ties (they are worth something, but not a known amount).
  const qualifying = candidates
    .filter((f) => f.qualifies)
    .sort(
      (a, b) =>
        value(b, 'rebate') - value(a, 'rebate') ||
        value(b, 'bonus_impressions') - value(a, 'bonus_impressions'),
    );
  if (qualifying[0]) return qualifying[0];
  const share = (f: ProgramFit) => f.channelSpendUsd / f.program.minQuarterlySpendUsd;
  return (
    [...candidates].sort(
      (a, b) => share(b) - share(a) || a.program.programId.localeCompare(b.program.programId),
    )[0] ?? null
  );
}

/** The other programs Scout could pitch instead, in the order `chooseProgram` would pick them. */
export function alternativesTo(chosen: ProgramFit, fits: ProgramFit[]): string[] {
  const out: string[] = [];
  let pool = fits.filter((f) => f !== chosen);
  for (let next = chooseProgram(pool, null); next; next = chooseProgram(pool, null)) {
    out.push(next.program.programId);
    pool = pool.filter((f) => f !== next);
  }
  return out;
}
