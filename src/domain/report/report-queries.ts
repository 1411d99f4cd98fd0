import type { MetricQuery } from '../metric-query.ts';
import type { Period } from '../time/resolve-period.ts';
import type { ReportRequest } from './report-request.ts';

/** One query of the report template, with the question it answers and where its result goes. */
export interface ReportQuery {
  id: string;
  question: string;
  query: MetricQuery;
}

/** The KPIs every report states, with their change. */
export const kpiMetrics = [
  'spend',
  'impressions',
  'clicks',
  'conversions',
  'revenue',
  'ctr',
  'cvr',
  'cpc',
  'cpa',
  'roas',
];

/** Twelve calendar months ending with the report period's last month. */
function trailingYear(period: Period): { start: string; end: string } {
  const [y, m] = period.end.split('-').map(Number);
  const startMonth = new Date(Date.UTC(y ?? 2025, (m ?? 12) - 12, 1));
  return { start: startMonth.toISOString().slice(0, 10), end: period.end };
}

/**
 * The metric queries of the industry report template: KPIs and their change, the monthly trend,
 * channel, device and market mix against the comparison period, brands, benchmarks against all
 * industries, and the daily series for anomaly detection. All go through the same compiler and
 * SQL guard as a question would.
 */
export function reportQueries(
  request: ReportRequest,
  period: Period,
  labels: { period: string; comparison: string },
): ReportQuery[] {
  const industry = [{ dimension: 'industry', values: [request.industry], exclude: false }];
  const base = { filters: industry, time: request.time, dimensions: [] as string[] };
  const compare = { kind: request.compare };
  const year = trailingYear(period);
  const q = (
    id: string,
    question: string,
    query: Partial<MetricQuery> & Pick<MetricQuery, 'metrics'>,
  ): ReportQuery => ({
    id,
    question,
    query: { ...base, ...query },
  });
  return [
    q('q-kpis', `KPIs for ${request.industry}, ${labels.period} vs ${labels.comparison}`, {
      metrics: kpiMetrics,
      compare,
    }),
    q('q-trend', `Spend and CTR by month for ${request.industry}, twelve months to ${labels.period}`, {
      metrics: ['spend', 'ctr'],
      grain: 'month',
      time: { kind: 'range', start: year.start, end: year.end },
    }),
    q(
      'q-channels',
      `Spend, CTR, CVR and ROAS by channel for ${request.industry}, ${labels.period} vs ${labels.comparison}`,
      {
        metrics: ['spend', 'ctr', 'cvr', 'roas'],
        dimensions: ['channel'],
        compare,
      },
    ),
    q('q-devices', `Spend by device for ${request.industry}, ${labels.period} vs ${labels.comparison}`, {
      metrics: ['spend'],
      dimensions: ['device'],
      compare,
    }),
    q(
      'q-markets',
      `Spend and ROAS by market for ${request.industry}, ${labels.period} vs ${labels.comparison}`,
      {
        metrics: ['spend', 'roas'],
        dimensions: ['market'],
        compare,
      },
    ),
    q('q-brands', `Spend by brand for ${request.industry}, ${labels.period} vs ${labels.comparison}`, {
      metrics: ['spend', 'roas'],
      dimensions: ['brand'],
      compare,
      order: { metric: 'spend', direction: 'desc' },
      limit: 50,
    }),
    q('q-benchmark', `CTR, CVR, CPA and ROAS by industry (all industries), ${labels.period}`, {
      metrics: ['ctr', 'cvr', 'cpa', 'roas', 'spend'],
      dimensions: ['industry'],
      filters: [],
    }),
    q('q-all', `CTR, CVR, CPA and ROAS across all industries, ${labels.period}`, {
      metrics: ['ctr', 'cvr', 'cpa', 'roas'],
      filters: [],
    }),
    q(
      'q-daily',
      `Daily spend, impressions, clicks and conversions for ${request.industry}, ${labels.period}`,
      {
        metrics: ['spend', 'impressions', 'clicks', 'conversions', 'ctr'],
        grain: 'day',
      },
    ),
  ];
}
