import { cell, label, type ReportResults } from './query-results.ts';
import type {
  AppendixQuery,
  Insight,
  Kpi,
  ReportChart,
  ReportDocument,
  ReportSection,
  ReportTable,
} from './report-document.ts';
import { formatBucket, formatChange, formatForTable, formatForText, formatPercent } from './report-format.ts';
import type { ReportStats } from './report-statistics.ts';
import { ANOMALY_METHOD, SIGNIFICANCE_METHOD } from './statistics/index.ts';

export interface DraftInput {
  id: string;
  industry: string;
  period: { label: string; start: string; end: string };
  comparison: { label: string; start: string; end: string } | null;
  asOf: string;
  generatedAt: string;
  engine: string;
  scope: string[];
  results: ReportResults;
  stats: ReportStats;
  insights: Insight[];
  charts: ReportChart[];
  documents: ReportDocument['documents'];
}

const kpiRows: { metric: string; label: string; format: Kpi['current']['format'] }[] = [
  { metric: 'spend', label: 'Spend', format: 'currency' },
  { metric: 'impressions', label: 'Impressions', format: 'integer' },
  { metric: 'clicks', label: 'Clicks', format: 'integer' },
  { metric: 'conversions', label: 'Conversions', format: 'integer' },
  { metric: 'revenue', label: 'Revenue', format: 'currency' },
  { metric: 'ctr', label: 'CTR', format: 'percent' },
  { metric: 'cvr', label: 'CVR', format: 'percent' },
  { metric: 'cpa', label: 'CPA', format: 'currency_precise' },
  { metric: 'roas', label: 'ROAS', format: 'ratio' },
];

function groupedTable(
  results: ReportResults,
  id: string,
  key: string,
  title: string,
  columns: { name: string; header: string; format: Kpi['current']['format'] | 'share' }[],
  limit = 20,
): ReportTable {
  const result = results[id];
  const total = (result?.rows ?? []).reduce((sum, row) => sum + (cell(result, row, 'spend') ?? 0), 0);
  const totalPrevious = (result?.rows ?? []).reduce(
    (sum, row) => sum + (cell(result, row, 'spend_previous') ?? 0),
    0,
  );
  const rows = [...(result?.rows ?? [])]
    .sort((a, b) => (cell(result, b, 'spend') ?? 0) - (cell(result, a, 'spend') ?? 0))
    .slice(0, limit)
    .map((row) => [
      label(result, row, key),
      ...columns.map((c) => {
        if (c.format === 'share') {
          const base = c.name === 'share_previous' ? totalPrevious : total;
          const value = cell(result, row, c.name === 'share_previous' ? 'spend_previous' : 'spend');
          return value === null || base === 0 ? 'n/a' : formatPercent(value / base);
        }
        if (c.format === 'change') return formatChange(cell(result, row, c.name));
        return formatForTable(cell(result, row, c.name), c.format);
      }),
    ]);
  return {
    title,
    headers: [key.charAt(0).toUpperCase() + key.slice(1), ...columns.map((c) => c.header)],
    rows,
    queryId: id,
  };
}

/** The draft stage: sections, tables and the appendix, all from query results and statistics. */
export function draftReport(input: DraftInput): ReportDocument {
  const { results, stats, industry } = input;
  const p = input.period.label;
  const c = input.comparison?.label ?? 'the previous period';
  const kpis: Kpi[] = kpiRows.map((row) => {
    const stat = stats.kpis.find((k) => k.metric === row.metric);
    return {
      label: row.label,
      current: { value: stat?.current ?? null, format: row.format, queryId: 'q-kpis' },
      previous: stat ? { value: stat.previous, format: row.format, queryId: 'q-kpis' } : null,
      change: stat ? { value: stat.change, format: 'change', queryId: 'q-kpis' } : null,
    };
  });
  const chartIds = (prefix: string) =>
    input.charts.filter((chart) => chart.id.startsWith(prefix)).map((chart) => chart.id);
  const trend = results['q-trend'];
  const trendPoints = (trend?.rows ?? []).map((row) => ({
    month: label(trend, row, 'month'),
    spend: cell(trend, row, 'spend') ?? 0,
  }));
  const peak = trendPoints.reduce<{ month: string; spend: number } | null>(
    (best, point) => (!best || point.spend > best.spend ? point : best),
    null,
  );
  const headlineInsights = (ids: string[]) =>
    input.insights.filter((i) => i.figures.some((f) => ids.includes(f.queryId))).map((i) => i.headline);

  const sections: ReportSection[] = [
    {
      id: 'overview',
      title: 'Performance overview',
      paragraphs: headlineInsights(['q-kpis']).slice(0, 4),
      tables: [],
      chartIds: [],
    },
    {
      id: 'trend',
      title: 'Twelve-month trend',
      paragraphs: peak
        ? [
            `Monthly ${industry} spend peaked in ${formatBucket(peak.month, 'month')} at ${formatForText(peak.spend, 'currency')} over the twelve months to the end of ${p}.`,
          ]
        : [],
      tables: [],
      chartIds: chartIds('c-trend'),
    },
    {
      id: 'channels',
      title: 'Channel mix',
      paragraphs: headlineInsights(['q-channels']),
      tables: [
        groupedTable(results, 'q-channels', 'channel', `Channels, ${p} vs ${c}`, [
          { name: 'spend', header: 'Spend', format: 'currency' },
          { name: 'share', header: 'Share', format: 'share' },
          { name: 'share_previous', header: `Share (${c})`, format: 'share' },
          { name: 'ctr', header: 'CTR', format: 'percent' },
          { name: 'cvr', header: 'CVR', format: 'percent' },
          { name: 'roas', header: 'ROAS', format: 'ratio' },
        ]),
      ],
      chartIds: chartIds('c-channels'),
    },
    {
      id: 'devices',
      title: 'Devices',
      paragraphs: [],
      tables: [
        groupedTable(results, 'q-devices', 'device', `Devices, ${p} vs ${c}`, [
          { name: 'spend', header: 'Spend', format: 'currency' },
          { name: 'share', header: 'Share', format: 'share' },
          { name: 'share_previous', header: `Share (${c})`, format: 'share' },
          { name: 'spend_change', header: 'Change', format: 'change' },
        ]),
      ],
      chartIds: [],
    },
    {
      id: 'markets',
      title: 'Markets',
      paragraphs: headlineInsights(['q-markets']),
      tables: [
        groupedTable(results, 'q-markets', 'market', `Markets, ${p} vs ${c}`, [
          { name: 'spend', header: 'Spend', format: 'currency' },
          { name: 'spend_change', header: 'Change', format: 'change' },
          { name: 'roas', header: 'ROAS', format: 'ratio' },
        ]),
      ],
      chartIds: chartIds('c-markets'),
    },
    {
      id: 'brands',
      title: 'Brands',
      paragraphs: headlineInsights(['q-brands']),
      tables: [
        groupedTable(
          results,
          'q-brands',
          'brand',
          `Top brands, ${p}`,
          [
            { name: 'spend', header: 'Spend', format: 'currency' },
            { name: 'spend_previous', header: `Spend (${c})`, format: 'currency' },
            { name: 'spend_change', header: 'Change', format: 'change' },
            { name: 'roas', header: 'ROAS', format: 'ratio' },
          ],
          10,
        ),
      ],
      chartIds: chartIds('c-brands'),
    },
    {
      id: 'benchmarks',
      title: 'Benchmarks against all industries',
      paragraphs: headlineInsights(['q-benchmark', 'q-all']),
      tables: [
        {
          title: `${industry} vs all industries, ${p}`,
          headers: ['Metric', industry, 'All industries'],
          rows: stats.benchmark.map((b) => {
            const format =
              b.metric === 'cpa' ? 'currency_precise' : b.metric === 'roas' ? 'ratio' : 'percent';
            return [
              b.metric.toUpperCase(),
              formatForTable(b.industry, format),
              formatForTable(b.all, format),
            ];
          }),
          queryId: 'q-benchmark',
        },
      ],
      chartIds: chartIds('c-benchmark'),
    },
    {
      id: 'anomalies',
      title: 'Anomalies in the daily series',
      paragraphs:
        headlineInsights(['q-daily']).length > 0
          ? headlineInsights(['q-daily'])
          : [`No day in ${p} stood out from the expected level for ${industry} spend, CTR or conversions.`],
      tables: [],
      chartIds: chartIds('c-daily'),
    },
  ];

  const appendix: AppendixQuery[] = Object.values(results).map((r) => ({
    id: r.id,
    question: r.question,
    sql: r.sql,
    rowCount: r.rows.length,
    elapsedMs: Math.round(r.elapsedMs),
  }));
  return {
    id: input.id,
    title: `${industry} industry report — ${p}`,
    industry,
    period: input.period,
    comparison: input.comparison,
    generatedAt: input.generatedAt,
    asOf: input.asOf,
    engine: input.engine,
    scope: input.scope,
    kpis,
    insights: input.insights,
    sections,
    charts: input.charts,
    appendix,
    methodology: [
      'Metrics are ratios of sums over the period (CTR = clicks / impressions, CVR = conversions / clicks, CPA = spend / conversions, ROAS = revenue / spend), never averages of daily ratios.',
      `Changes compare ${p} with ${c}; shares are of the industry's total spend.`,
      SIGNIFICANCE_METHOD,
      ANOMALY_METHOD,
      'Every figure links to the query in the appendix that produced it; queries ran through Scout’s SQL guard on a read-only warehouse.',
    ],
    documents: input.documents,
  };
}
