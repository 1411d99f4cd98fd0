/**
 * The planted patterns and anomalies. Every number here is documented in data/README.md;
 * knowledge-base documents, reports and the evaluation set rely on them, so change both together
 * (and bump GENERATOR_VERSION).
 */
import type { Channel, Industry, Market, Objective } from './value-sets.ts';

/** 1. Creative fatigue: Automotive CTR collapses in June 2025 and recovers in July. */
export const AUTOMOTIVE_CTR_DIP = {
  industry: 'Automotive' satisfies Industry,
  from: '2025-06-01',
  to: '2025-06-30',
  /** Multiplier on the click-through rate, by channel. Impressions and spend are unchanged. */
  ctrFactorByChannel: {
    Display: 0.32,
    'Online Video': 0.34,
    Social: 0.55,
    Search: 0.62,
    Native: 0.5,
    CTV: 0.55,
  } satisfies Record<Channel, number>,
} as const;

/** 2. A Gaming brand launches a title in Q3 2025 and becomes the top Gaming brand by spend. */
export const GAMING_LAUNCH = {
  brand: 'Nebula Forge',
  title: 'Starfall Legends',
  launchDate: '2025-07-15',
  /** The brand's non-planted campaigns all end before this day, so Q2 2025 stays small. */
  quietFrom: '2025-01-01',
} as const;

/** 3. A budget-pacing error: one campaign spends 10x on one day without extra conversions. */
export const SPEND_SPIKE = {
  campaignName: 'Lumina Mart — Spring Clearance Blitz 2025',
  date: '2025-03-14',
  spendFactor: 10,
  /** Impressions, clicks and video views rise far less than spend; conversions and revenue do not rise. */
  deliveryFactor: 1.5,
} as const;

/** 4. A conversion-tracking outage: Thailand reports almost no conversions for three days. */
export const TRACKING_OUTAGE = {
  market: 'Thailand' satisfies Market,
  from: '2025-09-08',
  to: '2025-09-10',
  /** Multiplier on conversions (and so revenue); impressions, clicks and spend are unchanged. */
  conversionFactor: 0.02,
} as const;

/** 5. Beauty & Personal Care 11.11: the 2025 shopping festival is far bigger than 2024's. */
export const BEAUTY_SINGLES_DAY = {
  industry: 'Beauty & Personal Care' satisfies Industry,
  /** Height of the seasonal bump around 11 November (1 = +100 % daily spend at the peak). */
  amplitudeByYear: { 2024: 1.0, 2025: 3.6 },
} as const;

export interface PlantedCampaign {
  brand: string;
  /** Campaign name after the brand, e.g. "Spring Clearance 2025". */
  title: string;
  objective: Objective;
  start: string;
  end: string;
  channels: readonly Channel[];
  markets: readonly Market[];
  /** Planned daily spend (USD) before seasonality and trends. */
  baseDailySpend: number;
  /** Repeated round(scale) times at scales above 1 so the pattern keeps its weight. */
  replicate: boolean;
}

/**
 * Campaigns that exist at every scale, so each planted pattern is visible even in the tiny
 * warehouses the tests build.
 */
export const PLANTED_CAMPAIGNS: readonly PlantedCampaign[] = [
  // Always-on Automotive anchors with a steady channel mix: they keep Automotive's monthly CTR
  // stable enough that the June 2025 dip stands out in every market.
  ...(['2024', '2025'] as const).flatMap((year): PlantedCampaign[] => [
    {
      brand: 'Zentro Motors',
      title: `Always-On Brand ${year}`,
      objective: 'consideration',
      start: `${year}-01-01`,
      end: `${year}-12-31`,
      channels: ['Display', 'Online Video', 'Social', 'Search'],
      markets: ['Japan', 'Taiwan', 'Thailand', 'Malaysia', 'Singapore', 'Hong Kong'],
      baseDailySpend: 5000,
      replicate: true,
    },
    {
      brand: 'Kaimura Auto',
      title: `Always-On Performance ${year}`,
      objective: 'conversion',
      start: `${year}-01-01`,
      end: `${year}-12-31`,
      channels: ['Display', 'Online Video', 'Search', 'Native'],
      markets: ['Japan', 'Philippines', 'Vietnam', 'Taiwan'],
      baseDailySpend: 3500,
      replicate: true,
    },
  ]),
  {
    brand: GAMING_LAUNCH.brand,
    title: `${GAMING_LAUNCH.title} Pre-Registration 2025`,
    objective: 'consideration',
    start: '2025-06-09',
    end: '2025-07-14',
    channels: ['Social', 'Online Video'],
    markets: ['Singapore', 'Malaysia', 'Philippines', 'Thailand'],
    baseDailySpend: 2500,
    replicate: true,
  },
  {
    brand: GAMING_LAUNCH.brand,
    title: `${GAMING_LAUNCH.title} Launch 2025`,
    objective: 'conversion',
    start: GAMING_LAUNCH.launchDate,
    end: '2025-09-30',
    channels: ['Social', 'Online Video', 'CTV', 'Search', 'Display'],
    markets: ['Singapore', 'Malaysia', 'Philippines', 'Thailand', 'Vietnam', 'Taiwan', 'Hong Kong', 'Japan'],
    baseDailySpend: 14_000,
    replicate: true,
  },
  {
    brand: GAMING_LAUNCH.brand,
    title: `${GAMING_LAUNCH.title} Season 2 2025`,
    objective: 'consideration',
    start: '2025-10-15',
    end: '2025-12-14',
    channels: ['Social', 'Online Video', 'Search'],
    markets: ['Singapore', 'Malaysia', 'Philippines', 'Thailand', 'Vietnam', 'Taiwan'],
    baseDailySpend: 5000,
    replicate: true,
  },
  {
    brand: 'Lumina Mart',
    title: 'Spring Clearance Blitz 2025',
    objective: 'conversion',
    start: '2025-02-17',
    end: '2025-04-13',
    channels: ['Search', 'Social', 'Display'],
    markets: ['Singapore', 'Malaysia', 'Philippines', 'Hong Kong'],
    baseDailySpend: 5200,
    replicate: false,
  },
  {
    brand: 'Orchid Crown Hotels',
    title: 'Amazing Stays Autumn 2025',
    objective: 'consideration',
    start: '2025-08-01',
    end: '2025-10-31',
    channels: ['Search', 'Social', 'Display', 'Native'],
    markets: ['Thailand', 'Malaysia', 'Singapore', 'Vietnam', 'Japan'],
    baseDailySpend: 3000,
    replicate: true,
  },
  {
    brand: 'Aurelia Skin',
    title: '11.11 Beauty Countdown 2024',
    objective: 'conversion',
    start: '2024-10-25',
    end: '2024-11-13',
    channels: ['Social', 'Search', 'Display'],
    markets: ['Japan', 'Taiwan', 'Singapore', 'Malaysia', 'Thailand'],
    baseDailySpend: 3000,
    replicate: true,
  },
  {
    brand: 'Aurelia Skin',
    title: '11.11 Glow Festival 2025',
    objective: 'conversion',
    start: '2025-10-20',
    end: '2025-11-16',
    channels: ['Social', 'Search', 'Display', 'Online Video'],
    markets: ['Japan', 'Taiwan', 'Singapore', 'Malaysia', 'Thailand', 'Vietnam', 'Philippines'],
    baseDailySpend: 20_000,
    replicate: true,
  },
  {
    brand: 'Petalune',
    title: '11.11 Mega Beauty Sale 2025',
    objective: 'conversion',
    start: '2025-10-25',
    end: '2025-11-14',
    channels: ['Social', 'Search', 'Native'],
    markets: ['Taiwan', 'Hong Kong', 'Singapore'],
    baseDailySpend: 10_000,
    replicate: true,
  },
  {
    brand: 'Yumeko Beauty',
    title: "Singles' Day Glow-Up 2025",
    objective: 'conversion',
    start: '2025-10-27',
    end: '2025-11-13',
    channels: ['Social', 'Display', 'Search'],
    markets: ['Japan', 'Hong Kong', 'Taiwan', 'Thailand'],
    baseDailySpend: 12_000,
    replicate: true,
  },
  {
    brand: 'Koraline Cosmetics',
    title: '11.11 Flash Sale 2025',
    objective: 'conversion',
    start: '2025-11-01',
    end: '2025-11-12',
    channels: ['Social', 'Search', 'Display'],
    markets: ['Hong Kong', 'Singapore', 'Malaysia', 'Philippines'],
    baseDailySpend: 9000,
    replicate: true,
  },
];
