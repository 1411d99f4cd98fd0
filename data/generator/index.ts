/**
 * The deterministic sample-data generator behind the embedded warehouse. Pure: no I/O and no
 * database, so it can be tested on its own and fed into any builder. The same (seed, scale)
 * always yields the same catalog and the same rows, in the same order.
 */
import { ScoutError } from '../../src/errors.ts';
import { BRANDS, type Brand } from './brands.ts';
import { dayFromIso, isoFromDay } from './calendar.ts';
import { buildCampaignPlans, type CampaignPlan, comboCount } from './campaigns.ts';
import {
  buildCreatives,
  type ChannelMonth,
  type Creative,
  type CreativeMonthRow,
  creativePerformanceRows,
} from './creatives.ts';
import { generatePerformanceRows, type PerformanceRow } from './performance-rows.ts';
import { joinList, PROGRAMS, type Program } from './programs.ts';

export type { Brand } from './brands.ts';
export { AS_OF_ISO, dayFromIso, isoFromDay, WINDOW_END_ISO, WINDOW_START_ISO } from './calendar.ts';
export type { CampaignPlan } from './campaigns.ts';
export { PERSONAS, type Persona, personaCtrFactor } from './creative-copy.ts';
export type { ChannelMonth, Creative, CreativeMonthRow } from './creatives.ts';
export type { PerformanceRow } from './performance-rows.ts';
export * as planted from './planted.ts';
export { PLANTED_CREATIVES } from './planted-creatives.ts';
export type { Program } from './programs.ts';
export * from './schema.ts';
export * from './value-sets.ts';

/** Bump whenever the generated data changes, so stale warehouses are detected and rebuilt. */
export const GENERATOR_VERSION = '1.1.0';
export const DEFAULT_SEED = 42;
export const DEFAULT_SCALE = 1;
/** Scale 100 is about 100 million rows: far beyond any laptop benchmark. */
export const MAX_SCALE = 100;

export interface SampleDataOptions {
  /** Unsigned 32-bit integer. */
  seed?: number;
  /** Positive; 1 gives about one million ad_performance_daily rows. Multiplies the campaign count. */
  scale?: number;
}

/** A campaigns-table row (dates as ISO strings). */
export interface CampaignRecord {
  campaignId: string;
  campaignName: string;
  brand: string;
  industry: string;
  objective: string;
  startDate: string;
  endDate: string;
  budgetUsd: number;
}

/** A catalog row in table column order; DATE values are days since 1970-01-01. */
export type CatalogRow = readonly (string | number)[];

export interface SampleData {
  version: string;
  seed: number;
  scale: number;
  brands: readonly Brand[];
  campaigns: readonly CampaignRecord[];
  /** The full campaign plans (channel, device and market mixes), for tests and diagnostics. */
  plans: readonly CampaignPlan[];
  programs: readonly Program[];
  /** Exact number of ad_performance_daily rows `rows()` will yield. */
  expectedRows: number;
  /** Ad creatives per campaign and channel (their own seeded stream: the other tables do not change). */
  creatives: readonly Creative[];
  /** Rows of brands, campaigns, programs and creatives in column order, ready for an appender. */
  catalogRows: {
    brands: CatalogRow[];
    campaigns: CatalogRow[];
    programs: CatalogRow[];
    creatives: CatalogRow[];
  };
  /** ad_performance_daily in date order, in batches of about `batchRows` rows. */
  rows(batchRows?: number): Generator<PerformanceRow[], void, undefined>;
  /**
   * creative_performance_monthly from each campaign's monthly sums per channel (as summed from
   * `rows()`): the creatives' figures add up to them exactly.
   */
  creativeRows(months: readonly ChannelMonth[]): CreativeMonthRow[];
}

export function validateSampleOptions(options: SampleDataOptions): { seed: number; scale: number } {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    const message = `Invalid seed ${String(seed)}: expected an integer from 0 to 4294967295.`;
    throw new ScoutError('bad_input', message, { userMessage: message });
  }
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    const message = `Invalid scale ${String(scale)}: expected a number greater than 0 and at most ${MAX_SCALE}.`;
    throw new ScoutError('bad_input', message, { userMessage: message });
  }
  return { seed, scale };
}

export function generateSampleData(options: SampleDataOptions = {}): SampleData {
  const { seed, scale } = validateSampleOptions(options);
  const plans = buildCampaignPlans(seed, scale);
  const campaigns: CampaignRecord[] = plans.map((plan) => ({
    campaignId: plan.campaignId,
    campaignName: plan.campaignName,
    brand: plan.brand.brand,
    industry: plan.industry,
    objective: plan.objective,
    startDate: isoFromDay(plan.startDay),
    endDate: isoFromDay(plan.endDay),
    budgetUsd: plan.budgetUsd,
  }));
  const creatives = buildCreatives(plans, seed);
  const expectedRows = plans.reduce(
    (sum, plan) => sum + (plan.endDay - plan.startDay + 1) * comboCount(plan),
    0,
  );
  return {
    version: GENERATOR_VERSION,
    seed,
    scale,
    brands: BRANDS,
    campaigns,
    plans,
    programs: PROGRAMS,
    expectedRows,
    creatives,
    catalogRows: {
      brands: BRANDS.map((b) => [b.brand, b.advertiser, b.industry, b.homeMarket, b.tier]),
      campaigns: plans.map((p) => [
        p.campaignId,
        p.campaignName,
        p.brand.brand,
        p.industry,
        p.objective,
        p.startDay,
        p.endDay,
        p.budgetUsd,
      ]),
      programs: PROGRAMS.map((p) => [
        p.programId,
        p.name,
        p.summary,
        joinList(p.eligibleIndustries),
        p.minQuarterlySpendUsd,
        p.rebatePct,
        p.bonusImpressionsPct,
        joinList(p.channels),
        dayFromIso(p.starts),
        dayFromIso(p.ends),
        p.terms,
      ]),
      creatives: creatives.map((c) => [
        c.creativeId,
        c.campaignId,
        c.brand,
        c.industry,
        c.channel,
        c.persona,
        c.headline,
        c.body,
        c.cta,
        c.imageTags,
        c.launched,
      ]),
    },
    rows: (batchRows?: number) => generatePerformanceRows(plans, seed, batchRows),
    creativeRows: (months) => creativePerformanceRows(creatives, months),
  };
}
