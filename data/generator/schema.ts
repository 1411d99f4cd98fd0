/**
 * Column names and SQL types of the sample warehouse tables, exactly as the warehouse contract
 * fixes them. Builders (DuckDB here, Athena DDL elsewhere) create tables from this list.
 */

export type SqlType = 'DATE' | 'VARCHAR' | 'BIGINT' | 'DOUBLE';

export interface TableSchema {
  name: string;
  columns: readonly (readonly [name: string, type: SqlType])[];
}

export const BRANDS_TABLE: TableSchema = {
  name: 'brands',
  columns: [
    ['brand', 'VARCHAR'],
    ['advertiser', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['home_market', 'VARCHAR'],
    ['tier', 'VARCHAR'],
  ],
};

export const CAMPAIGNS_TABLE: TableSchema = {
  name: 'campaigns',
  columns: [
    ['campaign_id', 'VARCHAR'],
    ['campaign_name', 'VARCHAR'],
    ['brand', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['objective', 'VARCHAR'],
    ['start_date', 'DATE'],
    ['end_date', 'DATE'],
    ['budget_usd', 'DOUBLE'],
  ],
};

export const AD_PERFORMANCE_DAILY_TABLE: TableSchema = {
  name: 'ad_performance_daily',
  columns: [
    ['date', 'DATE'],
    ['campaign_id', 'VARCHAR'],
    ['brand', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['channel', 'VARCHAR'],
    ['device', 'VARCHAR'],
    ['market', 'VARCHAR'],
    ['impressions', 'BIGINT'],
    ['clicks', 'BIGINT'],
    ['conversions', 'BIGINT'],
    ['video_views', 'BIGINT'],
    ['spend_usd', 'DOUBLE'],
    ['revenue_usd', 'DOUBLE'],
  ],
};

export const PROGRAMS_TABLE: TableSchema = {
  name: 'programs',
  columns: [
    ['program_id', 'VARCHAR'],
    ['name', 'VARCHAR'],
    ['summary', 'VARCHAR'],
    ['eligible_industries', 'VARCHAR'],
    ['min_quarterly_spend_usd', 'DOUBLE'],
    ['rebate_pct', 'DOUBLE'],
    ['bonus_impressions_pct', 'DOUBLE'],
    ['channels', 'VARCHAR'],
    ['starts', 'DATE'],
    ['ends', 'DATE'],
    ['terms', 'VARCHAR'],
  ],
};

export const CREATIVES_TABLE: TableSchema = {
  name: 'creatives',
  columns: [
    ['creative_id', 'VARCHAR'],
    ['campaign_id', 'VARCHAR'],
    ['brand', 'VARCHAR'],
    ['industry', 'VARCHAR'],
    ['channel', 'VARCHAR'],
    ['persona', 'VARCHAR'],
    ['headline', 'VARCHAR'],
    ['body', 'VARCHAR'],
    ['cta', 'VARCHAR'],
    ['image_tags', 'VARCHAR'],
    ['launched', 'DATE'],
  ],
};

export const CREATIVE_PERFORMANCE_MONTHLY_TABLE: TableSchema = {
  name: 'creative_performance_monthly',
  columns: [
    ['month', 'DATE'],
    ['creative_id', 'VARCHAR'],
    ['impressions', 'BIGINT'],
    ['clicks', 'BIGINT'],
    ['conversions', 'BIGINT'],
    ['spend_usd', 'DOUBLE'],
  ],
};

/** Build metadata, one row per key (generator_version, seed, scale, rows, as_of). */
export const SCOUT_META_TABLE: TableSchema = {
  name: 'scout_meta',
  columns: [
    ['key', 'VARCHAR'],
    ['value', 'VARCHAR'],
  ],
};

export const WAREHOUSE_TABLES: readonly TableSchema[] = [
  BRANDS_TABLE,
  CAMPAIGNS_TABLE,
  AD_PERFORMANCE_DAILY_TABLE,
  PROGRAMS_TABLE,
  CREATIVES_TABLE,
  CREATIVE_PERFORMANCE_MONTHLY_TABLE,
  SCOUT_META_TABLE,
];
