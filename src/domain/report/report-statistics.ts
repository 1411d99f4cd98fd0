import { byKey, cell, label, type ReportResults } from './query-results.ts';
import { kpiMetrics } from './report-queries.ts';
import type { Riser, ShareShift } from './statistics/index.ts';
import {
  type AnomalyEvent,
  detectAnomalies,
  periodChange,
  risers,
  shareShift,
  twoProportionTest,
} from './statistics/index.ts';

export interface KpiStat {
  metric: string;
  current: number | null;
  previous: number | null;
  change: number | null;
}

export interface ReportStats {
  kpis: KpiStat[];
  ctrTest: ReturnType<typeof twoProportionTest> | null;
  cvrTest: ReturnType<typeof twoProportionTest> | null;
  channelShift: ShareShift[];
  deviceShift: ShareShift[];
  risingMarkets: Riser[];
  topBrands: { key: string; value: number }[];
  risingBrands: Riser[];
  benchmark: { metric: string; industry: number | null; all: number | null }[];
  anomalies: { series: 'spend' | 'ctr' | 'conversions'; events: AnomalyEvent[] }[];
  bestChannelByRoas: { key: string; value: number } | null;
}

/** The statistics stage: period-over-period changes, share shifts, risers, benchmarks, significance and anomalies. */
export function computeReportStats(results: ReportResults, industry: string): ReportStats {
  const kpis = results['q-kpis'];
  const row = kpis?.rows[0];
  const kpiStats = kpiMetrics.map((metric) => {
    const current = cell(kpis, row, metric);
    const previous = cell(kpis, row, `${metric}_previous`);
    return { metric, current, previous, change: periodChange(current, previous).relative };
  });
  const value = (metric: string, which: 'current' | 'previous') =>
    kpiStats.find((k) => k.metric === metric)?.[which] ?? null;
  const test = (successes: string, trials: string) => {
    const s1 = value(successes, 'current');
    const t1 = value(trials, 'current');
    const s2 = value(successes, 'previous');
    const t2 = value(trials, 'previous');
    return s1 !== null && t1 !== null && s2 !== null && t2 !== null
      ? twoProportionTest(s1, t1, s2, t2)
      : null;
  };

  const channels = results['q-channels'];
  const markets = results['q-markets'];
  const brands = results['q-brands'];
  const currentMarkets = byKey(markets, 'market', 'spend');
  const currentBrands = byKey(brands, 'brand', 'spend');
  const marketFloor = Math.max(1, Object.values(currentMarkets).reduce((a, b) => a + b, 0) * 0.02);
  const brandFloor = Math.max(1, Object.values(currentBrands).reduce((a, b) => a + b, 0) * 0.02);

  const benchmark = results['q-benchmark'];
  const industryRow = benchmark?.rows.find((r) => label(benchmark, r, 'industry') === industry);
  const all = results['q-all'];
  const roasByChannel = byKey(channels, 'channel', 'roas');
  const bestChannel = Object.entries(roasByChannel).sort((a, b) => b[1] - a[1])[0];

  const daily = results['q-daily'];
  const series = (metric: string) =>
    (daily?.rows ?? []).flatMap((r) => {
      const v = cell(daily, r, metric);
      return v === null ? [] : [{ date: label(daily, r, 'day'), value: v }];
    });

  return {
    kpis: kpiStats,
    ctrTest: test('clicks', 'impressions'),
    cvrTest: test('conversions', 'clicks'),
    channelShift: shareShift(
      byKey(channels, 'channel', 'spend'),
      byKey(channels, 'channel', 'spend_previous'),
    ),
    deviceShift: shareShift(
      byKey(results['q-devices'], 'device', 'spend'),
      byKey(results['q-devices'], 'device', 'spend_previous'),
    ),
    risingMarkets: risers(currentMarkets, byKey(markets, 'market', 'spend_previous'), {
      minCurrent: marketFloor,
      limit: 3,
    }),
    topBrands: Object.entries(currentBrands)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([key, v]) => ({ key, value: v })),
    risingBrands: risers(currentBrands, byKey(brands, 'brand', 'spend_previous'), {
      minCurrent: brandFloor,
      limit: 3,
    }),
    benchmark: ['ctr', 'cvr', 'cpa', 'roas'].map((metric) => ({
      metric,
      industry: cell(benchmark, industryRow, metric),
      all: cell(all, all?.rows[0], metric),
    })),
    anomalies: (['spend', 'ctr', 'conversions'] as const).map((name) => ({
      series: name,
      events: detectAnomalies(series(name)),
    })),
    bestChannelByRoas: bestChannel ? { key: bestChannel[0], value: bestChannel[1] } : null,
  };
}
