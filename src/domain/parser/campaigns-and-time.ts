import type { Lexicon } from './lexicon.ts';
import { findCampaigns } from './modifiers.ts';
import { findTime, type TimeFindings } from './time-expressions.ts';

/**
 * The first reading of a normalised question, the same for the parser and the meaning check:
 * the campaigns it names, then the periods in what is left (a campaign's name may hold a year).
 */
export function readCampaignsAndTime(
  normalized: string,
  ctx: { lexicon: Lexicon; asOf: string },
): { campaigns: ReturnType<typeof findCampaigns>; time: TimeFindings } {
  const campaigns = findCampaigns(normalized, ctx.lexicon);
  return { campaigns, time: findTime(campaigns.text, ctx.asOf) };
}
