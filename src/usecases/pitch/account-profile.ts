import { metricQuerySchema } from '../../domain/metric-query.ts';
import type { FactBook } from '../../domain/pitch/facts.ts';
import { previousQuarter, type Quarter, sameQuarterLastYear } from '../../domain/pitch/program-fit.ts';
import { compileMetricQuery } from '../../domain/sql/compile.ts';
import { sqlDate, sqlString } from '../../domain/sql/dialects.ts';
import {
  addQueryFacts,
  type FactRequest,
  type Filters,
  metricSql,
  pick,
  runGuarded,
} from './fact-queries.ts';
import type { PitchDeps } from './pitch-deps.ts';

export interface BrandRow {
  brand: string;
  advertiser: string;
  industry: string;
  homeMarket: string;
  tier: string;
}

export const BRANDS_SQL = 'SELECT brand, advertiser, industry, home_market, tier FROM brands ORDER BY brand';

export async function readBrands(deps: PitchDeps): Promise<BrandRow[]> {
  const { rows } = await runGuarded(deps, BRANDS_SQL);
  return rows.map(([brand, advertiser, industry, homeMarket, tier]) => ({
    brand: String(brand),
    advertiser: String(advertiser),
    industry: String(industry),
    homeMarket: String(homeMarket),
    tier: String(tier),
  }));
}

/** What the story and the writer know about the account beyond its facts. */
export interface AccountProfile {
  brand: BrandRow;
  quarter: Quarter;
  lastQuarter: Quarter;
  yearAgo: Quarter;
  /** Channels and markets with spend this quarter, largest first. */
  channels: string[];
  markets: string[];
  /** The campaign objective with the most campaigns live this quarter. */
  topObjective: string | null;
}

const zeroSpend = (sql: string, metric: string) =>
  metric === 'spend' ? pick(sql, 'spend', { zeroForNull: true }) : sql;

const METRICS = [
  { metric: 'spend', label: 'spend', format: 'money' },
  { metric: 'ctr', label: 'CTR', format: 'fraction' },
  { metric: 'cvr', label: 'CVR', format: 'fraction' },
  { metric: 'roas', label: 'ROAS', format: 'ratio' },
] as const;

/** The values of one dimension the brand spent on in the quarter, by spend, largest first. */
async function spentOn(
  deps: PitchDeps,
  dimension: string,
  brand: string,
  quarter: Quarter,
): Promise<string[]> {
  const query = metricQuerySchema.parse({
    metrics: ['spend'],
    dimensions: [dimension],
    filters: [{ dimension: 'brand', values: [brand] }],
    time: { kind: 'quarter', year: quarter.year, quarter: quarter.quarter },
  });
  const sql = compileMetricQuery(query, deps.semanticModel, {
    dialect: deps.warehouse.dialect,
    asOf: deps.asOf,
    maxRows: deps.maxRows,
  }).sql;
  const { rows } = await runGuarded(deps, sql);
  return rows.filter((row) => typeof row[1] === 'number' && row[1] > 0).map((row) => String(row[0]));
}

/** Campaigns whose flight overlaps the quarter, by objective. */
function campaignSql(brand: string, quarter: Quarter, objective?: string): string {
  const where = [
    `brand = ${sqlString(brand)}`,
    `start_date <= ${sqlDate(quarter.end)}`,
    `end_date >= ${sqlDate(quarter.start)}`,
    ...(objective ? [`objective = ${sqlString(objective)}`] : []),
  ];
  return `SELECT COUNT(*) AS campaigns FROM campaigns WHERE ${where.join(' AND ')}`;
}

/**
 * The account profile: the brand's spend, CTR, CVR and ROAS this quarter against last quarter and
 * the same quarter a year ago, by channel and market, its industry's benchmarks and its
 * campaigns — every figure a fact with the SQL that returns it.
 */
export async function buildAccountProfile(
  deps: PitchDeps,
  brand: BrandRow,
  quarter: Quarter,
  book: FactBook,
): Promise<AccountProfile> {
  const lastQuarter = previousQuarter(quarter);
  const yearAgo = sameQuarterLastYear(quarter);
  const [channels, markets, objectives] = await Promise.all([
    spentOn(deps, 'channel', brand.brand, quarter),
    spentOn(deps, 'market', brand.brand, quarter),
    runGuarded(
      deps,
      `SELECT objective, COUNT(*) AS campaigns FROM campaigns WHERE brand = ${sqlString(brand.brand)} AND start_date <= ${sqlDate(quarter.end)} AND end_date >= ${sqlDate(quarter.start)} GROUP BY objective ORDER BY 2 DESC, 1`,
    ),
  ]);
  const ofBrand: Filters = { brand: [brand.brand] };
  const requests: FactRequest[] = [];
  const periods = [
    ['this', quarter],
    ['last', lastQuarter],
    ['year_ago', yearAgo],
  ] as const;
  for (const [name, period] of periods) {
    for (const m of METRICS) {
      requests.push({
        key: `${m.metric}.${name}`,
        label: `${brand.brand} ${m.label}, ${period.label}`,
        format: m.format,
        // No spend is a figure ($0); a ratio over nothing is not one.
        sql: zeroSpend(metricSql(deps, m.metric, ofBrand, period), m.metric),
      });
    }
  }
  for (const [name, compare, other] of [
    ['change_last', 'previous_period', lastQuarter],
    ['change_year', 'previous_year', yearAgo],
  ] as const) {
    for (const metric of ['spend', 'roas'] as const) {
      requests.push({
        key: `${metric}.${name}`,
        label: `${brand.brand} ${metric === 'spend' ? 'spend' : 'ROAS'} change, ${quarter.label} vs ${other.label}`,
        format: 'change',
        sql: pick(metricSql(deps, metric, ofBrand, quarter, compare), `${metric}_change`),
      });
    }
  }
  for (const channel of channels) {
    const filters = { ...ofBrand, channel: [channel] };
    for (const m of METRICS) {
      requests.push({
        key: `channel.${channel}.${m.metric}.this`,
        label: `${brand.brand} ${channel} ${m.label}, ${quarter.label}`,
        format: m.format,
        sql: metricSql(deps, m.metric, filters, quarter),
      });
    }
    requests.push({
      key: `channel.${channel}.spend.change_year`,
      label: `${brand.brand} ${channel} spend change, ${quarter.label} vs ${yearAgo.label}`,
      format: 'change',
      sql: pick(metricSql(deps, 'spend', filters, quarter, 'previous_year'), 'spend_change'),
    });
  }
  for (const market of markets.slice(0, 3)) {
    const filters = { ...ofBrand, market: [market] };
    for (const m of [METRICS[0], METRICS[3]]) {
      requests.push({
        key: `market.${market}.${m.metric}.this`,
        label: `${brand.brand} ${market} ${m.label}, ${quarter.label}`,
        format: m.format,
        sql: metricSql(deps, m.metric, filters, quarter),
      });
    }
  }
  for (const m of METRICS.slice(1)) {
    requests.push({
      key: `${m.metric}.industry`,
      label: `${brand.industry} ${m.label} (all brands), ${quarter.label}`,
      format: m.format,
      sql: metricSql(deps, m.metric, { industry: [brand.industry] }, quarter),
    });
  }
  const topObjective = objectives.rows[0] ? String(objectives.rows[0][0]) : null;
  requests.push({
    key: 'campaigns.live',
    label: `${brand.brand} campaigns live in ${quarter.label}`,
    format: 'count',
    sql: campaignSql(brand.brand, quarter),
  });
  if (topObjective) {
    requests.push({
      key: 'campaigns.top_objective',
      label: `${brand.brand} ${topObjective} campaigns live in ${quarter.label}`,
      format: 'count',
      sql: campaignSql(brand.brand, quarter, topObjective),
    });
  }
  await addQueryFacts(deps, book, requests);
  return { brand, quarter, lastQuarter, yearAgo, channels, markets, topObjective };
}
