import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DuckDbWarehouse, openDuckDbWarehouse } from '../../src/adapters/duckdb/duckdb-warehouse.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import { sqlAllowlist } from '../../src/domain/semantic/semantic-model.ts';
import { cli, sampleWarehouse } from '../fixtures/cli-harness.ts';
import { testModel } from '../fixtures/test-model.ts';

const allowlist = sqlAllowlist(testModel().file);
let warehouse: DuckDbWarehouse;

beforeAll(async () => {
  // Small bounds so the memory-bound cases fail within a second or two on a shared machine.
  warehouse = await openDuckDbWarehouse({
    path: sampleWarehouse,
    defaultTimeoutMs: 10_000,
    allowlist,
    limits: { memoryLimit: '256MB', threads: 1, maxTempDirectorySize: '128MB' },
  });
});
afterAll(async () => {
  await warehouse.close();
});

/** Runs work while sampling this process's resident memory; returns the peak in MB. */
async function peakRssDuring(work: () => Promise<unknown>): Promise<{ peakMb: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return { peakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, ms: performance.now() - started };
}

async function stillAnswers(): Promise<void> {
  await expect(warehouse.query('SELECT COUNT(*) AS n FROM brands')).resolves.toMatchObject({
    columns: [{ name: 'n' }],
  });
}

describe('DuckDB engine bounds', () => {
  it('sets memory_limit, threads and max_temp_directory_size on the engine queries run on', async () => {
    await expect(warehouse.settings(['memory_limit', 'threads', 'max_temp_directory_size'])).resolves.toEqual(
      {
        memory_limit: '244.1 MiB',
        threads: '1',
        max_temp_directory_size: '122.0 MiB',
      },
    );
  });

  it.each([
    [
      'a self cross join with string_agg',
      "SELECT string_agg(a.brand, ',') FROM ad_performance_daily a, ad_performance_daily b",
    ],
    [
      'count(DISTINCT …) over a cross join',
      'SELECT count(DISTINCT a.campaign_id || b.campaign_id) FROM ad_performance_daily a CROSS JOIN ad_performance_daily b',
    ],
  ])('refuses %s before it runs, with a clear message', async (_, sql) => {
    const { ms } = await peakRssDuring(() =>
      expect(warehouse.query(sql)).rejects.toMatchObject({
        code: 'query_too_large',
        retryable: false,
        userMessage: expect.stringMatching(
          /would work through about 1T rows in one step, more than Scout allows/,
        ),
      }),
    );
    expect(ms).toBeLessThan(2000);
    await stillAnswers();
  });

  it('stops a statement that needs more memory than the limit, and the process carries on', async () => {
    // Within the plan bound (80 brands × 1M rows), but the aggregate state outgrows 256 MB.
    const sql = "SELECT string_agg(a.brand || b.brand, ',') FROM brands a, ad_performance_daily b";
    const before = process.memoryUsage().rss / 1024 / 1024;
    const { peakMb, ms } = await peakRssDuring(() =>
      expect(warehouse.query(sql)).rejects.toMatchObject({
        code: 'query_too_large',
        userMessage: expect.stringMatching(/^That query needs more memory than Scout allows \(256MB\)/),
      }),
    );
    expect(ms).toBeLessThan(5000);
    // The engine's allocations stop near its 256 MB limit (unbounded, this grew past 12 GB).
    expect(peakMb - before).toBeLessThan(768);
    await stillAnswers();
  });

  it('keeps memory bounded for a distinct count over a smaller cross join, until the deadline stops it', async () => {
    const sql =
      'SELECT count(DISTINCT a.brand || b.campaign_id || CAST(b.date AS VARCHAR) || b.channel || b.device || b.market) FROM brands a, ad_performance_daily b';
    const before = process.memoryUsage().rss / 1024 / 1024;
    const { peakMb } = await peakRssDuring(() =>
      expect(warehouse.query(sql, { timeoutMs: 1500 })).rejects.toMatchObject({
        code: expect.stringMatching(/^query_(timeout|too_large)$/),
      }),
    );
    expect(peakMb - before).toBeLessThan(768);
    await stillAnswers();
  });
});

describe('result bounds', () => {
  let small: DuckDbWarehouse;
  beforeAll(async () => {
    small = await openDuckDbWarehouse({
      path: sampleWarehouse,
      defaultTimeoutMs: 10_000,
      allowlist,
      limits: { maxResultRows: 50, maxResultBytes: 16 * 1024 },
    });
  });
  afterAll(async () => {
    await small.close();
  });

  it('refuses a result with more rows than allowed', async () => {
    await expect(small.query('SELECT brand FROM brands')).rejects.toMatchObject({
      code: 'query_too_large',
      userMessage: expect.stringMatching(/returns more than Scout can show \(50 rows\)/),
    });
    await expect(small.query('SELECT brand FROM brands LIMIT 50')).resolves.toMatchObject({
      rows: expect.any(Array),
    });
  });

  it('refuses a result larger than the byte bound, even in one cell', async () => {
    await expect(
      small.query("SELECT string_agg(campaign_name, ',') AS names FROM campaigns"),
    ).rejects.toMatchObject({
      code: 'query_too_large',
      userMessage: expect.stringMatching(/returns more than Scout can show/),
    });
  });
});

describe('scout sql under the engine bounds', () => {
  it('exits with the message and status 1 as a real process, not killed by the memory it asked for', async () => {
    const child = spawnSync(
      process.execPath,
      [
        resolve(projectRoot, 'bin/scout.js'),
        'sql',
        "SELECT string_agg(a.brand || b.brand, ',') FROM brands a, ad_performance_daily b",
      ],
      {
        env: {
          ...process.env,
          DUCKDB_PATH: sampleWarehouse,
          LOG_LEVEL: 'silent',
          REDIS_URL: 'redis://127.0.0.1:1',
          SCOUT_DUCKDB_MEMORY_LIMIT: '256MB',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(child.signal).toBeNull();
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/That query needs more memory than Scout allows \(256MB\)/);
  });

  it('answers a statement past the memory limit with the message, not a crash', async () => {
    const { code, stdout, stderr } = await cli(
      ['sql', "SELECT string_agg(a.brand || b.brand, ',') FROM brands a, ad_performance_daily b"],
      { SCOUT_DUCKDB_MEMORY_LIMIT: '256MB', SCOUT_DUCKDB_THREADS: '1' },
    );
    expect(code).not.toBe(0);
    expect(`${stdout}\n${stderr}`).toMatch(/That query needs more memory than Scout allows \(256MB\)/);
  });
});
