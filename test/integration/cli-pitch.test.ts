import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli-harness.ts';
import { deletePrefixed } from '../fixtures/redis-cleanup.ts';

const CONTRACT_KEYS = [
  'status',
  'answer',
  'brand',
  'program',
  'sections',
  'objections',
  'facts',
  'eligibility',
  'checks',
  'id',
  'suggestions',
];

describe('scout pitch', () => {
  it('prints the pitch contract with --json, and exits 0', async () => {
    const { code, stdout } = await cli(['pitch', '--json', 'Harbourline Bank']);
    expect(code).toBe(0);
    const pitch = JSON.parse(stdout);
    for (const key of CONTRACT_KEYS) expect(pitch).toHaveProperty(key);
    expect(pitch).toMatchObject({ status: 'drafted', brand: 'Harbourline Bank' });
    expect(pitch.id).toMatch(/^p-[0-9a-f]{10}$/);
    expect(pitch.sections).toHaveLength(5);
    expect(pitch.objections).toHaveLength(3);
    expect(pitch.checks.map((c: { agent: string }) => c.agent).sort()).toEqual([
      'brand',
      'guardrail',
      'reviewer',
      'rules',
    ]);
    expect(pitch.eligibility).toHaveLength(12);
  }, 60_000);

  it('writes a readable pitch without --json', async () => {
    const { code, stdout } = await cli(['pitch', 'harbourline bank', '--program', 'prg-02']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Harbourline Bank: PRG-02 CTV Growth Accelerator/);
    expect(stdout).toMatch(/Checks: reviewer passed, brand passed, rules passed, guardrail passed/);
  }, 60_000);

  it('answers a misspelt brand with clarify and the closest brands, exit 0', async () => {
    const { code, stdout } = await cli(['pitch', '--json', 'Harbourlne Bank']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      status: 'clarify',
      brand: null,
      suggestions: expect.arrayContaining(['Harbourline Bank']),
    });
  }, 60_000);

  it('rejects bad arguments with one line and exit 2', async () => {
    for (const argv of [
      ['pitch'],
      ['pitch', 'Harbourline Bank', '--program', 'CTV'],
      ['pitch', '--tone', 'x', 'Harbourline Bank'],
    ]) {
      const { code, stderr, stdout } = await cli(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stdout).toBe('');
    }
  });

  it('stores the pitch as an answer record that scout why shows', async () => {
    const prefix = `test-${randomUUID()}:`;
    const redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', SCOUT_REDIS_PREFIX: prefix };
    try {
      const { stdout } = await cli(
        ['pitch', '--json', 'Harbourline Bank', '--goal', 'grow CTV reach, ask alice@example.com'],
        env,
      );
      const { id } = JSON.parse(stdout);
      const why = await cli(['why', '--json', id], env);
      expect(why.code).toBe(0);
      const record = JSON.parse(why.stdout);
      expect(record).toMatchObject({ id, surface: 'cli', status: 'answered', path: 'offline' });
      expect(record.question).toBe('pitch "Harbourline Bank" --goal "grow CTV reach, ask [email]"');
      expect(record.prompts[0]).toMatchObject({ id: 'pitch-story', version: '1.1.0' });
      expect(record.sql).toContain('FROM programs');
    } finally {
      await deletePrefixed(redis, prefix);
      redis.disconnect();
    }
  }, 60_000);
});
