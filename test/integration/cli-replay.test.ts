import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli-harness.ts';
import { useRedisReplicas } from '../fixtures/redis-replicas.ts';

interface Part {
  part: string;
  same: boolean | null;
  recorded: unknown;
  replayed: unknown;
}

describe('scout replay', () => {
  const r = useRedisReplicas();
  const env = () => ({ REDIS_URL: 'redis://127.0.0.1:6379', SCOUT_REDIS_PREFIX: r.prefix });

  async function recordedAnswer(question: string) {
    const asked = await cli(['ask', '--json', '--no-chart', question], env());
    expect(asked.code).toBe(0);
    const id = JSON.parse(asked.stdout).id as string;
    const key = `${r.prefix}answer:${id}`;
    const record = JSON.parse((await r.a.hget(key, 'record')) ?? 'null');
    expect(record).toMatchObject({
      id,
      rowCount: 6,
      dataVersion: { warehouse: 'duckdb', asOf: '2025-12-31' },
    });
    return { id, key, record };
  }

  it('re-runs an answer from its record and finds nothing different on the same data', async () => {
    const { id } = await recordedAnswer('CTR by channel last quarter');
    const { code, stdout } = await cli(['replay', '--json', id], env());
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ id, same: true });
    expect(report.parts.map((p: Part) => [p.part, p.same])).toEqual([
      ['data_version', true],
      ['sql', true],
      ['row_count', true],
      ['figures', true],
    ]);
  });

  it('shows which figures, which SQL and which prompt hash differ from the record', async () => {
    const { id, key, record } = await recordedAnswer('CTR by channel last quarter');
    // As if the answer had been made on other data, by other SQL and another prompt text.
    const changed = {
      ...record,
      rows: record.rows.map((row: unknown[], i: number) => (i === 0 ? [row[0], 0.5] : row)),
      sql: `${record.sql} `.replace('LIMIT', 'ORDER BY 1 LIMIT'),
      promptVersions: ['metric-query-tool@1.0.0#0000000000000000'],
    };
    await r.a.hset(key, 'record', JSON.stringify(changed));
    const report = JSON.parse((await cli(['replay', '--json', id], env())).stdout);
    expect(report.same).toBe(false);
    const part = (name: string) => report.parts.find((p: Part) => p.part === name) as Part;
    expect(part('sql').same).toBe(false);
    expect(part('figures')).toMatchObject({
      same: false,
      replayed: [{ row: 0, column: 1, recorded: '0.5' }],
    });
    expect(part('prompt:metric-query-tool')).toMatchObject({
      same: false,
      recorded: '1.0.0#0000000000000000',
    });
    const text = await cli(['replay', id], env());
    expect(text.stdout).toMatch(/^replay of a-\S+: differs/);
    expect(text.stdout).toMatch(/≠ figures/);
  });

  it('refuses an unknown id with exit 1 and one line, and a malformed one with exit 2', async () => {
    const unknown = await cli(['replay', 'a-0000000000'], env());
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr.split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/no answer record a-0000000000/);
    const malformed = await cli(['replay', 'not an id!'], env());
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.split('\n')).toHaveLength(1);
  });
});
