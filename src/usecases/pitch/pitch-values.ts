import { figuresIn } from '../../domain/pitch/checks.ts';
import type { FactBook } from '../../domain/pitch/facts.ts';
import { combinability, type Program, termConditions } from '../../domain/pitch/program-fit.ts';
import type { AccountProfile } from './account-profile.ts';
import type { PitchDocuments } from './pitch-documents.ts';
import type { ProgramFit } from './program-fit.ts';

/** "Harbourline Bank's", "Orvant Trucks'". */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** "Display, Native and CTV". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The program's combinability with the other eligible programs, from its terms document. */
export function combinabilitySentence(
  fit: ProgramFit,
  fits: ProgramFit[],
  docs: PitchDocuments,
): string | null {
  const text = [docs.combinability?.text ?? '', fit.program.terms].join(' ');
  const programs: Program[] = fits.map((f) => f.program);
  const { combinable, notCombinable } = combinability(fit.program.programId, text, programs);
  const eligible = (id: string) => fits.some((f) => f.program.programId === id && f.eligible);
  const name = (id: string) => `${id} ${programs.find((p) => p.programId === id)?.name ?? ''}`.trim();
  const yes = combinable.filter(eligible).map(name);
  const no = notCombinable.filter(eligible).map(name);
  if (yes.length > 0) return `Its terms let it combine with ${listWords(yes)}.`;
  if (no.length > 0) return `Its terms do not let it combine with ${listWords(no)}.`;
  return null;
}

/**
 * What the story templates may name: the account's names and the displays of its facts. What the
 * brand would earn on spend that does not qualify is left out, so it cannot be written as earned.
 */
export function pitchValues(input: {
  profile: AccountProfile;
  fit: ProgramFit;
  fits: ProgramFit[];
  docs: PitchDocuments;
  book: FactBook;
}): Map<string, string> {
  const { profile, fit, book, docs } = input;
  const values = new Map<string, string>();
  const put = (name: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') values.set(name, value);
  };
  const fact = (name: string, key: string) => put(name, book.get(key)?.display);
  put('brand', profile.brand.brand);
  put('brand_s', possessive(profile.brand.brand));
  put('industry', profile.brand.industry);
  put('tier', profile.brand.tier);
  put('quarter', profile.quarter.label);
  put('last_quarter', profile.lastQuarter.label);
  put('year_ago', profile.yearAgo.label);
  put('objective', profile.topObjective);
  for (const metric of ['spend', 'ctr', 'cvr', 'roas'])
    for (const period of ['this', 'last', 'year_ago', 'industry', 'change_last', 'change_year'])
      fact(`${metric}.${period}`, `${metric}.${period}`);
  fact('campaigns.live', 'campaigns.live');
  fact('campaigns.top_objective', 'campaigns.top_objective');
  const topChannel = profile.channels[0];
  if (topChannel) {
    put('top_channel', topChannel);
    fact('top_channel.spend', `channel.${topChannel}.spend.this`);
    fact('top_channel.roas', `channel.${topChannel}.roas.this`);
  }
  const topMarket = profile.markets[0];
  if (topMarket) {
    put('top_market', topMarket);
    fact('top_market.spend', `market.${topMarket}.spend.this`);
  }
  const program = fit.program;
  put('program_id', program.programId);
  put('program_name', program.name);
  put('program_channels', listWords(program.channels));
  put('program_ends', program.ends);
  put('combinability', combinabilitySentence(fit, input.fits, docs));
  if (docs.terms) {
    const conditions = termConditions(program.terms).requirements.filter((r) => docs.terms?.text.includes(r));
    const source = docs.terms.source;
    for (const [i, display] of figuresIn(conditions.join(' ')).entries())
      book.addQuoted(`doc.terms.${i}`, {
        label: `${program.programId} terms, quoted from ${source}`,
        display,
        source,
      });
    if (conditions.length > 0) put('requirements', `Its terms say: ${conditions.join(' ')}`);
  }
  for (const [name, f] of fit.facts) {
    if (!fit.qualifies && (name === 'rebate' || name === 'bonus_impressions')) continue;
    put(`program.${name}`, f.display);
  }
  if (docs.proof) {
    const source = docs.proof.source;
    const label = `${docs.proof.brand} outcome quoted from ${source}`;
    for (const [i, display] of figuresIn(docs.proof.text).entries())
      book.addQuoted(`doc.proof.${i}`, { label, display, source });
    put('proof.quote', `${docs.proof.text} (source: ${source})`);
  }
  return values;
}

/** Displays of what the brand would earn on spend that does not qualify (the rules check rejects them). */
export function unearnedDisplays(fit: ProgramFit, book: FactBook): Set<string> {
  if (fit.qualifies) return new Set();
  const other = new Set(
    book
      .all()
      .filter((f) => f !== fit.facts.get('rebate') && f !== fit.facts.get('bonus_impressions'))
      .map((f) => f.display),
  );
  return new Set(
    ['rebate', 'bonus_impressions']
      .map((name) => fit.facts.get(name)?.display)
      .filter((d): d is string => d !== undefined && !other.has(d)),
  );
}
