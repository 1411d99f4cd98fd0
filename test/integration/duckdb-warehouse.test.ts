import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuckDbWarehouse, openDuckDbWarehouse } from '../../src/adapters/duckdb/duckdb-warehouse.ts';
import { sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { testModel } from '../fixtures/test-model.ts';

let warehouse: DuckDbWarehouse;

beforeAll(async () => {
  warehouse = await openDuckDbWarehouse({
    path: sampleWarehouse,
    defaultTimeoutMs: 10_000,
    allowlist: sqlAllowlist(testModel().file),
  });
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
    // Statements may no longer read settings (current_setting is not allowlisted); Scout's own path can.
    await expect(warehouse.settings(['enable_external_access', 'lock_configuration'])).resolves.toEqual({
      enable_external_access: 'false',
      lock_configuration: 'true',
    });
    await expect(
      warehouse.query("SELECT current_setting('enable_external_access') AS v"),
    ).rejects.toMatchObject({ code: 'sql_rejected' });
  });

  it('interrupts a query past its deadline with a typed error', async () => {
    // A key join: long-running but within the plan bound (a cross join is now refused before it runs).
    const heavy =
      'SELECT COUNT(*) FROM ad_performance_daily a JOIN ad_performance_daily b ON a.campaign_id = b.campaign_id WHERE a.clicks + b.clicks = 7';
    await expect(warehouse.query(heavy, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'query_timeout' });
    // The connection is usable again afterwards.
    await expect(warehouse.query('SELECT COUNT(*) AS n FROM brands')).resolves.toMatchObject({
      columns: [{ name: 'n' }],
    });
  });
});
