/**
 * The campaign catalog: a scale-proportional number of random campaigns plus the planted ones,
 * each with its flight, channel/device/market mix, planned daily spend and quality factors.
 * Budgets are derived from the plan (planned spend / an 88–97 % utilisation), so delivered spend
 * stays just under budget — except for the planted overspend.
 */
import { BRANDS, type Brand, brandByName } from './brands.ts';
import { DAY_COUNT, dayFromIso, FIRST_DAY, weekdayOf, yearMonthOf } from './calendar.ts';
import { themesFor } from './campaign-themes.ts';
import { DEVICE_SHARE, MARKET_SIZE } from './metrics-model.ts';
import { GAMING_LAUNCH, PLANTED_CAMPAIGNS, type PlantedCampaign, SPEND_SPIKE } from './planted.ts';
import { Rng } from './prng.ts';
import {
  CHANNEL_TREND_TABLE,
  MARKET_TREND_TABLE,
  SEASON,
  seasonAt,
  WEEKDAY_SPEND,
  WEEKEND_SPEND,
} from './seasonality.ts';
import {
  CHANNELS,
  type Channel,
  type Device,
  INDUSTRIES,
  type Industry,
  MARKETS,
  type Market,
  OBJECTIVES,
  type Objective,
  recordOf,
  type Tier,
} from './value-sets.ts';

/** Random campaigns at scale 1; planted campaigns come on top. */
export const RANDOM_CAMPAIGNS_PER_SCALE = 800;

export interface Weighted<T> {
  value: T;
  /** Share of the parent's spend; siblings sum to 1. */
  weight: number;
}

export interface ChannelMix {
  channel: Channel;
  weight: number;
  devices: Weighted<Device>[];
}

export interface CampaignPlan {
  campaignId: string;
  campaignName: string;
  brand: Brand;
  industry: Industry;
  objective: Objective;
  /** Inclusive, as days since 1970-01-01, clipped to the sample window. */
  startDay: number;
  endDay: number;
  budgetUsd: number;
  channels: ChannelMix[];
  markets: Weighted<Market>[];
  /** Planned spend per day before seasonality, weekday and trends. */
  baseDailySpend: number;
  ctrQuality: number;
  cvrQuality: number;
  cpmQuality: number;
  aovQuality: number;
  /** The day of the planted budget-pacing error, when this is the spike campaign. */
  spikeDay: number | null;
}

/** A campaign before ids, unique names and budgets are assigned. */
type Draft = Omit<CampaignPlan, 'campaignId' | 'campaignName' | 'budgetUsd'> & {
  title: string;
  planted: boolean;
  /** Share of the budget the plan is expected to deliver. */
  utilisation: number;
};

const TIER_DAILY_SPEND: Record<Tier, number> = { enterprise: 2000, 'mid-market': 1100, smb: 550 };
const TIER_PICK_WEIGHT: Record<Tier, number> = { enterprise: 3, 'mid-market': 2, smb: 1 };
const TIER_EXTRA_MARKETS: Record<Tier, [number, number]> = {
  enterprise: [2, 4],
  'mid-market': [1, 2],
  smb: [0, 1],
};

const INDUSTRY_SPEND_FACTOR: Record<Industry, number> = {
  Automotive: 1.2,
  'Beauty & Personal Care': 1.0,
  'Consumer Electronics': 1.15,
  'Financial Services': 1.1,
  'Food & Beverage': 0.9,
  Gaming: 0.9,
  'Retail & E-commerce': 1.2,
  'Travel & Hospitality': 1.0,
};

/** [awareness, consideration, conversion] weights. */
const OBJECTIVE_MIX: Record<Industry, [number, number, number]> = {
  Automotive: [0.45, 0.35, 0.2],
  'Beauty & Personal Care': [0.3, 0.3, 0.4],
  'Consumer Electronics': [0.35, 0.35, 0.3],
  'Financial Services': [0.25, 0.35, 0.4],
  'Food & Beverage': [0.45, 0.3, 0.25],
  Gaming: [0.25, 0.25, 0.5],
  'Retail & E-commerce': [0.2, 0.3, 0.5],
  'Travel & Hospitality': [0.3, 0.35, 0.35],
};

const OBJECTIVE_SPEND_FACTOR: Record<Objective, number> = {
  awareness: 1.2,
  consideration: 1.0,
  conversion: 0.9,
};

/** Inclusive duration range in days. */
const OBJECTIVE_DURATION: Record<Objective, [number, number]> = {
  awareness: [21, 90],
  consideration: [28, 100],
  conversion: [30, 140],
};

/** Probability that a campaign with this objective uses the channel (CTV is time-dependent). */
const CHANNEL_INCLUSION: Record<Objective, Record<Channel, number>> = {
  awareness: { Display: 0.7, 'Online Video': 0.75, Social: 0.6, Search: 0.15, Native: 0.3, CTV: 1 },
  consideration: { Display: 0.5, 'Online Video': 0.5, Social: 0.8, Search: 0.4, Native: 0.5, CTV: 0.6 },
  conversion: { Display: 0.55, 'Online Video': 0.2, Social: 0.75, Search: 0.85, Native: 0.45, CTV: 0.1 },
};

/** Relative spend per channel within a campaign, by objective. */
const CHANNEL_SHARE: Record<Objective, Record<Channel, number>> = {
  awareness: { Display: 1.0, 'Online Video': 1.3, Social: 1.0, Search: 0.5, Native: 0.6, CTV: 1.5 },
  consideration: { Display: 0.8, 'Online Video': 1.0, Social: 1.3, Search: 0.9, Native: 0.9, CTV: 1.2 },
  conversion: { Display: 0.8, 'Online Video': 0.6, Social: 1.2, Search: 1.6, Native: 0.7, CTV: 0.8 },
};

const MAX_CHANNELS = 4;
/** Random flights may start up to a year before the window (and are clipped to it). */
const LEAD_IN_DAYS = 365;
const LAST_START_INDEX = DAY_COUNT - 15;

/** 0 at 2024-01-01, 1 at 2025-12-31. */
function progress(index: number): number {
  return Math.min(1, Math.max(0, index / (DAY_COUNT - 1)));
}

function normalise<T>(items: Weighted<T>[]): Weighted<T>[] {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  return items.map((item) => ({ value: item.value, weight: item.weight / total }));
}

/** Campaign starts cluster a few weeks ahead of each industry's peaks and grow year over year. */
const START_CDF: Record<Industry, Float64Array> = recordOf(INDUSTRIES, (industry) => {
  const cdf = new Float64Array(LAST_START_INDEX + LEAD_IN_DAYS + 1);
  let total = 0;
  for (let k = 0; k < cdf.length; k++) {
    const index = k - LEAD_IN_DAYS;
    total += seasonAt(industry, index + 21) * (1 + (0.05 * index) / 365);
    cdf[k] = total;
  }
  return cdf;
});

/**
 * Start day for a flight of `duration` days that reaches at least a week into the window, drawn
 * from the industry's start weights restricted to the feasible range. `u` in [0, 1) comes from a
 * low-discrepancy sequence so starts spread evenly even for a few hundred campaigns.
 */
function sampleStartIndex(u: number, industry: Industry, duration: number): number {
  const cdf = START_CDF[industry];
  const earliest = Math.max(0, 7 - duration + LEAD_IN_DAYS);
  const below = earliest > 0 ? (cdf[earliest - 1] ?? 0) : 0;
  const target = below + u * ((cdf[cdf.length - 1] ?? 0) - below);
  let lo = earliest;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo - LEAD_IN_DAYS;
}

function pickDevices(rng: Rng, channel: Channel): Weighted<Device>[] {
  if (channel === 'CTV') return [{ value: 'Connected TV', weight: 1 }];
  const share = DEVICE_SHARE[channel];
  const chosen: Weighted<Device>[] = [{ value: 'Mobile', weight: (share.Mobile ?? 0) * rng.noise(0.2) }];
  if (rng.chance(channel === 'Social' ? 0.55 : 0.8)) {
    chosen.push({ value: 'Desktop', weight: (share.Desktop ?? 0) * rng.noise(0.2) });
  }
  if (rng.chance(0.3)) chosen.push({ value: 'Tablet', weight: (share.Tablet ?? 0) * rng.noise(0.2) });
  return normalise(chosen);
}

function channelMix(rng: Rng, objective: Objective, channels: readonly Channel[]): ChannelMix[] {
  const weighted = normalise(
    channels.map((channel) => ({
      value: channel,
      weight: CHANNEL_SHARE[objective][channel] * rng.noise(0.25),
    })),
  );
  return weighted.map(({ value, weight }) => ({ channel: value, weight, devices: pickDevices(rng, value) }));
}

function pickChannels(rng: Rng, objective: Objective, startIndex: number): Channel[] {
  const t = progress(startIndex);
  const probability = (channel: Channel): number => {
    const base = CHANNEL_INCLUSION[objective][channel];
    // CTV adoption grows through the two years; Display loses favour.
    if (channel === 'CTV') return base * (0.15 + 0.35 * t);
    if (channel === 'Display') return base * (1 - 0.3 * t);
    return base;
  };
  let chosen = CHANNELS.filter((channel) => rng.chance(probability(channel)));
  if (chosen.length === 0) {
    const best = [...CHANNELS].sort((a, b) => probability(b) - probability(a))[0] ?? 'Social';
    chosen = [best];
  }
  while (chosen.length > MAX_CHANNELS) chosen.splice(rng.int(0, chosen.length - 1), 1);
  return chosen;
}

function pickMarkets(rng: Rng, brand: Brand, startIndex: number): Weighted<Market>[] {
  const t = progress(startIndex);
  const [minExtra, maxExtra] = TIER_EXTRA_MARKETS[brand.tier];
  const extra = rng.int(minExtra, maxExtra);
  const affinity = (market: Market): number => {
    // Advertisers expand into Vietnam (and the Philippines) over the two years.
    if (market === 'Vietnam') return MARKET_SIZE[market] * (0.4 + 1.2 * t);
    if (market === 'Philippines') return MARKET_SIZE[market] * (0.8 + 0.4 * t);
    return MARKET_SIZE[market];
  };
  const candidates = MARKETS.filter((market) => market !== brand.homeMarket);
  const chosen: Weighted<Market>[] = [
    { value: brand.homeMarket, weight: 1.5 * MARKET_SIZE[brand.homeMarket] },
  ];
  for (let n = 0; n < extra && candidates.length > 0; n++) {
    const index = rng.weightedIndex(candidates.map(affinity));
    const market = candidates.splice(index, 1)[0] as Market;
    chosen.push({ value: market, weight: affinity(market) * rng.uniform(0.3, 0.8) });
  }
  return normalise(chosen);
}

function qualityFactors(
  rng: Rng,
): Pick<CampaignPlan, 'ctrQuality' | 'cvrQuality' | 'cpmQuality' | 'aovQuality'> {
  return {
    ctrQuality: rng.noise(0.18),
    cvrQuality: rng.noise(0.22),
    cpmQuality: rng.noise(0.1),
    aovQuality: rng.noise(0.1),
  };
}

const BRAND_WEIGHTS = BRANDS.map((brand) => TIER_PICK_WEIGHT[brand.tier]);
const OTHER_GAMING_BRANDS = BRANDS.filter((b) => b.industry === 'Gaming' && b.brand !== GAMING_LAUNCH.brand);
const LAUNCH_QUIET_INDEX = dayFromIso(GAMING_LAUNCH.quietFrom) - FIRST_DAY;

/** Additive recurrence with the golden ratio: the n-th point of an evenly spread sequence in [0, 1). */
function goldenFraction(seed: number, n: number): number {
  const offset = new Rng(seed, 'start-sequence').next();
  const value = offset + n * 0.618_033_988_749_895;
  return value - Math.floor(value);
}

function randomDraft(seed: number, n: number): Draft {
  const rng = new Rng(seed, `campaign:${n}`);
  let brand = BRANDS[rng.weightedIndex(BRAND_WEIGHTS)] as Brand;
  const industry = brand.industry;
  const objective = OBJECTIVES[rng.weightedIndex(OBJECTIVE_MIX[industry])] as Objective;
  const [minDays, maxDays] = OBJECTIVE_DURATION[objective];
  const alwaysOn = rng.chance(0.1);
  const duration = alwaysOn ? rng.int(180, 365) : rng.int(minDays, maxDays);
  // Flights may start before the window, so the number of running campaigns is already in steady
  // state on 2024-01-01 (no artificial ramp-up).
  const start = sampleStartIndex(goldenFraction(seed, n), industry, duration);
  const end = start + duration - 1;
  if (brand.brand === GAMING_LAUNCH.brand && end >= LAUNCH_QUIET_INDEX) {
    // The launching studio is quiet in 2025 apart from its planted launch campaigns: a flight
    // that would run then goes to another Gaming studio.
    brand = rng.pick(OTHER_GAMING_BRANDS);
  }
  const startIndex = Math.max(0, start);
  const endIndex = Math.min(DAY_COUNT - 1, end);
  const channels = channelMix(rng, objective, pickChannels(rng, objective, startIndex));
  const markets = pickMarkets(rng, brand, startIndex);
  const startDay = FIRST_DAY + startIndex;
  const { year, month } = yearMonthOf(startDay);
  const title = `${rng.pick(themesFor(industry, month, endIndex - startIndex + 1))} ${year}`;
  const baseDailySpend =
    TIER_DAILY_SPEND[brand.tier] *
    OBJECTIVE_SPEND_FACTOR[objective] *
    INDUSTRY_SPEND_FACTOR[industry] *
    (0.6 + 0.2 * markets.length) *
    (alwaysOn ? 0.6 : 1) *
    (1 + (0.02 * startIndex) / 365) *
    rng.noise(0.25);
  return {
    title,
    planted: false,
    brand,
    industry,
    objective,
    startDay,
    endDay: FIRST_DAY + endIndex,
    channels,
    markets,
    baseDailySpend,
    ...qualityFactors(rng),
    spikeDay: null,
    utilisation: rng.uniform(0.88, 0.97),
  };
}

function plantedDraft(seed: number, spec: PlantedCampaign, index: number, copy: number): Draft {
  const rng = new Rng(seed, `planted:${index}:${copy}`);
  const brand = brandByName(spec.brand);
  const isSpike = `${spec.brand} — ${spec.title}` === SPEND_SPIKE.campaignName && copy === 0;
  return {
    title: spec.title,
    planted: true,
    brand,
    industry: brand.industry,
    objective: spec.objective,
    startDay: dayFromIso(spec.start),
    endDay: dayFromIso(spec.end),
    channels: channelMix(rng, spec.objective, spec.channels),
    markets: normalise(
      spec.markets.map((market) => ({ value: market, weight: MARKET_SIZE[market] * rng.noise(0.2) })),
    ),
    baseDailySpend: spec.baseDailySpend * rng.noise(0.05),
    ...qualityFactors(rng),
    spikeDay: isSpike ? dayFromIso(SPEND_SPIKE.date) : null,
    utilisation: rng.uniform(0.88, 0.97),
  };
}

/** Planned (noise-free) spend of one campaign on one day, before any planted anomaly. */
export function plannedSpend(
  plan: Pick<CampaignPlan, 'industry' | 'baseDailySpend' | 'channels' | 'markets'>,
  day: number,
): number {
  const index = day - FIRST_DAY;
  const weekday = weekdayOf(day);
  let channelFactor = 0;
  for (const { channel, weight } of plan.channels) {
    channelFactor +=
      weight * (WEEKDAY_SPEND[channel][weekday] ?? 1) * (CHANNEL_TREND_TABLE[channel][index] ?? 1);
  }
  let marketFactor = 0;
  for (const { value, weight } of plan.markets)
    marketFactor += weight * (MARKET_TREND_TABLE[value][index] ?? 1);
  const weekend = weekday >= 5 ? WEEKEND_SPEND[plan.industry] : 1;
  return plan.baseDailySpend * (SEASON[plan.industry][index] ?? 1) * weekend * channelFactor * marketFactor;
}

export function comboCount(plan: Pick<CampaignPlan, 'channels' | 'markets'>): number {
  return plan.channels.reduce((sum, mix) => sum + mix.devices.length, 0) * plan.markets.length;
}

function plannedBudget(draft: Draft): number {
  let total = 0;
  for (let day = draft.startDay; day <= draft.endDay; day++) total += plannedSpend(draft, day);
  return Math.ceil(total / draft.utilisation / 500) * 500;
}

/**
 * All campaigns for a seed and scale, ordered by start date and numbered C00001, C00002, ….
 * Random campaign n depends only on (seed, n), so a smaller scale yields a subset of a larger one.
 */
export function buildCampaignPlans(seed: number, scale: number): CampaignPlan[] {
  const drafts: Draft[] = [];
  const copies = Math.max(1, Math.round(scale));
  PLANTED_CAMPAIGNS.forEach((spec, index) => {
    for (let copy = 0; copy < (spec.replicate ? copies : 1); copy++) {
      drafts.push(plantedDraft(seed, spec, index, copy));
    }
  });
  const randomCount = Math.round(RANDOM_CAMPAIGNS_PER_SCALE * scale);
  for (let n = 0; n < randomCount; n++) drafts.push(randomDraft(seed, n));

  // Unique names: planted names are reserved first so the planted campaigns keep their exact names.
  const taken = new Set<string>();
  const names = new Map<Draft, string>();
  const uniqueName = (base: string): string => {
    let name = base;
    for (let flight = 2; taken.has(name); flight++) name = `${base} (Flight ${flight})`;
    taken.add(name);
    return name;
  };
  for (const draft of drafts.filter((d) => d.planted))
    names.set(draft, uniqueName(`${draft.brand.brand} — ${draft.title}`));

  const ordered = drafts
    .map((draft, order) => ({ draft, order }))
    .sort(
      (a, b) => a.draft.startDay - b.draft.startDay || a.draft.endDay - b.draft.endDay || a.order - b.order,
    );
  return ordered.map(({ draft }, position) => {
    const { title: _title, planted: _planted, utilisation: _utilisation, ...plan } = draft;
    return {
      ...plan,
      campaignId: `C${String(position + 1).padStart(5, '0')}`,
      campaignName: names.get(draft) ?? uniqueName(`${draft.brand.brand} — ${draft.title}`),
      budgetUsd: plannedBudget(draft),
    };
  });
}
