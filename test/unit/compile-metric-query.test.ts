import { describe, expect, it } from 'vitest';
import { metricQuerySchema } from '../../src/domain/metric-query.ts';
import { compileMetricQuery } from '../../src/domain/sql/compile.ts';
import { testModel } from '../fixtures/test-model.ts';

const model = testModel();
const options = { asOf: '2025-12-31', maxRows: 1000 };
const q = (input: unknown) => metricQuerySchema.parse(input);

describe('compileMetricQuery', () => {
  it('compiles a top-N query with a relative period into canonical SQL', () => {
    const query = q({
      metrics: ['spend'],
      dimensions: ['brand'],
      filters: [{ dimension: 'industry', values: ['Gaming'] }],
      time: { kind: 'relative', unit: 'quarter', offset: -1 },
      order: { metric: 'spend', direction: 'desc' },
      limit: 5,
    });
    const compiled = compileMetricQuery(query, model, { ...options, dialect: 'duckdb' });
    expect(compiled.sql).toBe(
      [
        'SELECT f.brand AS brand, SUM(f.spend_usd) AS spend',
        'FROM ad_performance_daily AS f',
        "WHERE f.date BETWEEN DATE '2025-07-01' AND DATE '2025-09-30' AND f.industry IN ('Gaming')",
        'GROUP BY 1',
        'ORDER BY 2 DESC NULLS LAST, 1 ASC',
        'LIMIT 5',
      ].join('\n'),
    );
    expect(compiled.period?.label).toContain('Q3 2025');
  });

  it('gives the same text for the same query whatever the order of filters and values', () => {
    const a = q({
      metrics: ['ctr'],
      filters: [
        { dimension: 'market', values: ['Taiwan', 'Japan'] },
        { dimension: 'channel', values: ['Search'] },
      ],
    });
    const b = q({
      metrics: ['ctr'],
      filters: [
        { dimension: 'channel', values: ['Search'] },
        { dimension: 'market', values: ['Japan', 'Taiwan'] },
      ],
    });
    const opts = { ...options, dialect: 'duckdb' as const };
    expect(compileMetricQuery(a, model, opts).sql).toBe(compileMetricQuery(b, model, opts).sql);
  });

  it('divides as doubles in Trino, where integer division truncates', () => {
    const query = q({ metrics: ['ctr', 'cpm'] });
    const duck = compileMetricQuery(query, model, { ...options, dialect: 'duckdb' }).sql;
    const trino = compileMetricQuery(query, model, { ...options, dialect: 'trino' }).sql;
    expect(duck).toContain('SUM(f.clicks) / NULLIF(SUM(f.impressions), 0) AS ctr');
    expect(trino).toContain('CAST(SUM(f.clicks) AS DOUBLE) / NULLIF(SUM(f.impressions), 0) AS ctr');
    expect(trino).toContain('CAST(1000 * SUM(f.spend_usd) AS DOUBLE) / NULLIF(SUM(f.impressions), 0) AS cpm');
  });

  it('types time buckets as DATE in DuckDB and uses date_add in Trino for aligned comparisons', () => {
    const query = q({
      metrics: ['spend'],
      grain: 'month',
      time: { kind: 'year', year: 2025 },
      compare: { kind: 'previous_year' },
    });
    const duck = compileMetricQuery(query, model, { ...options, dialect: 'duckdb' }).sql;
    const trino = compileMetricQuery(query, model, { ...options, dialect: 'trino' }).sql;
    expect(duck).toContain("CAST(date_trunc('month', f.date) AS DATE)");
    expect(duck).toContain("CAST(f.date + INTERVAL '12' MONTH AS DATE)");
    expect(trino).toContain("date_trunc('month', date_add('month', 12, f.date))");
  });

  it('compiles period-over-period as current, previous and change columns', () => {
    const query = q({
      metrics: ['spend'],
      time: { kind: 'quarter', year: 2025, quarter: 3 },
      compare: { kind: 'previous_year' },
    });
    const compiled = compileMetricQuery(query, model, { ...options, dialect: 'duckdb' });
    expect(compiled.columns.map((c) => c.role)).toEqual(['metric', 'previous', 'change']);
    expect(compiled.comparison).toMatchObject({ start: '2024-07-01', end: '2024-09-30' });
    expect(compiled.sql).toContain(
      "(f.date BETWEEN DATE '2025-07-01' AND DATE '2025-09-30' OR f.date BETWEEN DATE '2024-07-01' AND DATE '2024-09-30')",
    );
  });

  it('compiles a share of named values as part, total and share', () => {
    const query = q({
      metrics: ['spend'],
      share: { dimension: 'channel', values: ['CTV'] },
      time: { kind: 'year', year: 2025 },
    });
    const compiled = compileMetricQuery(query, model, { ...options, dialect: 'duckdb' });
    expect(compiled.columns.map((c) => c.name)).toEqual(['spend', 'spend_total', 'spend_share']);
    expect(compiled.sql).toContain(
      "SUM(CASE WHEN f.channel IN ('CTV') THEN f.spend_usd END) / NULLIF(SUM(f.spend_usd), 0) AS spend_share",
    );
  });

  it('joins the brands table only when a brand attribute is used', () => {
    const plain = compileMetricQuery(q({ metrics: ['spend'], dimensions: ['channel'] }), model, {
      ...options,
      dialect: 'duckdb',
    });
    const tiered = compileMetricQuery(q({ metrics: ['spend'], dimensions: ['tier'] }), model, {
      ...options,
      dialect: 'duckdb',
    });
    expect(plain.sql).not.toContain('JOIN');
    expect(tiered.sql).toContain('LEFT JOIN brands AS b ON b.brand = f.brand');
  });

  it('rejects unknown values and meaningless shares instead of compiling them', () => {
    expect(() =>
      compileMetricQuery(
        q({ metrics: ['spend'], filters: [{ dimension: 'market', values: ['Germany'] }] }),
        model,
        { ...options, dialect: 'duckdb' },
      ),
    ).toThrow(/unknown market "Germany"/);
    expect(() =>
      compileMetricQuery(q({ metrics: ['ctr'], share: { dimension: 'channel' } }), model, {
        ...options,
        dialect: 'duckdb',
      }),
    ).toThrow(/share of CTR/);
  });

  it('escapes quotes in values it accepts', () => {
    const withQuote = { ...model, values: new Map(model.values).set('brand', ["O'Brien Foods"]) };
    const compiled = compileMetricQuery(
      q({ metrics: ['spend'], filters: [{ dimension: 'brand', values: ["O'Brien Foods"] }] }),
      withQuote,
      { ...options, dialect: 'duckdb' },
    );
    expect(compiled.sql).toContain("f.brand IN ('O''Brien Foods')");
  });

  it('never returns more rows than the cap', () => {
    const compiled = compileMetricQuery(q({ metrics: ['spend'], dimensions: ['brand'], limit: 500 }), model, {
      ...options,
      maxRows: 100,
      dialect: 'duckdb',
    });
    expect(compiled.sql.endsWith('LIMIT 100')).toBe(true);
  });
});
