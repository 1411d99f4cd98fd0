import type { Figure, Insight } from './report-document.ts';
import { formatChange, formatDayRange, formatForText, formatPercent } from './report-format.ts';
import type { ReportStats } from './report-statistics.ts';

const metricLabels: Record<string, { label: string; format: Figure['format'] }> = {
  spend: { label: 'spend', format: 'currency' },
  revenue: { label: 'revenue', format: 'currency' },
  impressions: { label: 'impressions', format: 'integer' },
  clicks: { label: 'clicks', format: 'integer' },
  conversions: { label: 'conversions', format: 'integer' },
  ctr: { label: 'CTR', format: 'percent' },
  cvr: { label: 'CVR', format: 'percent' },
  cpc: { label: 'CPC', format: 'currency_precise' },
  cpa: { label: 'CPA', format: 'currency_precise' },
  roas: { label: 'ROAS', format: 'ratio' },
};

const fig = (value: number | null, format: Figure['format'], queryId: string): Figure => ({
  value,
  format,
  queryId,
});
const show = (figure: Figure) =>
  figure.format === 'change' ? formatChange(figure.value) : formatForText(figure.value, figure.format);

/**
 * Offline insights: rules over the statistics. Each is a claim whose figures come from a query
 * result (by query id), ranked by how much it matters; with Bedrock a model may phrase them,
 * but the figures and sources stay these.
 */
export function insightRules(
  stats: ReportStats,
  context: { industry: string; period: string; comparison: string },
): Insight[] {
  const insights: Insight[] = [];
  const add = (headline: string, figures: Figure[], importance: number, detail?: string) =>
    insights.push({
      id: `i${insights.length + 1}`,
      headline,
      figures,
      sources: [...new Set(figures.map((f) => f.queryId))].map((id) => ({ kind: 'query' as const, id })),
      importance,
      ...(detail ? { detail } : {}),
    });

  for (const metric of ['spend', 'roas', 'ctr', 'cvr', 'cpa']) {
    const kpi = stats.kpis.find((k) => k.metric === metric);
    const meta = metricLabels[metric];
    if (!kpi || !meta || kpi.current === null || kpi.change === null) continue;
    const current = fig(kpi.current, meta.format, 'q-kpis');
    const change = fig(kpi.change, 'change', 'q-kpis');
    const direction = kpi.change >= 0 ? 'up' : 'down';
    const test = metric === 'ctr' ? stats.ctrTest : metric === 'cvr' ? stats.cvrTest : null;
    const significance = test
      ? test.significant
        ? ' (statistically significant, p < 0.05)'
        : ' (not statistically significant)'
      : '';
    add(
      `${context.industry} ${meta.label} was ${show(current)} in ${context.period}, ${direction} ${show(change).replace(/^[+−±]/, '')} on ${context.comparison}${significance}.`,
      [current, change],
      Math.abs(kpi.change) * (metric === 'spend' || metric === 'roas' ? 10 : 6) + (test?.significant ? 1 : 0),
    );
  }

  const shift = stats.channelShift[0];
  if (shift && Math.abs(shift.shiftPoints) >= 0.005) {
    const share = fig(shift.currentShare, 'percent', 'q-channels');
    const points = (shift.shiftPoints * 100).toFixed(1);
    add(
      `${shift.key}'s share of ${context.industry} spend ${shift.shiftPoints >= 0 ? 'rose' : 'fell'} ${Math.abs(Number(points))} percentage points to ${show(share)} in ${context.period}.`,
      [share, fig(shift.previousShare, 'percent', 'q-channels')],
      Math.abs(shift.shiftPoints) * 60,
    );
  }

  const best = stats.bestChannelByRoas;
  if (best)
    add(
      `${best.key} returned the highest ROAS for ${context.industry} in ${context.period}: ${show(fig(best.value, 'ratio', 'q-channels'))}.`,
      [fig(best.value, 'ratio', 'q-channels')],
      2,
    );

  const market = stats.risingMarkets[0];
  if (market && market.growth !== null && market.growth > 0) {
    const spend = fig(market.current, 'currency', 'q-markets');
    const growth = fig(market.growth, 'change', 'q-markets');
    add(
      `${market.key} grew fastest among ${context.industry} markets: ${show(spend)} in ${context.period}, ${show(growth)} on ${context.comparison}.`,
      [spend, growth],
      3 + Math.min(3, market.growth),
    );
  }

  const top = stats.topBrands[0];
  if (top)
    add(
      `${top.key} was the top ${context.industry} brand by spend in ${context.period} with ${show(fig(top.value, 'currency', 'q-brands'))}.`,
      [fig(top.value, 'currency', 'q-brands')],
      3,
    );
  const riser = stats.risingBrands[0];
  if (riser && riser.key !== top?.key && (riser.growth ?? 1) > 0.5) {
    const figures = [fig(riser.current, 'currency', 'q-brands'), fig(riser.previous, 'currency', 'q-brands')];
    add(
      `${riser.key} rose fastest: ${show(figures[0] as Figure)} in ${context.period} against ${show(figures[1] as Figure)} in ${context.comparison}.`,
      figures,
      3 + Math.min(4, riser.growth ?? 4),
    );
  } else if (riser && riser.key === top?.key && (riser.growth ?? 0) > 1 && top) {
    const previous = fig(riser.previous, 'currency', 'q-brands');
    insights[insights.length - 1] = {
      ...(insights.at(-1) as Insight),
      headline: `${top.key} was the top ${context.industry} brand by spend in ${context.period} with ${show(fig(top.value, 'currency', 'q-brands'))}, up from ${show(previous)} in ${context.comparison}.`,
      figures: [fig(top.value, 'currency', 'q-brands'), previous],
      importance: 6,
    };
  }

  for (const b of stats.benchmark) {
    const meta = metricLabels[b.metric];
    if (!meta || b.industry === null || b.all === null || b.all === 0) continue;
    const gap = (b.industry - b.all) / b.all;
    if (Math.abs(gap) < 0.15) continue;
    const own = fig(b.industry, meta.format, 'q-benchmark');
    const all = fig(b.all, meta.format, 'q-all');
    add(
      `${context.industry} ${meta.label} of ${show(own)} was ${formatPercent(Math.abs(gap))} ${gap > 0 ? 'above' : 'below'} the all-industry ${meta.label} of ${show(all)} in ${context.period}.`,
      [own, all],
      Math.abs(gap) * 3,
    );
  }

  for (const { series, events } of stats.anomalies) {
    for (const event of events.slice(0, 2)) {
      const format = series === 'spend' ? 'currency' : series === 'ctr' ? 'percent' : 'integer';
      const peak = fig(event.peakValue, format, 'q-daily');
      const expected = fig(event.expected, format, 'q-daily');
      const when = formatDayRange(event.start, event.end);
      const verb = event.direction === 'spike' ? 'spiked' : 'dropped';
      add(
        `${context.industry} daily ${metricLabels[series]?.label ?? series} ${verb} ${when}: ${show(peak)} at the ${event.direction === 'spike' ? 'peak' : 'low'} against about ${show(expected)} expected.`,
        [peak, expected],
        5 + Math.min(3, event.score / 4),
      );
    }
  }
  return insights.sort((a, b) => b.importance - a.importance);
}
