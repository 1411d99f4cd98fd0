import { describe, expect, it } from 'vitest';
import { createRedisPromptLabelStore } from '../../src/adapters/redis/prompt-label-store.ts';
import { cli } from '../fixtures/cli-harness.ts';
import { useRedisReplicas } from '../fixtures/redis-replicas.ts';

describe('scout prompts (labels in the shared Redis)', () => {
  const r = useRedisReplicas();
  const env = () => ({ REDIS_URL: 'redis://127.0.0.1:6379', SCOUT_REDIS_PREFIX: r.prefix });
  const list = async () =>
    JSON.parse((await cli(['prompts', 'list', '--json'], env())).stdout).tasks.find(
      (t: { task: string }) => t.task === 'metric-query',
    );

  it('lists the committed defaults on a fresh store: production from the front matter', async () => {
    expect(await list()).toEqual({ task: 'metric-query', production: '1.1.0', canary: null, shadow: null });
  });

  it('promotes, starts a canary, rolls back, and keeps the whole history (who, when, why, from -> to)', async () => {
    const promote = await cli(
      ['prompts', 'promote', 'metric-query', '1.0.0', '--reason', 'revert wording', '--by', 'ana'],
      env(),
    );
    expect(promote).toMatchObject({ code: 0, stderr: '' });
    expect(promote.stdout).toMatch(
      /promote metric-query production: 1\.1\.0 -> 1\.0\.0 by ana \(revert wording\)/,
    );
    const canary = await cli(
      ['prompts', 'promote', 'metric-query', '1.1.0', '--label', 'canary', '--weight', '10', '--by', 'bo'],
      env(),
    );
    expect(canary.code).toBe(0);
    expect(await list()).toMatchObject({ production: '1.0.0', canary: { version: '1.1.0', weightPct: 10 } });

    const back = await cli(
      ['prompts', 'rollback', 'metric-query', '--reason', 'canary first', '--by', 'ana'],
      env(),
    );
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/rollback metric-query production: 1\.0\.0 -> 1\.1\.0/);

    const history = JSON.parse(
      (await cli(['prompts', 'history', 'metric-query', '--json'], env())).stdout,
    ).events;
    expect(
      history.map(
        (e: { action: string; label: string; from: string | null; to: string | null; by: string }) => [
          e.action,
          e.label,
          e.from,
          e.to,
          e.by,
        ],
      ),
    ).toEqual([
      ['promote', 'production', '1.1.0', '1.0.0', 'ana'],
      ['promote', 'canary', null, '1.1.0', 'bo'],
      ['rollback', 'production', '1.0.0', '1.1.0', 'ana'],
    ]);
    expect(history.every((e: { at: string }) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('is what every replica reads: a move through one connection is the history through another', async () => {
    await cli(['prompts', 'promote', 'metric-query', '1.0.0', '--by', 'ana'], env());
    const other = createRedisPromptLabelStore(r.b, { prefix: r.prefix });
    const { events } = await other.history('metric-query');
    expect(events).toEqual([expect.objectContaining({ to: '1.0.0', by: 'ana' })]);
  });

  it.each([
    [['prompts', 'promote', 'no-such-task', '1.0.0'], /no prompt task no-such-task/],
    [['prompts', 'promote', 'metric-query', '9.9.9'], /has no version 9\.9\.9/],
    [['prompts', 'rollback', 'metric-query'], /no earlier production version/],
    [['prompts', 'history', 'no-such-task'], /no prompt task no-such-task/],
  ])('refuses %j with exit 1 and one line', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv, env());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it.each([
    [['prompts']],
    [['prompts', 'promote', 'metric-query']],
    [['prompts', 'promote', 'metric-query', '1.0.0', '--label', 'beta']],
    [['prompts', 'promote', 'metric-query', '1.0.0', '--label', 'canary', '--weight', '0']],
  ])('refuses the command line %j with exit 2 and one line', async (argv) => {
    const { code, stderr } = await cli(argv, env());
    expect(code).toBe(2);
    expect(stderr.split('\n')).toHaveLength(1);
  });
});
