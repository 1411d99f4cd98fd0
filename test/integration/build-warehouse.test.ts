import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AD_PERFORMANCE_DAILY_TABLE,
  BRANDS_TABLE,
  CAMPAIGNS_TABLE,
  CHANNELS,
  DEVICES,
  GENERATOR_VERSION,
  generateSampleData,
  INDUSTRIES,
  MARKETS,
  OBJECTIVES,
  PROGRAMS_TABLE,
  planted,
  TIERS,
} from '../../data/generator/index.ts';
import { buildSampleWarehouse } from '../../src/adapters/duckdb/build-warehouse.ts';
import { isScoutError } from '../../src/errors.ts';

const SCALE = 0.05;
const SEED = 42;

let dir: string;
let path: string;
let built: { rows: number; elapsedMs: number };
const progress: [number, string][] = [];
let instance: DuckDBInstance;
let connection: DuckDBConnection;

type Json = ReturnType<Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>['getRowObjectsJson']>[number];

async function query(sql: string): Promise<Json[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

/** One numeric value (BIGINT and DECIMAL arrive as strings in JSON form). */
async function scalar(sql: string): Promise<number> {
  const [row] = await query(sql);
  return Number(Object.values(row ?? {})[0]);
}

async function distinct(table: string, column: string): Promise<string[]> {
  const rows = await query(`SELECT DISTINCT "${column}" AS v FROM ${table} ORDER BY 1`);
  return rows.map((r) => String(r.v));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scout-warehouse-'));
  path = join(dir, 'nested', 'warehouse.duckdb');
  built = await buildSampleWarehouse({
    path,
    seed: SEED,
    scale: SCALE,
    onProgress: (fraction, message) => progress.push([fraction, message]),
  });
  instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  connection = await instance.connect();
});

afterAll(async () => {
  connection?.closeSync();
  instance?.closeSync();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('buildSampleWarehouse', () => {
  it('writes the file atomically, reports rows and progress', () => {
    expect(existsSync(path)).toBe(true);
    expect(existsSync(`${path}.tmp`)).toBe(false);
    expect(existsSync(`${path}.tmp.wal`)).toBe(false);
    expect(built.rows).toBe(generateSampleData({ seed: SEED, scale: SCALE }).expectedRows);
    expect(built.elapsedMs).toBeGreaterThan(0);
    const fractions = progress.map(([fraction]) => fraction);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (fractions[i - 1] ?? 0)))).toBe(
      true,
    );
    expect(fractions.at(-1)).toBe(1);
  });

  it('creates the contract tables with exactly the contract columns and types', async () => {
    for (const table of [BRANDS_TABLE, CAMPAIGNS_TABLE, AD_PERFORMANCE_DAILY_TABLE, PROGRAMS_TABLE]) {
      const columns = await query(`DESCRIBE ${table.name}`);
      expect(columns.map((c) => [c.column_name, c.column_type])).toEqual(
        table.columns.map(([n, t]) => [n, t]),
      );
    }
    expect(await scalar('SELECT count(*) FROM ad_performance_daily')).toBe(built.rows);
  });

  it('records the build in scout_meta', async () => {
    const rows = await query('SELECT key, value FROM scout_meta ORDER BY key');
    expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toEqual({
      generator_version: GENERATOR_VERSION,
      seed: String(SEED),
      scale: String(SCALE),
      rows: String(built.rows),
      as_of: '2025-12-31',
    });
  });

  it('uses exactly the contract value sets and dates', async () => {
    expect(await distinct('ad_performance_daily', 'industry')).toEqual([...INDUSTRIES].sort());
    expect(await distinct('ad_performance_daily', 'channel')).toEqual([...CHANNELS].sort());
    expect(await distinct('ad_performance_daily', 'device')).toEqual([...DEVICES].sort());
    expect(await distinct('ad_performance_daily', 'market')).toEqual([...MARKETS].sort());
    expect(await distinct('campaigns', 'objective')).toEqual([...OBJECTIVES].sort());
    expect(await distinct('brands', 'tier')).toEqual([...TIERS].sort());
    expect(await distinct('brands', 'industry')).toEqual([...INDUSTRIES].sort());
    expect(await distinct('brands', 'home_market')).toEqual([...MARKETS].sort());
    const [range] = await query(
      'SELECT min(date)::VARCHAR AS lo, max(date)::VARCHAR AS hi FROM ad_performance_daily',
    );
    expect(range).toEqual({ lo: '2024-01-01', hi: '2025-12-31' });
    expect(await scalar('SELECT count(*) FROM brands')).toBeGreaterThanOrEqual(70);
    expect(await scalar('SELECT count(*) FROM programs')).toBeGreaterThanOrEqual(8);
  });

  it('keeps the data internally consistent', async () => {
    const violations = await query(`
      SELECT
        count(*) FILTER (WHERE clicks > impressions) AS clicks_over_impressions,
        count(*) FILTER (WHERE conversions > clicks) AS conversions_over_clicks,
        count(*) FILTER (WHERE video_views > impressions) AS views_over_impressions,
        count(*) FILTER (WHERE (device = 'Connected TV') <> (channel = 'CTV')) AS ctv_mismatch,
        count(*) FILTER (WHERE channel = 'Search' AND video_views > 0) AS search_views,
        count(*) FILTER (WHERE round(spend_usd, 2) <> spend_usd OR round(revenue_usd, 2) <> revenue_usd) AS not_cents,
        count(*) FILTER (WHERE spend_usd <= 0 OR impressions <= 0) AS empty_rows,
        count(*) FILTER (WHERE conversions = 0 AND revenue_usd > 0) AS revenue_without_conversions
      FROM ad_performance_daily`);
    expect(Object.values(violations[0] ?? {}).map(Number)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const orphans = await scalar(`
      SELECT count(*) FROM ad_performance_daily p
      LEFT JOIN campaigns c USING (campaign_id)
      WHERE c.campaign_id IS NULL OR c.brand <> p.brand OR c.industry <> p.industry
         OR p.date < c.start_date OR p.date > c.end_date`);
    expect(orphans).toBe(0);
    expect(
      await scalar(
        'SELECT count(*) FROM campaigns c LEFT JOIN brands b USING (brand) WHERE b.industry IS DISTINCT FROM c.industry',
      ),
    ).toBe(0);
  });
});

describe('planted anomalies (visible with SQL)', () => {
  it('1. Automotive CTR drops sharply in June 2025 and recovers in July', async () => {
    const ctr = async (month: string, channels = CHANNELS as readonly string[]) =>
      scalar(`SELECT sum(clicks) / sum(impressions) FROM ad_performance_daily
              WHERE industry = 'Automotive' AND strftime(date, '%Y-%m') = '${month}'
                AND channel IN (${channels.map((c) => `'${c}'`).join(', ')})`);
    const [may, june, july] = [await ctr('2025-05'), await ctr('2025-06'), await ctr('2025-07')];
    expect(june / may).toBeLessThan(0.7);
    expect(july / june).toBeGreaterThan(1.3);
    const displayVideo = ['Display', 'Online Video'];
    expect((await ctr('2025-06', displayVideo)) / (await ctr('2025-05', displayVideo))).toBeLessThan(0.5);
    // Spend does not move with it: the drop is in clicks, not in delivery.
    const spend = async (month: string) =>
      scalar(
        `SELECT sum(spend_usd) FROM ad_performance_daily WHERE industry = 'Automotive' AND strftime(date, '%Y-%m') = '${month}'`,
      );
    expect((await spend('2025-06')) / (await spend('2025-05'))).toBeGreaterThan(0.7);
  });

  it('2. the launching Gaming brand tops Gaming spend in Q3 2025, far above its Q2', async () => {
    const rows = await query(`
      SELECT brand, sum(spend_usd) AS spend FROM ad_performance_daily
      WHERE industry = 'Gaming' AND date BETWEEN '2025-07-01' AND '2025-09-30'
      GROUP BY brand ORDER BY spend DESC`);
    expect(rows[0]?.brand).toBe(planted.GAMING_LAUNCH.brand);
    const quarter = async (from: string, to: string) =>
      scalar(`SELECT coalesce(sum(spend_usd), 0) FROM ad_performance_daily
              WHERE brand = '${planted.GAMING_LAUNCH.brand}' AND date BETWEEN '${from}' AND '${to}'`);
    expect(await quarter('2025-07-01', '2025-09-30')).toBeGreaterThan(
      3 * (await quarter('2025-04-01', '2025-06-30')),
    );
  });

  it('3. one campaign spends about 10x on one day without matching conversions', async () => {
    const days = await query(`
      SELECT date::VARCHAR AS day, sum(spend_usd) AS spend, sum(conversions) AS conversions
      FROM ad_performance_daily JOIN campaigns USING (campaign_id)
      WHERE campaign_name = '${planted.SPEND_SPIKE.campaignName}'
      GROUP BY date ORDER BY spend DESC`);
    const [top, ...rest] = days;
    expect(top?.day).toBe(planted.SPEND_SPIKE.date);
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const typicalSpend = median(rest.map((d) => Number(d.spend)));
    const typicalConversions = median(rest.map((d) => Number(d.conversions)));
    expect(Number(top?.spend) / typicalSpend).toBeGreaterThan(7);
    expect(Number(top?.conversions) / typicalConversions).toBeLessThan(1.6);
    const [budget] = await query(`
      SELECT c.budget_usd AS budget, sum(p.spend_usd) AS spend
      FROM campaigns c JOIN ad_performance_daily p USING (campaign_id)
      WHERE campaign_name = '${planted.SPEND_SPIKE.campaignName}' GROUP BY c.budget_usd`);
    expect(Number(budget?.spend)).toBeGreaterThan(Number(budget?.budget));
  });

  it('4. Thailand reports almost no conversions on 2025-09-08..10, with normal clicks', async () => {
    const days = await query(`
      SELECT date::VARCHAR AS day, sum(clicks) AS clicks, sum(conversions) AS conversions
      FROM ad_performance_daily
      WHERE market = '${planted.TRACKING_OUTAGE.market}' AND date BETWEEN '2025-09-01' AND '2025-09-17'
      GROUP BY date ORDER BY date`);
    const inOutage = (d: Json) =>
      String(d.day) >= planted.TRACKING_OUTAGE.from && String(d.day) <= planted.TRACKING_OUTAGE.to;
    const outage = days.filter(inOutage);
    const normal = days.filter((d) => !inOutage(d));
    expect(outage).toHaveLength(3);
    const avg = (list: Json[], key: string) => list.reduce((s, d) => s + Number(d[key]), 0) / list.length;
    expect(avg(outage, 'conversions')).toBeLessThan(0.1 * avg(normal, 'conversions'));
    expect(avg(outage, 'clicks')).toBeGreaterThan(0.7 * avg(normal, 'clicks'));
  });

  it('5. Beauty & Personal Care spend and revenue peak far higher in Nov 2025 than in Nov 2024', async () => {
    const month = async (column: string, ym: string) =>
      scalar(`SELECT sum(${column}) FROM ad_performance_daily
              WHERE industry = 'Beauty & Personal Care' AND strftime(date, '%Y-%m') = '${ym}'`);
    expect((await month('spend_usd', '2025-11')) / (await month('spend_usd', '2024-11'))).toBeGreaterThan(
      1.5,
    );
    expect((await month('revenue_usd', '2025-11')) / (await month('revenue_usd', '2024-11'))).toBeGreaterThan(
      2,
    );
  });
});

describe('buildSampleWarehouse safety', () => {
  it('rejects a bad scale or seed before touching an existing file', async () => {
    const before = await readFile(path);
    for (const options of [{ scale: 0 }, { scale: -2 }, { seed: -5 }, { seed: 0.5 }]) {
      const error = await buildSampleWarehouse({ path, ...options }).catch((e: unknown) => e);
      expect(isScoutError(error) && error.code).toBe('bad_input');
    }
    expect((await readFile(path)).equals(before)).toBe(true);
  });

  it('replaces a stale temporary file and an existing warehouse', async () => {
    const other = join(dir, 'other.duckdb');
    await writeFile(`${other}.tmp`, 'garbage from a killed build');
    await writeFile(other, 'an old warehouse');
    const result = await buildSampleWarehouse({ path: other, seed: 7, scale: 0.01 });
    expect(result.rows).toBeGreaterThan(0);
    expect(existsSync(`${other}.tmp`)).toBe(false);
    const db = await DuckDBInstance.create(other, { access_mode: 'READ_ONLY' });
    const con = await db.connect();
    const seed = (await con.runAndReadAll("SELECT value FROM scout_meta WHERE key = 'seed'")).getRowsJson();
    con.closeSync();
    db.closeSync();
    expect(seed).toEqual([['7']]);
  });
});
