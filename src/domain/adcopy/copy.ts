/** Ad-copy variants, their claims and the channels' limits (the ad-copy contract). */
import { z } from 'zod';

export const AD_CHANNELS = ['Search', 'Social', 'Display', 'Native', 'Online Video', 'CTV'] as const;
export type AdChannel = (typeof AD_CHANNELS)[number];

export interface ChannelLimits {
  headline: number;
  description: number;
  /** null: the channel has no primary text. */
  primaryText: number | null;
}

/** Search and Display as the contract fixes them; Social's description is its link description. */
export function limitsFor(channel: AdChannel): ChannelLimits {
  if (channel === 'Search') return { headline: 30, description: 90, primaryText: null };
  if (channel === 'Social') return { headline: 40, description: 90, primaryText: 125 };
  return { headline: 30, description: 90, primaryText: channel === 'Display' ? null : 125 };
}

/** image | brief | catalog | guideline:<path> | creative:<creative_id> */
export const claimSourceSchema = z
  .string()
  .regex(/^(image|brief|catalog|guideline:[\w./-]+|creative:[\w-]+)$/, 'not a known source');

export const claimSchema = z.strictObject({ text: z.string().trim().min(1).max(200), source: z.string() });
export type Claim = z.infer<typeof claimSchema>;

export interface VariantDraft {
  persona: string;
  headline: string;
  description: string;
  primary_text: string | null;
  cta: string;
  claims: Claim[];
}

export interface Variant extends VariantDraft {
  id: string;
  channel: AdChannel;
  score: number;
  issues: string[];
}

export interface SimilarCreative {
  creative_id: string;
  headline: string;
  ctr: number;
  impressions: number;
  clicks: number;
  brand: string;
  persona: string;
  cta: string;
  sql: string;
}

export interface PersonaStanding {
  persona: string;
  ctr: number | null;
  impressions: number;
  /** CTR over the mean of the personas with data (1 = average; 1 when there is none). */
  weight: number;
}

/** Orders the personas by CTR for the industry and channel; those under the gate keep their order, weight 1. */
export function rankPersonas(
  personas: readonly string[],
  measured: readonly { persona: string; ctr: number; impressions: number }[],
): PersonaStanding[] {
  const mean = measured.length > 0 ? measured.reduce((s, m) => s + m.ctr, 0) / measured.length : 0;
  return personas
    .map((persona, order) => {
      const m = measured.find((x) => x.persona === persona);
      return {
        persona,
        order,
        ctr: m?.ctr ?? null,
        impressions: m?.impressions ?? 0,
        weight: m && mean > 0 ? Math.round((m.ctr / mean) * 1000) / 1000 : 1,
      };
    })
    .sort((a, b) => (b.ctr ?? -1) - (a.ctr ?? -1) || a.order - b.order)
    .map(({ order: _order, ...standing }) => standing);
}
