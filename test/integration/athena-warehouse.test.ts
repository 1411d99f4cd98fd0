import { resolve } from 'node:path';
import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { athenaQueryCostUsd } from '../../src/adapters/athena/athena-cost.ts';
import { createAthenaWarehouse } from '../../src/adapters/athena/athena-warehouse.ts';
import { openDuckDbWarehouse } from '../../src/adapters/duckdb/duckdb-warehouse.ts';
import { type MetricQueryInput, metricQuerySchema } from '../../src/domain/metric-query.ts';
import { sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { compileMetricQuery } from '../../src/domain/sql/compile.ts';
import type { CellValue, Warehouse } from '../../src/ports.ts';
import { type FakeAthena, javaDouble, startFakeAthena } from '../fakes/fake-athena.ts';
import { testModel } from '../fixtures/test-model.ts';

const duckdbPath = resolve(import.meta.dirname, '../../data/warehouse.duckdb');
const credentials = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'x' };

let fake: FakeAthena;
let duck: Warehouse;
const clients: AthenaClient[] = [];

/** A fresh client per warehouse: the SDK's retry budget is per client (REFERENCE §3.3). */
function athena(
  options: { maxAttempts?: number; sleep?: (ms: number) => Promise<void>; workGroup?: string } = {},
) {
  const client = new AthenaClient({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials,
    maxAttempts: options.maxAttempts ?? 1,
  });
  clients.push(client);
  return createAthenaWarehouse({
    client,
    workGroup: options.workGroup ?? 'scout',
    database: 'scout',
    outputLocation: 's3://scout-athena-results/queries/',
    defaultTimeoutMs: 10_000,
    pollInitialMs: 5,
    pollMaxMs: 20,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}

beforeAll(async () => {
  fake = await startFakeAthena({ duckdbPath });
  duck = await openDuckDbWarehouse({
    path: duckdbPath,
    defaultTimeoutMs: 10_000,
    allowlist: sqlAllowlist(testModel().file),
  });
});
afterEach(() => {
  fake.reset();
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await duck?.close();
  await fake?.close();
});

function expectSameRows(actual: CellValue[][], expected: CellValue[][]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, r) => {
    row.forEach((cell, c) => {
      const want = expected[r]?.[c];
      if (typeof want === 'number' && typeof cell === 'number') {
        expect(Math.abs(cell - want)).toBeLessThanOrEqual(Math.abs(want) * 1e-9 + 1e-12);
      } else {
        expect(cell, `row ${r} column ${c}`).toEqual(want);
      }
    });
  });
}

describe('Athena warehouse adapter against the fake Athena', () => {
  const model = testModel();
  const compile = (input: MetricQueryInput, dialect: 'duckdb' | 'trino') =>
    compileMetricQuery(metricQuerySchema.parse(input), model, { dialect, asOf: '2025-12-31', maxRows: 1000 });

  it.each<[string, MetricQueryInput]>([
    ['total spend in 2025', { metrics: ['spend'], time: { kind: 'year', year: 2025 } }],
    ['CTR by channel', { metrics: ['ctr'], dimensions: ['channel'], time: { kind: 'year', year: 2025 } }],
    [
      'spend by month, 2025 vs 2024',
      {
        metrics: ['spend', 'ctr'],
        grain: 'month',
        time: { kind: 'year', year: 2025 },
        compare: { kind: 'previous_year' },
      },
    ],
    [
      'share of spend by channel per quarter (window)',
      { metrics: ['spend'], dimensions: ['channel'], grain: 'quarter', share: { dimension: 'channel' } },
    ],
  ])('%s: Trino SQL on Athena gives the rows DuckDB SQL gives on DuckDB', async (_, input) => {
    const warehouse = athena();
    const trino = compile(input, 'trino');
    const expected = await duck.query(compile(input, 'duckdb').sql);
    const actual = await warehouse.query(trino.sql);
    expect(actual.columns.map((c) => c.name)).toEqual(expected.columns.map((c) => c.name));
    expect(actual.rows.length).toBeGreaterThan(0);
    expectSameRows(actual.rows, expected.rows);
    const time = actual.columns.find((c) => c.name === 'month' || c.name === 'quarter');
    if (time) expect(time.type).toBe('DATE');
    expect(actual.bytesScanned).toBe(fake.estimateBytes(trino.sql));
  });

  it('pages 2 500 rows with NextToken and skips the header row exactly once', async () => {
    const sql =
      'SELECT date, channel, SUM(spend_usd) AS spend, SUM(clicks) AS clicks FROM ad_performance_daily GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 2500';
    const result = await athena().query(sql);
    expect(result.rows).toHaveLength(2500);
    expect(result.columns).toEqual([
      { name: 'date', type: 'DATE' },
      { name: 'channel', type: 'VARCHAR' },
      { name: 'spend', type: 'DOUBLE' },
      { name: 'clicks', type: 'BIGINT' },
    ]);
    const [first] = result.rows;
    expect(first?.[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof first?.[2]).toBe('number');
    expect(typeof first?.[3]).toBe('number');
    expectSameRows(result.rows, (await duck.query(sql)).rows);
    const pages = fake.callsTo('GetQueryResults');
    expect(pages.map((c) => c.input.MaxResults)).toEqual([1000, 1000, 1000]);
    expect(pages[0]?.input.NextToken).toBeUndefined();
    expect(pages[1]?.input.NextToken).toEqual(expect.any(String));
  });

  it('follows NextToken when the service serves smaller pages than asked', async () => {
    const small = await startFakeAthena({ duckdbPath, pageSizeCap: 7 });
    const client = new AthenaClient({
      region: 'us-east-1',
      endpoint: small.url,
      credentials,
      maxAttempts: 1,
    });
    try {
      const warehouse = createAthenaWarehouse({
        client,
        workGroup: 'primary',
        database: 'scout',
        defaultTimeoutMs: 10_000,
        pollInitialMs: 5,
      });
      const result = await warehouse.query('SELECT brand, tier FROM brands ORDER BY brand LIMIT 20');
      expect(result.rows).toHaveLength(20);
      expect(result.rows[0]).not.toEqual(['brand', 'tier']);
      expect(small.callsTo('GetQueryResults')).toHaveLength(3); // 21 rows with the header, 7 a page
    } finally {
      client.destroy();
      await small.close();
    }
  });

  it('keeps polling through QUEUED and RUNNING, RUNNING → QUEUED included, with exponential backoff', async () => {
    const delays: number[] = [];
    const warehouse = athena({
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    fake.script({ states: ['QUEUED', 'RUNNING', 'QUEUED', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING'] });
    const result = await warehouse.query('SELECT COUNT(*) AS n FROM brands');
    expect(result.rows).toEqual([[80]]);
    expect(fake.callsTo('GetQueryExecution')).toHaveLength(8);
    expect(delays).toEqual([5, 10, 20, 20, 20, 20, 20]);
  });

  it('polls once per scripted QUEUED/RUNNING state, then once for the end state', async () => {
    fake.script({ pollsQueued: 2, pollsRunning: 3 });
    await athena().query('SELECT COUNT(*) AS n FROM brands');
    expect(fake.callsTo('GetQueryExecution')).toHaveLength(6);
  });

  it('stops the query and throws query_timeout past the deadline', async () => {
    fake.script({ hang: true });
    const started = performance.now();
    const error = await athena()
      .query('SELECT COUNT(*) FROM ad_performance_daily', { timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'query_timeout', retryable: false });
    expect((error as { userMessage: string }).userMessage).toMatch(/longer than 300 ms and was stopped/);
    const [stop] = fake.callsTo('StopQueryExecution');
    const id = String(stop?.input.QueryExecutionId);
    expect(fake.callsTo('GetQueryExecution').every((c) => c.input.QueryExecutionId === id)).toBe(true);
    expect(fake.stateOf(id)).toBe('CANCELLED');
  });

  it('turns FAILED into query_failed with the first line of the engine message', async () => {
    fake.script({
      fail: {
        reason: "COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved\nstack detail",
        errorType: 1006,
        retryable: false,
      },
    });
    await expect(athena().query('SELECT nope FROM brands')).rejects.toMatchObject({
      code: 'query_failed',
      retryable: false,
      userMessage:
        "The warehouse could not run the query: COLUMN_NOT_FOUND: line 1:8: Column 'nope' cannot be resolved",
      message: expect.stringContaining('category 2, type 1006'),
    });
    expect(fake.callsTo('GetQueryResults')).toHaveLength(0);
  });

  it('reports a real engine error and AthenaError.Retryable', async () => {
    await expect(athena().query('SELECT nope FROM brands')).rejects.toMatchObject({
      code: 'query_failed',
      userMessage: expect.stringMatching(/nope/),
    });
    fake.script({ fail: { reason: 'INTERNAL_ERROR: worker lost', retryable: true } });
    await expect(athena().query('SELECT 1 AS one')).rejects.toMatchObject({
      code: 'query_failed',
      retryable: true,
    });
  });

  it('is retried by the SDK after a throttle, with the same idempotency token', async () => {
    fake.script({ throttleNext: 1, throttleOperation: 'StartQueryExecution' });
    const result = await athena({ maxAttempts: 2 }).query('SELECT COUNT(*) AS n FROM campaigns');
    expect(result.rows).toEqual([[814]]);
    const starts = fake.callsTo('StartQueryExecution');
    expect(starts.map((c) => [c.status, c.error])).toEqual([
      [400, 'ThrottlingException'],
      [200, null],
    ]);
    expect(starts.map((c) => c.attempt)).toEqual(['attempt=1; max=2', 'attempt=2; max=2']);
    expect(starts[0]?.input.ClientRequestToken).toBe(starts[1]?.input.ClientRequestToken);
  });

  it('maps a throttle without retries left to a retryable query_failed with a safe message', async () => {
    fake.script({ throttleNext: 1 });
    const error = await athena()
      .query('SELECT 1 AS one')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'query_failed', retryable: true });
    expect((error as { userMessage: string }).userMessage).toMatch(/busy/);
    expect((error as { userMessage: string }).userMessage).not.toMatch(/Rate exceeded/);
  });

  it.each([
    [
      {
        type: 'AccessDeniedException',
        status: 400,
        message: 'User: arn:aws:iam::123:user/x is not authorized',
      },
      false,
      /not allowed/,
    ],
    [{ type: 'InternalServerException', status: 500, message: 'boom' }, true, /temporary/],
  ])('maps SDK error %o to a typed error', async (injected, retryable, userMessage) => {
    fake.script({ errorNext: { operation: 'GetQueryExecution', ...injected } });
    const error = await athena()
      .query('SELECT 1 AS one')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'query_failed',
      retryable,
      userMessage: expect.stringMatching(userMessage),
    });
    expect((error as { userMessage: string }).userMessage).not.toContain(injected.message);
  });

  it('maps an unknown workgroup (InvalidRequestException) to a non-retryable error', async () => {
    await expect(athena({ workGroup: 'nope' }).query('SELECT 1 AS one')).rejects.toMatchObject({
      code: 'query_failed',
      retryable: false,
      userMessage: expect.stringMatching(/workgroup/),
    });
  });

  it.each(['StartQueryExecution', 'GetQueryExecution'] as const)(
    'turns a malformed %s response into a typed error',
    async (operation) => {
      fake.script({ malformedNext: operation });
      await expect(athena().query('SELECT 1 AS one')).rejects.toMatchObject({
        code: 'query_failed',
        userMessage: 'Athena sent an answer Scout could not read.',
      });
    },
  );

  it('sends the idempotency token, context, output location and result-reuse settings', async () => {
    const warehouse = athena();
    await warehouse.query('SELECT COUNT(*) AS n FROM brands');
    await warehouse.query('SELECT COUNT(*) AS n FROM brands');
    const [first, second] = fake.callsTo('StartQueryExecution').map((c) => c.input);
    expect(first).toMatchObject({
      QueryString: 'SELECT COUNT(*) AS n FROM brands',
      WorkGroup: 'scout',
      QueryExecutionContext: { Database: 'scout', Catalog: 'AwsDataCatalog' },
      ResultConfiguration: { OutputLocation: 's3://scout-athena-results/queries/' },
      ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: 60 } },
    });
    const token = String(first?.ClientRequestToken);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(token.length).toBeLessThanOrEqual(128);
    // Two asks of the same SQL are two executions: same hash part, different nonce.
    expect(second?.ClientRequestToken).not.toBe(token);
    expect(String(second?.ClientRequestToken).split('-')[0]).toBe(token.split('-')[0]);
  });

  it('gets the same execution back for the same ClientRequestToken', async () => {
    const client = new AthenaClient({ region: 'us-east-1', endpoint: fake.url, credentials, maxAttempts: 1 });
    clients.push(client);
    const input = { QueryString: 'SELECT 1', WorkGroup: 'primary', ClientRequestToken: 'a'.repeat(40) };
    const a = await client.send(new StartQueryExecutionCommand(input));
    const b = await client.send(new StartQueryExecutionCommand(input));
    expect(a.QueryExecutionId).toBeDefined();
    expect(b.QueryExecutionId).toBe(a.QueryExecutionId);
    // JSON 1.1 sends timestamps as epoch seconds; the SDK turns them into Dates.
    const described = await client.send(
      new GetQueryExecutionCommand({ QueryExecutionId: a.QueryExecutionId }),
    );
    expect(described.QueryExecution?.Status?.SubmissionDateTime).toBeInstanceOf(Date);
    expect(described.QueryExecution?.Status?.State).toBe('QUEUED');
  });

  it('reports bytes scanned, the engine time and the cost; a reused result scans nothing', async () => {
    const warehouse = athena();
    const sql = 'SELECT channel, SUM(spend_usd) AS spend FROM ad_performance_daily GROUP BY 1 ORDER BY 1';
    fake.script({ dataScannedInBytes: 123_456_789 });
    const first = await warehouse.query(sql);
    expect(first.bytesScanned).toBe(123_456_789);
    expect(first.elapsedMs).toBeGreaterThan(0);
    expect(athenaQueryCostUsd(first.bytesScanned)).toBeCloseTo((118 * 5) / 1024 ** 2, 12); // 117.7 MB → 118
    const again = await warehouse.query(sql);
    expect(again.bytesScanned).toBe(0);
    expect(again.rows).toEqual(first.rows);
  });

  it('prices Athena queries: $5 per TB, rounded up to the MB, 10 MB minimum, failed queries free', () => {
    expect(athenaQueryCostUsd(1)).toBeCloseTo((10 * 5) / 1024 ** 2, 15);
    expect(athenaQueryCostUsd(1024 ** 4)).toBe(5);
    expect(athenaQueryCostUsd(1024 ** 4, 'FAILED')).toBe(0);
    expect(athenaQueryCostUsd(1024 ** 4, 'CANCELLED')).toBe(5);
    expect(athenaQueryCostUsd(0)).toBe(0);
  });

  it('types values from ColumnInfo: Java-style doubles, decimals, booleans, NULLs, timestamps', async () => {
    const result = await athena().query(
      "SELECT CAST(12345678.5 AS DOUBLE) AS big, CAST(0.0001 AS DOUBLE) AS tiny, 1.50 AS dec, true AS flag, CAST(NULL AS VARCHAR) AS missing, TIMESTAMP '2024-01-02 03:04:05' AS ts, 7 / 2 AS intdiv",
    );
    expect(result.rows).toEqual([[12345678.5, 0.0001, 1.5, true, null, '2024-01-02 03:04:05.000', 3]]);
    expect(result.columns.map((c) => c.type)).toEqual([
      'DOUBLE',
      'DOUBLE',
      'DECIMAL(3,2)',
      'BOOLEAN',
      'VARCHAR',
      'TIMESTAMP',
      'INTEGER',
    ]);
    expect([javaDouble(12345678.5), javaDouble(0.0001), javaDouble(2), javaDouble(0.25)]).toEqual([
      '1.23456785E7',
      '1.0E-4',
      '2.0',
      '0.25',
    ]);
  });

  it('destroys the client on close', async () => {
    class RecordingClient extends AthenaClient {
      destroyed = false;
      override destroy() {
        this.destroyed = true;
        super.destroy();
      }
    }
    const client = new RecordingClient({
      region: 'us-east-1',
      endpoint: fake.url,
      credentials,
      maxAttempts: 1,
    });
    const warehouse = createAthenaWarehouse({
      client,
      workGroup: 'primary',
      database: 'scout',
      defaultTimeoutMs: 1000,
    });
    await warehouse.close();
    expect(client.destroyed).toBe(true);
    await expect(warehouse.query('SELECT 1')).rejects.toMatchObject({ code: 'internal' });
  });
});
