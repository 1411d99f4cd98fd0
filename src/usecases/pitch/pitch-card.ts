import type { FactBook } from '../../domain/pitch/facts.ts';
import type { AccountProfile } from './account-profile.ts';
import { listWords } from './pitch-values.ts';
import type { ProgramFit } from './program-fit.ts';

/**
 * The numbers a reader sees first and the program card (what the brand gets, what it takes),
 * written only with fact displays; a line whose fact is missing is left out.
 */
export function pitchCard(input: { profile: AccountProfile; fit: ProgramFit; book: FactBook }): {
  highlights: { label: string; display: string }[];
  card: { gets: string[]; takes: string[] };
} {
  const { profile, fit, book } = input;
  const quarter = profile.quarter.label;
  const channels = listWords(fit.program.channels);
  const fact = (name: string) => fit.facts.get(name)?.display;
  const highlights = [
    { label: `Spend, ${quarter}`, display: book.get('spend.this')?.display },
    { label: `Spend vs ${profile.yearAgo.label}`, display: book.get('spend.change_year')?.display },
    { label: `ROAS, ${quarter}`, display: book.get('roas.this')?.display },
    { label: `${profile.brand.industry} ROAS`, display: book.get('roas.industry')?.display },
    { label: `${channels} spend, ${quarter}`, display: fact('channel_spend') },
  ].flatMap((h) => (h.display ? [{ label: h.label, display: h.display }] : []));
  const line = (display: string | undefined, text: (d: string) => string) => (display ? [text(display)] : []);
  const gets = [
    ...line(fact('rebate_pct'), (d) => `a ${d} rebate on ${channels} spend in a qualifying quarter`),
    ...line(fact('bonus_pct'), (d) => `${d} bonus impressions on ${channels}`),
    ...(fit.qualifies
      ? [
          ...line(fact('rebate'), (d) => `${d} back on ${quarter} spend`),
          ...line(fact('bonus_impressions'), (d) => `${d} bonus impressions on ${quarter} delivery`),
        ]
      : line(fact('rebate_at_min'), (d) => `${d} back in a quarter at the minimum`)),
  ];
  const gap = fit.facts.get('gap');
  const takes = [
    ...line(fact('min'), (d) => `at least ${d} a quarter on ${channels}`),
    ...(gap && gap.value > 0 ? [`${gap.display} more on ${channels} in ${quarter}`] : []),
    `enrolment before ${fit.program.ends}, under the program terms`,
  ];
  return { highlights, card: { gets, takes } };
}
