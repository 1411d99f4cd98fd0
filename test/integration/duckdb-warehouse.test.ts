import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbWarehouse } from '../../src/adapters/duckdb/duckdb-warehouse.ts';
import type { Warehouse } from '../../src/ports.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openDuckDbWarehouse({ path: sampleWarehouse, defaultTimeoutMs: 10_000 });
});
afterAll(async () => {
  await warehouse.close();
});

describe('DuckDB warehouse adapter', () => {
  it('returns raw values: numbers for sums and ratios, ISO strings for dates', async () => {
    const result = await warehouse.query(
      "SELECT CAST(date_trunc('month', date) AS DATE) AS month, SUM(impressions) AS impressions, SUM(clicks) / NULLIF(SUM(impressions), 0) AS ctr FROM ad_performance_daily WHERE date < DATE '2024-03-01' GROUP BY 1 ORDER BY 1",
    );
    expect(result.columns.map((c) => c.name)).toEqual(['month', 'impressions', 'ctr']);
    expect(result.rows[0]?.[0]).toBe('2024-01-01');
    expect(typeof result.rows[0]?.[1]).toBe('number');
    expect(result.rows[0]?.[2]).toBeGreaterThan(0);
    expect(result.rows[0]?.[2]).toBeLessThan(1);
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /table function|Permission|not allowed/i],
    ["COPY brands TO '/tmp/scout-leak.csv'", /not allowed|only one SELECT/i],
    ['DROP TABLE brands', /not allowed|only one SELECT/i],
    ['SELECT 1; SELECT 2', /not allowed|only one SELECT/i],
    ['SET enable_external_access = true', /not allowed|only one SELECT/i],
  ])('refuses %s even without the SQL guard', async (sql, message) => {
    await expect(warehouse.query(sql)).rejects.toMatchObject({
      code: 'sql_rejected',
      userMessage: expect.stringMatching(message),
    });
  });

  it('keeps external access disabled and the configuration locked', async () => {
    await expect(
      warehouse.query("SELECT current_setting('enable_external_access') AS v"),
    ).resolves.toMatchObject({ rows: [[false]] });
    await expect(warehouse.query("SELECT current_setting('lock_configuration') AS v")).resolves.toMatchObject(
      { rows: [[true]] },
    );
  });

  it('interrupts a query past its deadline with a typed error', async () => {
    const heavy =
      'SELECT COUNT(*) FROM ad_performance_daily a, ad_performance_daily b WHERE a.clicks + b.clicks = -1';
    await expect(warehouse.query(heavy, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'query_timeout' });
    // The connection is usable again afterwards.
    await expect(warehouse.query('SELECT COUNT(*) AS n FROM brands')).resolves.toMatchObject({
      columns: [{ name: 'n' }],
    });
  });
});
