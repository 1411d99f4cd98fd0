import { describe, expect, it } from 'vitest';
import { apportion } from '../../data/generator/creatives.ts';
import {
  CHANNELS,
  type ChannelMonth,
  generateSampleData,
  PERSONAS,
  PLANTED_CREATIVES,
  personaCtrFactor,
  type SampleData,
} from '../../data/generator/index.ts';

const TINY = 0.05;

/** Each campaign's monthly sums per channel, summed here from the generated daily rows. */
function channelMonths(data: SampleData): ChannelMonth[] {
  const sums = new Map<string, ChannelMonth>();
  for (const batch of data.rows())
    for (const row of batch) {
      const date = new Date(row[0] * 86_400_000);
      const month = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000;
      const key = `${row[1]}|${row[4]}|${month}`;
      const sum = sums.get(key) ?? {
        campaignId: row[1],
        channel: row[4],
        month,
        impressions: 0,
        clicks: 0,
        conversions: 0,
        spendCents: 0,
      };
      sum.impressions += row[7];
      sum.clicks += row[8];
      sum.conversions += row[9];
      sum.spendCents += Math.round(row[11] * 100);
      sums.set(key, sum);
    }
  return [...sums.values()];
}

describe('apportion', () => {
  it('splits a total exactly, in proportion, within caps', () => {
    expect(apportion(10, [1, 1, 2])).toEqual([3, 2, 5]);
    expect(apportion(7, [1, 0, 0])).toEqual([7, 0, 0]);
    const capped = apportion(10, [10, 1], [4, 100]);
    expect(capped).toEqual([4, 6]);
    expect(apportion(0, [1, 2])).toEqual([0, 0]);
  });
});

describe('sample creatives', () => {
  const data = generateSampleData({ seed: 42, scale: TINY });
  const months = channelMonths(data);
  const rows = data.creativeRows(months);
  const byId = new Map(data.creatives.map((c) => [c.creativeId, c]));

  it('gives every campaign channel two to four creatives with unique ids and contract values', () => {
    expect(new Set(data.creatives.map((c) => c.creativeId)).size).toBe(data.creatives.length);
    for (const plan of data.plans)
      for (const mix of plan.channels) {
        const count = data.creatives.filter(
          (c) => c.campaignId === plan.campaignId && c.channel === mix.channel,
        ).length;
        expect(count).toBeGreaterThanOrEqual(2);
        expect(count).toBeLessThanOrEqual(4);
      }
    for (const c of data.creatives) {
      expect(PERSONAS).toContain(c.persona);
      expect(CHANNELS).toContain(c.channel);
      expect(c.headline.length).toBeLessThanOrEqual(
        c.channel === 'Search' || c.channel === 'Display' ? 30 : 40,
      );
      const plan = data.plans.find((p) => p.campaignId === c.campaignId);
      expect(c.launched).toBeGreaterThanOrEqual(plan?.startDay ?? Number.NaN);
      expect(c.launched).toBeLessThanOrEqual(plan?.endDay ?? Number.NaN);
    }
  });

  it("sums, for every campaign, channel and month, exactly to the campaign's daily rows", () => {
    const sums = new Map<string, number[]>();
    for (const [month, id, impressions, clicks, conversions, spend] of rows) {
      const c = byId.get(id);
      const key = `${c?.campaignId}|${c?.channel}|${month}`;
      const sum = sums.get(key) ?? [0, 0, 0, 0];
      sums.set(key, [
        (sum[0] ?? 0) + impressions,
        (sum[1] ?? 0) + clicks,
        (sum[2] ?? 0) + conversions,
        (sum[3] ?? 0) + Math.round(spend * 100),
      ]);
    }
    expect(sums.size).toBe(months.length);
    for (const m of months)
      expect(sums.get(`${m.campaignId}|${m.channel}|${m.month}`)).toEqual([
        m.impressions,
        m.clicks,
        m.conversions,
        m.spendCents,
      ]);
    for (const [, , impressions, clicks, conversions] of rows) {
      expect(clicks).toBeLessThanOrEqual(impressions);
      expect(conversions).toBeLessThanOrEqual(clicks);
    }
  });

  it('is deterministic and leaves the daily rows untouched', () => {
    const again = generateSampleData({ seed: 42, scale: TINY });
    expect(again.creatives).toEqual(data.creatives);
    expect(again.creativeRows(months)).toEqual(rows);
  });

  it('plants every winner and loser at scale 1, with its persona', () => {
    const full = generateSampleData({ seed: 42, scale: 1 });
    for (const spec of PLANTED_CREATIVES) {
      const found = full.creatives.filter((c) => c.planted === spec);
      expect(found).toHaveLength(1);
      expect(found[0]?.persona).toBe(spec.persona);
      expect(found[0]?.brand).toBe(spec.brand);
    }
  });

  it('makes personas differ by industry and channel', () => {
    expect(personaCtrFactor('Visual Poet', 'Beauty & Personal Care', 'Social')).toBeGreaterThan(
      personaCtrFactor('Heritage Historian', 'Beauty & Personal Care', 'Social'),
    );
    expect(personaCtrFactor('Functionality Reviewer', 'Financial Services', 'Search')).toBeGreaterThan(
      personaCtrFactor('Visual Poet', 'Financial Services', 'Search'),
    );
  });
});
