import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  DEVICES,
  dayFromIso,
  GENERATOR_VERSION,
  generateSampleData,
  INDUSTRIES,
  isoFromDay,
  MARKETS,
  OBJECTIVES,
  type PerformanceRow,
  planted,
  type SampleData,
  TIERS,
} from '../../data/generator/index.ts';
import { isScoutError } from '../../src/errors.ts';

const FIRST = dayFromIso('2024-01-01');
const LAST = dayFromIso('2025-12-31');
const TINY = 0.05;

function allRows(data: SampleData): PerformanceRow[] {
  const rows: PerformanceRow[] = [];
  for (const batch of data.rows()) rows.push(...batch);
  return rows;
}

function hashRows(data: SampleData): string {
  const hash = createHash('sha256');
  for (const batch of data.rows(5000)) for (const row of batch) hash.update(`${row.join('|')}\n`);
  return hash.digest('hex');
}

function isCents(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

describe('sample catalog', () => {
  const data = generateSampleData({ seed: 42, scale: 1 });

  it('has a version', () => {
    expect(GENERATOR_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(data.version).toBe(GENERATOR_VERSION);
  });

  it('has at least 70 fictional brands over all 8 industries, with valid attributes', () => {
    expect(data.brands.length).toBeGreaterThanOrEqual(70);
    expect(new Set(data.brands.map((b) => b.brand)).size).toBe(data.brands.length);
    for (const brand of data.brands) {
      expect(INDUSTRIES).toContain(brand.industry);
      expect(MARKETS).toContain(brand.homeMarket);
      expect(TIERS).toContain(brand.tier);
      expect(brand.advertiser.length).toBeGreaterThan(0);
    }
    for (const industry of INDUSTRIES) {
      expect(data.brands.filter((b) => b.industry === industry).length).toBeGreaterThanOrEqual(5);
    }
    for (const tier of TIERS) expect(data.brands.some((b) => b.tier === tier)).toBe(true);
  });

  it('has at least 600 campaigns at scale 1 and about a million rows, without generating them', () => {
    expect(data.campaigns.length).toBeGreaterThanOrEqual(600);
    expect(data.expectedRows).toBeGreaterThanOrEqual(900_000);
    expect(data.expectedRows).toBeLessThanOrEqual(1_200_000);
  });

  it('gives campaigns unique ids and names, valid flights and the brand industry', () => {
    const brands = new Map(data.brands.map((b) => [b.brand, b]));
    expect(new Set(data.campaigns.map((c) => c.campaignId)).size).toBe(data.campaigns.length);
    expect(new Set(data.campaigns.map((c) => c.campaignName)).size).toBe(data.campaigns.length);
    for (const campaign of data.campaigns) {
      expect(campaign.campaignId).toMatch(/^C\d{5}$/);
      expect(campaign.campaignName.startsWith(`${campaign.brand} — `)).toBe(true);
      expect(brands.get(campaign.brand)?.industry).toBe(campaign.industry);
      expect(OBJECTIVES).toContain(campaign.objective);
      expect(campaign.startDate >= '2024-01-01').toBe(true);
      expect(campaign.endDate <= '2025-12-31').toBe(true);
      expect(campaign.startDate <= campaign.endDate).toBe(true);
      expect(campaign.budgetUsd).toBeGreaterThan(0);
    }
    for (const objective of OBJECTIVES)
      expect(data.campaigns.some((c) => c.objective === objective)).toBe(true);
  });

  it('has at least 8 programs with valid industries, channels and dates', () => {
    expect(data.programs.length).toBeGreaterThanOrEqual(8);
    expect(new Set(data.programs.map((p) => p.programId)).size).toBe(data.programs.length);
    for (const program of data.programs) {
      expect(program.eligibleIndustries.length).toBeGreaterThan(0);
      for (const industry of program.eligibleIndustries) expect(INDUSTRIES).toContain(industry);
      for (const channel of program.channels) expect(CHANNELS).toContain(channel);
      expect(program.starts <= program.ends).toBe(true);
      expect(program.minQuarterlySpendUsd).toBeGreaterThan(0);
      expect(program.terms.length).toBeGreaterThan(20);
    }
  });

  it('keeps every planted campaign at every scale, and the spike campaign exactly once', () => {
    for (const scale of [TINY, 1, 3]) {
      const names = generateSampleData({ seed: 42, scale }).campaigns.map((c) => c.campaignName);
      for (const spec of planted.PLANTED_CAMPAIGNS) expect(names).toContain(`${spec.brand} — ${spec.title}`);
      expect(names.filter((n) => n === planted.SPEND_SPIKE.campaignName)).toHaveLength(1);
    }
  });

  it('scales the number of campaigns with scale, keeping the brand catalog', () => {
    const tiny = generateSampleData({ seed: 42, scale: TINY });
    const double = generateSampleData({ seed: 42, scale: 2 });
    expect(tiny.campaigns.length).toBeLessThan(data.campaigns.length / 5);
    expect(double.campaigns.length).toBeGreaterThan(data.campaigns.length * 1.9);
    expect(tiny.brands).toEqual(data.brands);
  });
});

describe('sample rows', () => {
  const data = generateSampleData({ seed: 42, scale: TINY });
  const rows = allRows(data);

  it('yields exactly the announced number of rows, in bounded batches', () => {
    expect(rows.length).toBe(data.expectedRows);
    let largest = 0;
    for (const batch of data.rows(1000)) largest = Math.max(largest, batch.length);
    expect(largest).toBeLessThan(5000);
  });

  it('is deterministic for a seed and scale, and differs for another seed', () => {
    const again = generateSampleData({ seed: 42, scale: TINY });
    expect(again.campaigns).toEqual(data.campaigns);
    expect(hashRows(again)).toBe(hashRows(data));
    expect(hashRows(generateSampleData({ seed: 7, scale: TINY }))).not.toBe(hashRows(data));
  });

  it('uses exactly the contract value sets and the full date range', () => {
    const distinct = (i: number) => new Set(rows.map((r) => r[i]));
    expect([...distinct(3)].sort()).toEqual([...INDUSTRIES].sort());
    expect([...distinct(4)].sort()).toEqual([...CHANNELS].sort());
    expect([...distinct(5)].sort()).toEqual([...DEVICES].sort());
    expect([...distinct(6)].sort()).toEqual([...MARKETS].sort());
    const days = rows.map((r) => r[0]);
    expect(isoFromDay(days.reduce((a, b) => Math.min(a, b)))).toBe('2024-01-01');
    expect(isoFromDay(days.reduce((a, b) => Math.max(a, b)))).toBe('2025-12-31');
  });

  it('keeps the funnel and the channel/device pairing consistent', () => {
    const campaigns = new Map(data.campaigns.map((c) => [c.campaignId, c]));
    // Collect violations instead of asserting per row: ~100k rows × a dozen checks.
    const violations: string[] = [];
    const check = (ok: boolean, what: string, row: PerformanceRow) => {
      if (!ok && violations.length < 10) violations.push(`${what}: ${row.join(' | ')}`);
    };
    for (const row of rows) {
      const [
        day,
        id,
        brand,
        industry,
        channel,
        device,
        ,
        impressions,
        clicks,
        conversions,
        views,
        spend,
        revenue,
      ] = row;
      const campaign = campaigns.get(id);
      const iso = isoFromDay(day);
      check(day >= FIRST && day <= LAST, 'date outside the window', row);
      check(
        campaign?.brand === brand && campaign?.industry === industry,
        'brand/industry differ from the campaign',
        row,
      );
      check(
        campaign !== undefined && iso >= campaign.startDate && iso <= campaign.endDate,
        'row outside its flight',
        row,
      );
      check(impressions > 0, 'no impressions', row);
      check(clicks <= impressions, 'clicks > impressions', row);
      check(conversions <= clicks, 'conversions > clicks', row);
      check(views <= impressions, 'video_views > impressions', row);
      check((device === 'Connected TV') === (channel === 'CTV'), 'Connected TV without CTV (or back)', row);
      check(channel !== 'Search' || views === 0, 'video views on Search', row);
      check(spend > 0 && isCents(spend) && isCents(revenue), 'money not in cents', row);
      check(conversions > 0 || revenue === 0, 'revenue without conversions', row);
      check([impressions, clicks, conversions, views].every(Number.isInteger), 'fractional count', row);
    }
    expect(violations).toEqual([]);
  });

  it('stores rows in date order', () => {
    let unordered = 0;
    for (let i = 1; i < rows.length; i++) if ((rows[i]?.[0] ?? 0) < (rows[i - 1]?.[0] ?? 0)) unordered++;
    expect(unordered).toBe(0);
  });
});

describe('sample options', () => {
  it.each([
    { seed: -1 },
    { seed: 1.5 },
    { seed: 2 ** 32 },
    { scale: 0 },
    { scale: -1 },
    { scale: Number.NaN },
    { scale: Number.POSITIVE_INFINITY },
    { scale: 1000 },
  ])('rejects %o as bad input', (options) => {
    try {
      generateSampleData(options);
      expect.unreachable('should have thrown');
    } catch (error) {
      expect(isScoutError(error) && error.code).toBe('bad_input');
    }
  });

  it('defaults to seed 42 and scale 1', () => {
    const data = generateSampleData();
    expect(data.seed).toBe(42);
    expect(data.scale).toBe(1);
  });
});
