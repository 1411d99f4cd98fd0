import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbErrorToScout, queryTimedOut } from '../../src/adapters/duckdb/duckdb-errors.ts';

const limits = { memoryLimit: '256MB' };

describe('duckdbErrorToScout', () => {
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
  });
  afterAll(() => instance.closeSync());

  async function engineError(sql: string): Promise<unknown> {
    const connection = await instance.connect();
    try {
      await connection.run(sql);
      throw new Error(`expected ${sql} to fail`);
    } catch (error) {
      return error;
    } finally {
      connection.closeSync();
    }
  }

  it('maps a Binder Error to a non-retryable query_failed quoting its first line', async () => {
    const error = await engineError('SELECT nope FROM range(3)');
    const mapped = duckdbErrorToScout('run', error, limits);
    expect(mapped).toMatchObject({ code: 'query_failed', retryable: false, retried: false });
    expect(mapped.userMessage).toBe(
      'The warehouse could not run the query: Binder Error: Referenced column "nope" not found in FROM clause!',
    );
  });

  it('maps an Out of Memory Error to query_too_large naming the limit', async () => {
    const connection = await instance.connect();
    await connection.run("SET memory_limit = '8MB'");
    await connection.run("SET max_temp_directory_size = '0KB'");
    let thrown: unknown;
    try {
      await connection.run(
        'SELECT count(DISTINCT a.range * 1000003 + b.range) FROM range(3000) a, range(3000) b',
      );
    } catch (error) {
      thrown = error;
    } finally {
      connection.closeSync();
    }
    expect(String((thrown as Error | undefined)?.message)).toMatch(
      /Out of Memory Error|max_temp_directory_size/,
    );
    expect(duckdbErrorToScout('run', thrown, limits)).toMatchObject({
      code: 'query_too_large',
      retryable: false,
      userMessage: expect.stringMatching(/^That query needs more memory than Scout allows \(256MB\)/),
    });
  });

  it('maps a Parser Error while planning to query_failed saying it could not plan', async () => {
    const error = await engineError('EXPLAIN SELEC 1');
    expect(duckdbErrorToScout('plan', error, limits)).toMatchObject({
      code: 'query_failed',
      userMessage: expect.stringMatching(/^The warehouse could not plan the query: Parser Error/),
    });
  });

  it('maps what is not an engine error to internal, with a generic user message', () => {
    const mapped = duckdbErrorToScout('run', new TypeError('chunk.getRows is not a function'), limits);
    expect(mapped).toMatchObject({ code: 'internal', retryable: false });
    expect(mapped.userMessage).toBe('Something went wrong on my side.');
  });

  it('maps an interrupted statement past its deadline to query_timeout', () => {
    expect(queryTimedOut(1500, new Error('INTERRUPT Error: Interrupted!'))).toMatchObject({
      code: 'query_timeout',
      retryable: false,
      userMessage: expect.stringMatching(/longer than 2 s/),
    });
  });
});
