/**
 * The ad_performance_daily rows. One row per (date, campaign, channel, device, market) for every
 * day of each campaign's flight, generated day by day (so the table is stored in date order and
 * date filters prune well) and emitted in batches so memory stays bounded at any scale.
 */

import { dayFromIso, FIRST_DAY, isWeekend, LAST_DAY, weekdayOf } from './calendar.ts';
import type { CampaignPlan } from './campaigns.ts';
import {
  AOV_BY_INDUSTRY,
  AOV_BY_MARKET,
  CPM_BY_CHANNEL,
  CPM_BY_DEVICE,
  CPM_BY_INDUSTRY,
  CPM_BY_MARKET,
  CTR_BY_CHANNEL,
  CTR_BY_DEVICE,
  CTR_BY_INDUSTRY,
  CTR_BY_OBJECTIVE,
  CVR_BY_CHANNEL,
  CVR_BY_DEVICE,
  CVR_BY_INDUSTRY,
  CVR_BY_OBJECTIVE,
  VTR_BY_CHANNEL,
} from './metrics-model.ts';
import { AUTOMOTIVE_CTR_DIP, SPEND_SPIKE, TRACKING_OUTAGE } from './planted.ts';
import { Rng } from './prng.ts';
import {
  CHANNEL_TREND_TABLE,
  CPM_PRESSURE,
  MARKET_TREND_TABLE,
  SEASON,
  WEEKDAY_SPEND,
  WEEKEND_CVR,
  WEEKEND_SPEND,
} from './seasonality.ts';
import type { Channel, Device, Industry, Market } from './value-sets.ts';

/** Column order of ad_performance_daily. `date` is days since 1970-01-01 (DuckDB's DATE unit). */
export type PerformanceRow = [
  date: number,
  campaignId: string,
  brand: string,
  industry: Industry,
  channel: Channel,
  device: Device,
  market: Market,
  impressions: number,
  clicks: number,
  conversions: number,
  videoViews: number,
  spendUsd: number,
  revenueUsd: number,
];

/** A campaign's (channel, device, market) line with everything that does not change by day. */
interface Line {
  channel: Channel;
  device: Device;
  market: Market;
  spendWeight: number;
  weekdaySpend: readonly number[];
  channelTrend: Float64Array;
  marketTrend: Float64Array;
  cpm: number;
  ctr: number;
  /** CTR multiplier during the Automotive creative-fatigue dip (1 for other industries). */
  ctrDip: number;
  cvr: number;
  vtr: number;
  aov: number;
  outageMarket: boolean;
}

interface ActiveCampaign {
  plan: CampaignPlan;
  lines: Line[];
  season: Float64Array;
  weekendSpend: number;
  weekendCvr: number;
}

const DIP_FROM = dayFromIso(AUTOMOTIVE_CTR_DIP.from);
const DIP_TO = dayFromIso(AUTOMOTIVE_CTR_DIP.to);
const OUTAGE_FROM = dayFromIso(TRACKING_OUTAGE.from);
const OUTAGE_TO = dayFromIso(TRACKING_OUTAGE.to);

function activate(plan: CampaignPlan): ActiveCampaign {
  const lines: Line[] = [];
  const industry = plan.industry;
  for (const mix of plan.channels) {
    for (const device of mix.devices) {
      for (const market of plan.markets) {
        const channel = mix.channel;
        lines.push({
          channel,
          device: device.value,
          market: market.value,
          spendWeight: mix.weight * device.weight * market.weight,
          weekdaySpend: WEEKDAY_SPEND[channel],
          channelTrend: CHANNEL_TREND_TABLE[channel],
          marketTrend: MARKET_TREND_TABLE[market.value],
          cpm:
            CPM_BY_CHANNEL[channel] *
            CPM_BY_MARKET[market.value] *
            CPM_BY_DEVICE[device.value] *
            CPM_BY_INDUSTRY[industry] *
            plan.cpmQuality,
          ctr:
            CTR_BY_CHANNEL[channel] *
            CTR_BY_INDUSTRY[industry] *
            CTR_BY_DEVICE[device.value] *
            CTR_BY_OBJECTIVE[plan.objective] *
            plan.ctrQuality,
          ctrDip:
            industry === AUTOMOTIVE_CTR_DIP.industry ? AUTOMOTIVE_CTR_DIP.ctrFactorByChannel[channel] : 1,
          cvr:
            CVR_BY_INDUSTRY[industry] *
            CVR_BY_CHANNEL[channel] *
            CVR_BY_DEVICE[device.value] *
            CVR_BY_OBJECTIVE[plan.objective] *
            plan.cvrQuality,
          vtr: VTR_BY_CHANNEL[channel],
          aov: AOV_BY_INDUSTRY[industry] * AOV_BY_MARKET[market.value] * plan.aovQuality,
          outageMarket: market.value === TRACKING_OUTAGE.market,
        });
      }
    }
  }
  return {
    plan,
    lines,
    season: SEASON[industry],
    weekendSpend: WEEKEND_SPEND[industry],
    weekendCvr: WEEKEND_CVR[industry],
  };
}

/** Plain code-unit order: locale-independent, so row order is the same on every machine. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Yields the rows of all campaigns in date order (then campaign id, channel, device, market),
 * in batches of at least `batchRows` rows (whole days, so a batch may be a little larger).
 */
export function* generatePerformanceRows(
  plans: readonly CampaignPlan[],
  seed: number,
  batchRows = 8192,
): Generator<PerformanceRow[], void, undefined> {
  const rng = new Rng(seed, 'performance');
  const byStart = [...plans].sort(
    (a, b) => a.startDay - b.startDay || compareIds(a.campaignId, b.campaignId),
  );
  let next = 0;
  let active: ActiveCampaign[] = [];
  let batch: PerformanceRow[] = [];

  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const index = day - FIRST_DAY;
    const weekday = weekdayOf(day);
    const weekend = isWeekend(day);
    const cpmPressure = CPM_PRESSURE[index] ?? 1;
    const inDip = day >= DIP_FROM && day <= DIP_TO;
    const inOutage = day >= OUTAGE_FROM && day <= OUTAGE_TO;

    active = active.filter((campaign) => campaign.plan.endDay >= day);
    let started = false;
    while (next < byStart.length && (byStart[next] as CampaignPlan).startDay <= day) {
      active.push(activate(byStart[next] as CampaignPlan));
      next++;
      started = true;
    }
    if (started) active.sort((a, b) => compareIds(a.plan.campaignId, b.plan.campaignId));

    for (const { plan, lines, season, weekendSpend, weekendCvr } of active) {
      const seasonal = season[index] ?? 1;
      const daySpend = plan.baseDailySpend * seasonal * (weekend ? weekendSpend : 1);
      // Conversion rates lift with the season (festival shoppers buy), but less than spend does.
      const cvrDay = seasonal ** 0.35 * (weekend ? weekendCvr : 1);
      const spike = plan.spikeDay === day;
      for (const line of lines) {
        const spend =
          daySpend *
          line.spendWeight *
          (line.weekdaySpend[weekday] ?? 1) *
          (line.channelTrend[index] ?? 1) *
          (line.marketTrend[index] ?? 1) *
          rng.noise(0.15);
        const cpm = line.cpm * cpmPressure * rng.noise(0.06);
        let impressions = Math.max(1, rng.roundCount((spend * 1000) / cpm));
        const ctr = line.ctr * (inDip ? line.ctrDip : 1) * rng.noise(0.1);
        let clicks = Math.min(impressions, rng.roundCount(impressions * ctr));
        const cvr =
          line.cvr *
          cvrDay *
          rng.noise(0.12) *
          (inOutage && line.outageMarket ? TRACKING_OUTAGE.conversionFactor : 1);
        const conversions = Math.min(clicks, rng.roundCount(clicks * cvr));
        let videoViews =
          line.vtr > 0 ? Math.min(impressions, rng.roundCount(impressions * line.vtr * rng.noise(0.05))) : 0;
        const revenue = conversions > 0 ? cents(conversions * line.aov * rng.noise(0.15)) : 0;
        let spendUsd = Math.max(0.01, cents(spend));
        if (spike) {
          // The pacing error buys a lot more of the same inventory at a much higher price: delivery
          // rises a little, spend ten-fold, conversions not at all.
          spendUsd = cents(spendUsd * SPEND_SPIKE.spendFactor);
          impressions = Math.round(impressions * SPEND_SPIKE.deliveryFactor);
          clicks = Math.min(impressions, Math.round(clicks * SPEND_SPIKE.deliveryFactor));
          videoViews = Math.min(impressions, Math.round(videoViews * SPEND_SPIKE.deliveryFactor));
        }
        batch.push([
          day,
          plan.campaignId,
          plan.brand.brand,
          plan.industry,
          line.channel,
          line.device,
          line.market,
          impressions,
          clicks,
          conversions,
          videoViews,
          spendUsd,
          revenue,
        ]);
      }
    }
    if (batch.length >= batchRows) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
