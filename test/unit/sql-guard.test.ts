import { describe, expect, it } from 'vitest';
import { metricQuerySchema } from '../../src/domain/metric-query.ts';
import { sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { compileMetricQuery } from '../../src/domain/sql/compile.ts';
import { guardSql } from '../../src/domain/sql/guard.ts';
import { testModel } from '../fixtures/test-model.ts';

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

describe('guardSql reads literals the way the engines do (parse differential)', () => {
  // Before: the guard's parser read \' as an escaped quote, so each of these was "one string".
  it.each([
    [String.raw`SELECT '\' AS a, current_setting('threads') AS b --'`, /function current_setting/],
    [String.raw`SELECT '\' AS a, * FROM information_schema.tables --'`, /schema-qualified/],
    [
      String.raw`SELECT '\' AS a, * FROM "data/warehouse.csv" --'`,
      /table data\/warehouse.csv is not available/,
    ],
    [String.raw`SELECT '\' AS a, version() AS b FROM brands --'`, /function version/],
    [
      String.raw`SELECT brand FROM brands WHERE brand = '\' UNION SELECT key FROM scout_meta --'`,
      /scout_meta/,
    ],
    [String.raw`SELECT E'\'' AS a, version() --'`, /prefixed string/],
  ])('refuses %s', (sql, reason) => {
    expect(() => guardSql(sql, policy)).toThrow(reason);
  });

  it('accepts a backslash inside a string and reports the literal as the engines read it', () => {
    const guarded = guardSql(
      String.raw`SELECT brand FROM brands WHERE brand LIKE 'a\%' OR tier = 'it''s'`,
      policy,
    );
    expect(guarded.shape).toEqual({ tables: ['brands'], functions: [], strings: ['a\\%', "it's"] });
  });

  it('reads the tables and functions a statement uses, in the engines’ spelling', () => {
    const guarded = guardSql(
      'SELECT COUNT(*) AS n, EXTRACT(YEAR FROM date) AS y, COALESCE(SUM(clicks), 0) AS c FROM ad_performance_daily GROUP BY 2',
      policy,
    );
    expect(guarded.shape.tables).toEqual(['ad_performance_daily']);
    expect(guarded.shape.functions).toEqual(['coalesce', 'count_star', 'date_part', 'sum']);
  });

  it.each([
    ['SELECT CAST(brand AS BLOB) FROM brands', /parsed|cast/],
    ['SELECT CAST(spend_usd AS DECIMAL(10, 2)) AS s FROM ad_performance_daily', null],
    ['SELECT spend_usd::DATE AS s FROM ad_performance_daily', null],
    ['SELECT CAST(brand AS JSON) FROM brands', /cast to json/],
  ])('checks the target type of %s', (sql, reason) => {
    if (reason) expect(() => guardSql(sql, policy)).toThrow(reason);
    else expect(() => guardSql(sql, policy)).not.toThrow();
  });

  it('refuses statements split by a semicolon inside what only looks like the end', () => {
    expect(() => guardSql("SELECT brand FROM brands; SELECT 'x'", policy)).toThrow(/one statement/);
    expect(guardSql('SELECT brand FROM brands; -- done', policy).sql).toBe(
      'SELECT brand FROM brands -- done\nLIMIT 1000',
    );
  });
});

describe('guardSql resolves CTE names by scope', () => {
  it('does not let a CTE inside a subquery hide a real table of the same name elsewhere', () => {
    const sql =
      'SELECT * FROM (WITH scout_meta AS (SELECT brand FROM brands) SELECT brand FROM scout_meta) AS s, scout_meta';
    expect(() => guardSql(sql, policy)).toThrow(/table scout_meta is not available/);
  });

  it('does not let a CTE of one set-operation operand cover another', () => {
    const sql =
      '(WITH secret AS (SELECT brand FROM brands) SELECT brand FROM secret) UNION SELECT brand FROM secret';
    expect(() => guardSql(sql, policy)).toThrow(/table secret is not available/);
  });

  it('reads the real table inside a CTE that shares its name (a CTE does not see itself)', () => {
    expect(
      guardSql('WITH brands AS (SELECT brand FROM brands) SELECT brand FROM brands', policy).tables,
    ).toEqual(['brands']);
    expect(() =>
      guardSql('WITH scout_meta AS (SELECT * FROM scout_meta) SELECT * FROM scout_meta', policy),
    ).toThrow(/scout_meta is not available/);
  });

  it('does not let a CTE see a later one of the same WITH', () => {
    const sql = 'WITH a AS (SELECT * FROM b), b AS (SELECT brand FROM brands) SELECT * FROM a';
    expect(() => guardSql(sql, policy)).toThrow(/table b is not available/);
  });

  it('lets later CTEs, the main query and every operand of its set operation see a CTE', () => {
    const sql = `WITH a AS (SELECT brand FROM brands), b AS (SELECT brand FROM a)
      SELECT brand FROM b UNION SELECT brand FROM a WHERE brand IN (SELECT brand FROM b)`;
    expect(guardSql(sql, policy).tables).toEqual(['brands']);
  });

  it('refuses recursive CTEs', () => {
    expect(() => guardSql('WITH RECURSIVE r AS (SELECT 1 AS n) SELECT n FROM r', policy)).toThrow(
      /recursive/,
    );
  });
});

describe('guardSql accepts what the compiler writes', () => {
  it.each(['duckdb', 'trino'] as const)(
    'a share per quarter (window partitioned by a cast), %s',
    (dialect) => {
      const model = testModel();
      const query = metricQuerySchema.parse({
        metrics: ['spend'],
        dimensions: ['channel'],
        grain: 'quarter',
        share: { dimension: 'channel' },
      });
      const { sql } = compileMetricQuery(query, model, { dialect, asOf: '2025-12-31', maxRows: 1000 });
      expect(guardSql(sql, { allowlist: sqlAllowlist(model.file), maxRows: 1000 }).tables).toEqual([
        'ad_performance_daily',
      ]);
    },
  );
});

describe('guardSql placeholders never stand for real names', () => {
  it('does not resolve a quoted file name to a CTE that happens to share its placeholder', () => {
    expect(() =>
      guardSql('WITH q0 AS (SELECT brand FROM brands) SELECT * FROM "data/x.csv"', policy),
    ).toThrow(/table data\/x.csv is not available/);
  });

  it('refuses a string used as a table', () => {
    expect(() =>
      guardSql("WITH s0 AS (SELECT brand FROM brands) SELECT * FROM 'data/x.csv'", policy),
    ).toThrow(/string cannot be used as a table|parsed/);
  });
});

describe('guardSql refuses what the engines would resolve differently or not at all', () => {
  it('refuses a CTE name defined twice in one WITH', () => {
    const sql = 'WITH x AS (SELECT brand FROM brands), x AS (SELECT tier FROM brands) SELECT * FROM x';
    expect(() => guardSql(sql, policy)).toThrow(/CTE x is defined twice/);
  });

  it('refuses a column qualified by a name that is not a table of the statement', () => {
    expect(() => guardSql('SELECT x.brand FROM brands', policy)).toThrow(/x is not a table of the statement/);
    expect(guardSql('SELECT b.brand, brands.tier FROM brands AS b, brands', policy).tables).toEqual([
      'brands',
    ]);
  });
});
