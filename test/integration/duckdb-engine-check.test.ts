import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DuckDbWarehouse,
  defaultDuckDbLimits,
  openDuckDbWarehouse,
  openLockedEngine,
} from '../../src/adapters/duckdb/duckdb-warehouse.ts';
import { checkEngineParse, parseSerializedSql } from '../../src/adapters/duckdb/parse-tree-check.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import { sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { guardSql } from '../../src/domain/sql/guard.ts';
import { shapeDisagreement, shapeOf } from '../../src/domain/sql/shape.ts';
import { parseGoldenSet } from '../../src/llmops/eval/golden-set.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';
import { testModel } from '../fixtures/test-model.ts';

const allowlist = sqlAllowlist(testModel().file);
let parser: DuckDBInstance;
let connection: DuckDBConnection;
let warehouse: DuckDbWarehouse;

beforeAll(async () => {
  parser = await DuckDBInstance.create(':memory:');
  connection = await parser.connect();
  warehouse = await openDuckDbWarehouse({ path: sampleWarehouse, defaultTimeoutMs: 10_000, allowlist });
});
afterAll(async () => {
  connection.closeSync();
  parser.closeSync();
  await warehouse.close();
});

/** DuckDB's own parse of a statement, checked by the engine-side walker alone (no SQL guard). */
async function engineReading(sql: string) {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  return checkEngineParse(parseSerializedSql(String(reader.getRowsJson()[0]?.[0])), allowlist);
}

describe("the engine check walks DuckDB's own parse default-deny", () => {
  it.each([
    ["SELECT * FROM 'data/warehouse.csv'", /table data\/warehouse.csv/],
    ['SELECT * FROM "data/warehouse.parquet"', /table data\/warehouse.parquet/],
    ["SELECT * FROM read_csv('/etc/passwd')", /table function in FROM/],
    ['SELECT * FROM information_schema.tables', /schema-qualified table/],
    ['SELECT * FROM main.brands', /schema-qualified table/],
    ['SELECT * FROM warehouse.main.brands', /schema-qualified table|catalog-qualified table/],
    ['SELECT * FROM scout_meta', /table scout_meta/],
    [
      'SELECT * FROM (WITH scout_meta AS (SELECT 1 AS key) SELECT * FROM scout_meta) AS s, scout_meta',
      /table scout_meta/,
    ],
    ["SELECT current_setting('threads')", /function current_setting/],
    ['SELECT version()', /function version/],
    ['SELECT main.version()', /function version/],
    ['SELECT current_user, current_catalog', /built-in current_user/],
    ['SELECT * FROM brands POSITIONAL JOIN campaigns', /join of kind POSITIONAL/],
    ['SELECT * FROM brands ASOF JOIN campaigns ON brands.brand >= campaigns.brand', /join of kind ASOF/],
    ['SELECT * FROM (VALUES (1)) AS v(x)', /expression list in FROM/],
    ['SELECT * FROM brands USING SAMPLE 10%', /SAMPLE/],
    ['SELECT brand FROM brands QUALIFY row_number() OVER () = 1', /QUALIFY/],
    ['SELECT brand, count(*) FROM brands GROUP BY ALL', /GROUP BY ALL/],
    ['SELECT * EXCLUDE (tier) FROM brands', /star with modifiers/],
    ['SELECT COLUMNS(*) FROM brands', /star with modifiers/],
    ['SELECT [1, 2] AS l', /function list_value/],
    ["SELECT {'a': 1} AS s", /function struct_pack/],
    ['SELECT (x -> x + 1) AS f FROM brands', /lambda expression/],
    ['SELECT $1', /parameter/],
    ['SELECT CAST(brand AS BLOB) FROM brands', /cast to blob/],
    ['SELECT CAST(brand AS INTEGER[]) FROM brands', /cast to list|cast with type details/],
    ['WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r) SELECT n FROM r', /recursive|CTE/],
    ['SELECT brand FROM brands LIMIT 10%', /limit_percent/],
    ['SELECT brand COLLATE nocase FROM brands', /collate expression/],
    ['SELECT rowid FROM brands', /column rowid/],
    ['PIVOT brands ON tier', /pivot|only select|could not parse/i],
  ])('refuses %s', async (sql, reason) => {
    await expect(engineReading(sql)).rejects.toMatchObject({
      code: 'sql_rejected',
      message: expect.stringMatching(reason),
    });
  });

  it("agrees with the guard's reading on every golden statement", async () => {
    const golden = ['eval/golden.yml', 'eval/holdout.yml'].flatMap((file) =>
      parseGoldenSet(readFileSync(resolve(projectRoot, file), 'utf8')),
    );
    const statements = golden.flatMap((item) => (item.sql ? [item.sql] : []));
    expect(statements.length).toBeGreaterThan(50);
    for (const sql of statements) {
      const guard = guardSql(sql, { allowlist, maxRows: 1000 }).shape;
      expect(shapeDisagreement(guard, await engineReading(sql)), sql).toBeNull();
    }
  });

  it('catches the backslash differential even where every name on its own is allowed', async () => {
    const sql = String.raw`SELECT '\' AS a, brand FROM brands --'`;
    // What a parser that treats \' as an escaped quote reads: one string, no table.
    const backslashEscaping = shapeOf([], [], [String.raw`\' AS a, brand FROM brands --`]);
    const engine = await engineReading(sql);
    expect(engine).toEqual({ tables: ['brands'], functions: [], strings: ['\\'] });
    expect(shapeDisagreement(backslashEscaping, engine)).toMatch(/tables \[\] vs \[brands\]/);
    // The guard now reads it as the engine does.
    expect(shapeDisagreement(guardSql(sql, { allowlist, maxRows: 10 }).shape, engine)).toBeNull();
  });
});

describe('the DuckDB warehouse refuses the issue’s statements without any caller guarding them', () => {
  it.each([
    String.raw`SELECT '\' AS a, current_setting('threads') AS b --'`,
    String.raw`SELECT '\' AS a, * FROM information_schema.tables --'`,
    String.raw`SELECT '\' AS a, * FROM "data/warehouse.duckdb" --'`,
    "SELECT * FROM 'data/warehouse.duckdb'",
    'SELECT * FROM (WITH scout_meta AS (SELECT 1 AS key) SELECT * FROM scout_meta) AS s, scout_meta',
  ])('%s', async (sql) => {
    await expect(warehouse.query(sql)).rejects.toMatchObject({ code: 'sql_rejected' });
    await expect(warehouse.explain(sql)).rejects.toMatchObject({ code: 'sql_rejected' });
  });
});

describe('file-name scans are impossible in the engine itself', () => {
  let dir: string;
  let engine: DuckDBInstance;

  beforeAll(async () => {
    // A warehouse file with a CSV next to it, as data/ holds the warehouse and other files.
    dir = mkdtempSync(join(tmpdir(), 'scout-scan-'));
    const build = await DuckDBInstance.create(join(dir, 'warehouse.duckdb'));
    const c = await build.connect();
    await c.run('CREATE TABLE brands AS SELECT 1 AS brand');
    c.closeSync();
    build.closeSync();
    writeFileSync(join(dir, 'secret.csv'), 'a,b\n1,secret\n');
    engine = await openLockedEngine(join(dir, 'warehouse.duckdb'), defaultDuckDbLimits, join(dir, 'spill'));
  });
  afterAll(() => {
    engine.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    (d: string) => `SELECT * FROM '${d}/secret.csv'`,
    (d: string) => `SELECT * FROM "${d}/secret.csv"`,
    (d: string) => `SELECT * FROM read_csv('${d}/secret.csv')`,
    (d: string) => `SELECT * FROM read_text('${d}/secret.csv')`,
    () => "SELECT * FROM glob('/etc/*')",
    (d: string) => `ATTACH '${d}/other.duckdb' AS other`,
  ])('even an unchecked statement cannot read files next to the warehouse (%#)', async (statement) => {
    const c = await engine.connect();
    try {
      await expect(c.run(statement(dir))).rejects.toThrow(/disabled by configuration|Permission Error/);
    } finally {
      c.closeSync();
    }
  });

  it('cannot turn external access back on', async () => {
    const c = await engine.connect();
    try {
      await expect(c.run('SET enable_external_access = true')).rejects.toThrow(
        /configuration has been locked/i,
      );
      await expect(c.run(`SET allowed_directories = ['${dir}/']`)).rejects.toThrow(/locked/i);
    } finally {
      c.closeSync();
    }
  });

  it('does not list the data directory among the allowed directories', async () => {
    const settings = await warehouse.settings(['allowed_directories', 'enable_external_access']);
    expect(settings.enable_external_access).toBe('false');
    expect(settings.allowed_directories).not.toContain(resolve(projectRoot, 'data'));
  });
});
