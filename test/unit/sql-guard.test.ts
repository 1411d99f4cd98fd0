import { describe, expect, it } from 'vitest';
import { guardSql } from '../../src/domain/sql/guard.ts';

const policy = {
  allowlist: new Map([
    ['ad_performance_daily', new Set(['date', 'brand', 'channel', 'spend_usd', 'clicks', 'impressions'])],
    ['brands', new Set(['brand', 'tier'])],
  ]),
  maxRows: 1000,
};

describe('guardSql', () => {
  it('accepts a plain SELECT and adds a row limit', () => {
    const guarded = guardSql(
      'SELECT channel, SUM(spend_usd) AS spend FROM ad_performance_daily GROUP BY 1 ORDER BY spend DESC',
      policy,
    );
    expect(guarded.sql.endsWith('\nLIMIT 1000')).toBe(true);
    expect(guarded.tables).toEqual(['ad_performance_daily']);
  });

  it('keeps a limit within the cap and wraps a larger one', () => {
    expect(guardSql('SELECT brand FROM brands LIMIT 5', policy).sql).toBe('SELECT brand FROM brands LIMIT 5');
    const wrapped = guardSql('SELECT brand FROM brands LIMIT 50000', policy).sql;
    expect(wrapped).toMatch(
      /^SELECT \* FROM \(\nSELECT brand FROM brands LIMIT 50000\n\) AS limited\nLIMIT 1000$/,
    );
  });

  it('accepts CTEs, joins and window functions over allowlisted tables', () => {
    const sql = `WITH t AS (SELECT brand, SUM(spend_usd) AS spend FROM ad_performance_daily GROUP BY brand)
      SELECT t.brand, b.tier, t.spend, rank() OVER (ORDER BY t.spend DESC) AS r FROM t JOIN brands b ON b.brand = t.brand`;
    expect(() => guardSql(sql, policy)).not.toThrow();
  });

  it.each([
    ['DROP TABLE brands', /only SELECT|parsed/],
    ['SELECT 1; DROP TABLE brands', /one statement|parsed/],
    ['DELETE FROM brands', /only SELECT/],
    ['INSERT INTO brands VALUES (1)', /only SELECT/],
    ['UPDATE brands SET tier = 1', /only SELECT/],
    ['SELECT * INTO copy FROM brands', /INTO/],
    ["SELECT * FROM read_csv('/etc/passwd')", /table functions/],
    ["SELECT * FROM read_parquet('s3://bucket/x.parquet')", /table functions/],
    ["SELECT getenv('HOME')", /function getenv/],
    ['SELECT * FROM scout_meta', /table scout_meta is not available/],
    ['SELECT * FROM information_schema.tables', /schema-qualified|not available/],
    ['SELECT secret FROM brands', /column secret/],
    ["COPY brands TO '/tmp/x.csv'", /parsed|only SELECT/],
    ["ATTACH '/tmp/x.db' AS x", /parsed|only SELECT/],
    ['', /empty/],
    ['SELECT brand FROM brands UNION SELECT key FROM scout_meta', /scout_meta|column key/],
  ])('rejects %s', (sql, reason) => {
    expect(() => guardSql(sql, policy)).toThrow(reason);
  });

  it('rejects oversized and deeply nested input before parsing', () => {
    expect(() => guardSql(`SELECT ${'1 + '.repeat(10_000)}1`, policy)).toThrow(/too long/);
    expect(() => guardSql(`SELECT ${'('.repeat(60)}1${')'.repeat(60)}`, policy)).toThrow(/nested too deeply/);
  });

  it('caps a set operation as a whole', () => {
    const guarded = guardSql('SELECT brand FROM brands UNION SELECT brand FROM ad_performance_daily', policy);
    expect(guarded.sql.startsWith('SELECT * FROM (')).toBe(true);
    expect(guarded.sql.endsWith('LIMIT 1000')).toBe(true);
  });

  it('cannot be tricked by a trailing comment into dropping the limit', () => {
    const guarded = guardSql('SELECT brand FROM brands -- no limit here', policy);
    expect(guarded.sql).toBe('SELECT brand FROM brands -- no limit here\nLIMIT 1000');
  });
});
