/**
 * The creatives catalog and its monthly performance. Creatives draw from their own seeded stream
 * (label 'creatives'), so adding them leaves every other table byte-identical. Their monthly
 * figures are the campaign's own monthly sums per channel, split among the creatives live that
 * month: impressions by a per-creative delivery weight, clicks by impressions × the persona's CTR
 * factor for the industry and channel (× a little noise, × a planted factor), conversions by clicks
 * × the persona's CVR factor, spend in cents by impressions. Every split is exact (largest
 * remainder), so for every campaign and month the creatives sum to ad_performance_daily.
 */
import type { CampaignPlan } from './campaigns.ts';
import {
  BODIES,
  ctasFor,
  HEADLINES,
  headlineLimit,
  IMAGE_COLOURS,
  IMAGE_SETTINGS,
  PERSONA_CVR,
  PERSONAS,
  type Persona,
  PRODUCT_WORDS,
  personaCtrFactor,
} from './creative-copy.ts';
import { PLANTED_CREATIVES, type PlantedCreative } from './planted-creatives.ts';
import { Rng } from './prng.ts';
import type { Channel, Industry } from './value-sets.ts';

export interface Creative {
  creativeId: string;
  campaignId: string;
  brand: string;
  industry: Industry;
  channel: Channel;
  persona: Persona;
  headline: string;
  body: string;
  cta: string;
  imageTags: string;
  /** Days since 1970-01-01; within the campaign's flight. */
  launched: number;
  /** Share of the campaign-channel's impressions (relative). */
  deliveryWeight: number;
  /** Multiplier on the campaign's CTR (persona × channel × noise × planted). */
  ctrFactor: number;
  cvrFactor: number;
  /** The planted winner or loser this creative is, if any. */
  planted: PlantedCreative | null;
}

/** One campaign's delivery on one channel in one month (month = its first day). */
export interface ChannelMonth {
  campaignId: string;
  channel: string;
  month: number;
  impressions: number;
  clicks: number;
  conversions: number;
  spendCents: number;
}

/** creative_performance_monthly in column order: month, creative_id, impressions, clicks, conversions, spend_usd. */
export type CreativeMonthRow = [number, string, number, number, number, number];

function fill(template: string, product: string, brand: string): string {
  return template.replaceAll('{p}', product).replaceAll('{b}', brand);
}

function headlineFor(rng: Rng, persona: Persona, product: string, brand: string, channel: Channel): string {
  const limit = headlineLimit(channel);
  const options = HEADLINES[persona].map((t) => fill(t, product, brand)).filter((h) => h.length <= limit);
  return options.length > 0
    ? rng.pick(options)
    : fill(HEADLINES[persona][1] ?? '', product, '').slice(0, limit);
}

function creativeFor(
  rng: Rng,
  plan: CampaignPlan,
  channel: Channel,
  index: number,
  planted: PlantedCreative | null,
): Creative {
  const persona = planted?.persona ?? rng.pick(PERSONAS);
  const product = rng.pick(PRODUCT_WORDS[plan.industry]);
  const brand = plan.brand.brand;
  const flight = plan.endDay - plan.startDay;
  const launched = index === 0 ? plan.startDay : plan.startDay + rng.int(0, Math.min(45, flight));
  const tags = [product, rng.pick(IMAGE_SETTINGS), rng.pick(IMAGE_COLOURS)];
  return {
    creativeId: `${plan.campaignId}-${channel.replace(/\s+/g, '').slice(0, 3).toUpperCase()}${index + 1}`,
    campaignId: plan.campaignId,
    brand,
    industry: plan.industry,
    channel,
    persona,
    headline: headlineFor(rng, persona, product, brand, channel),
    body: rng.pick(BODIES[persona]),
    cta: rng.pick(ctasFor(plan.objective)),
    imageTags: tags.join(', '),
    launched,
    deliveryWeight: rng.uniform(0.6, 1.4),
    ctrFactor:
      personaCtrFactor(persona, plan.industry, channel) * rng.noise(0.12) * (planted?.ctrFactor ?? 1),
    cvrFactor: PERSONA_CVR[persona] * rng.noise(0.08),
    planted,
  };
}

/** Two to four creatives per campaign and channel; the planted ones replace a brand's first on a channel. */
export function buildCreatives(plans: readonly CampaignPlan[], seed: number): Creative[] {
  const rng = new Rng(seed, 'creatives');
  const open = new Map(PLANTED_CREATIVES.map((p) => [`${p.brand}|${p.channel}`, p]));
  const creatives: Creative[] = [];
  for (const plan of plans) {
    for (const mix of plan.channels) {
      const count = rng.int(2, 4);
      const key = `${plan.brand.brand}|${mix.channel}`;
      for (let i = 0; i < count; i++) {
        const planted = i === 0 ? (open.get(key) ?? null) : null;
        if (planted) open.delete(key);
        creatives.push(creativeFor(rng, plan, mix.channel, i, planted));
      }
    }
  }
  return creatives;
}

/**
 * Splits an integer total into integer parts proportional to the weights (largest remainder),
 * each at most its cap; the parts sum to the total whenever the caps allow it.
 */
export function apportion(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const parts = weights.map(() => 0);
  let left = total;
  let open = weights.map((_, i) => i);
  while (left > 0 && open.length > 0) {
    const weightSum = open.reduce((sum, i) => sum + (weights[i] ?? 0), 0);
    const shares = open.map((i) =>
      weightSum > 0 ? (left * (weights[i] ?? 0)) / weightSum : left / open.length,
    );
    const room = (i: number) => (caps ? (caps[i] ?? 0) - (parts[i] ?? 0) : Number.POSITIVE_INFINITY);
    let given = 0;
    const remainders: { i: number; r: number }[] = [];
    open.forEach((i, k) => {
      const share = shares[k] ?? 0;
      const whole = Math.min(Math.floor(share), room(i));
      parts[i] = (parts[i] ?? 0) + whole;
      given += whole;
      if (room(i) > 0) remainders.push({ i, r: share - Math.floor(share) });
    });
    let rest = left - given;
    remainders.sort((a, b) => b.r - a.r || a.i - b.i);
    for (const { i } of remainders) {
      if (rest === 0) break;
      parts[i] = (parts[i] ?? 0) + 1;
      rest--;
    }
    const progressed = rest < left;
    left = rest;
    open = open.filter((i) => room(i) > 0);
    if (!progressed) break;
  }
  return parts;
}

function lastDayOfMonth(month: number): number {
  const date = new Date(month * 86_400_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / 86_400_000;
}

/** Splits each campaign-channel-month among the creatives live by its last day (the first always is). */
export function creativePerformanceRows(
  creatives: readonly Creative[],
  months: readonly ChannelMonth[],
): CreativeMonthRow[] {
  const byLine = new Map<string, Creative[]>();
  for (const c of creatives) {
    const key = `${c.campaignId}|${c.channel}`;
    const list = byLine.get(key) ?? [];
    list.push(c);
    byLine.set(key, list);
  }
  const rows: CreativeMonthRow[] = [];
  for (const m of months) {
    const line = byLine.get(`${m.campaignId}|${m.channel}`) ?? [];
    const end = lastDayOfMonth(m.month);
    const live = line.filter((c, i) => i === 0 || c.launched <= end);
    if (live.length === 0) continue;
    const impressions = apportion(
      m.impressions,
      live.map((c) => c.deliveryWeight),
    );
    const clicks = apportion(
      m.clicks,
      live.map((c, i) => (impressions[i] ?? 0) * c.ctrFactor),
      impressions,
    );
    const conversions = apportion(
      m.conversions,
      live.map((c, i) => (clicks[i] ?? 0) * c.cvrFactor),
      clicks,
    );
    const cents = apportion(
      m.spendCents,
      impressions.map((n) => Math.max(n, 1e-9)),
    );
    live.forEach((c, i) => {
      rows.push([
        m.month,
        c.creativeId,
        impressions[i] ?? 0,
        clicks[i] ?? 0,
        conversions[i] ?? 0,
        (cents[i] ?? 0) / 100,
      ]);
    });
  }
  return rows;
}
