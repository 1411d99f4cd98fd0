import { describe, expect, it } from 'vitest';
import { assignVariant, bucketOf, shadowVariant } from '../../src/llmops/experiments/assign.ts';
import type { TaskLabels } from '../../src/llmops/experiments/labels.ts';

const labels = (canaryPct: number, shadowPct = 0): TaskLabels => ({
  task: 'metric-query',
  production: '1.1.0',
  canary: canaryPct > 0 ? { version: '1.2.0', weightPct: canaryPct } : null,
  shadow: shadowPct > 0 ? { version: '1.0.0', weightPct: shadowPct } : null,
});
const users = Array.from({ length: 10_000 }, (_, i) => `U${String(i).padStart(6, '0')}`);

describe('prompt experiments', () => {
  it('assigns a user the same variant every time (sticky by a hash of user and task)', () => {
    for (const user of users.slice(0, 200)) {
      const first = assignVariant(labels(10), user);
      expect(assignVariant(labels(10), user)).toEqual(first);
    }
    // A pinned value: every replica and every release must put this user in the same bucket.
    expect(bucketOf('metric-query\u0000U000001')).toBe(4794);
  });

  it('serves the canary to its weight of users: 10% of 10,000 within one percentage point', () => {
    const canary = users.filter((u) => assignVariant(labels(10), u).label === 'canary').length;
    expect(canary / users.length).toBeGreaterThan(0.09);
    expect(canary / users.length).toBeLessThan(0.11);
  });

  it('keeps canary users in the canary when its weight grows (buckets below the weight stay in)', () => {
    const at10 = users.filter((u) => assignVariant(labels(10), u).label === 'canary');
    const at30 = new Set(users.filter((u) => assignVariant(labels(30), u).label === 'canary'));
    expect(at10.every((u) => at30.has(u))).toBe(true);
    expect(at30.size / users.length).toBeGreaterThan(0.28);
    expect(at30.size / users.length).toBeLessThan(0.32);
  });

  it('puts a user in different buckets for different tasks', () => {
    const other = (u: string) => assignVariant({ ...labels(10), task: 'sql-fallback' }, u).label;
    const inBoth = users.filter(
      (u) => assignVariant(labels(10), u).label === 'canary' && other(u) === 'canary',
    );
    expect(inBoth.length).toBeLessThan(300);
  });

  it('serves production with no canary, and everyone the canary at 100%', () => {
    expect(users.every((u) => assignVariant(labels(0), u).version === '1.1.0')).toBe(true);
    expect(users.every((u) => assignVariant(labels(100), u).version === '1.2.0')).toBe(true);
  });

  it('samples shadow runs by request, at the shadow weight, reproducibly', () => {
    const requests = users.map((u) => `a-${u}`);
    const sampled = requests.filter((id) => shadowVariant(labels(0, 5), id) !== null);
    expect(sampled.length / requests.length).toBeGreaterThan(0.04);
    expect(sampled.length / requests.length).toBeLessThan(0.06);
    expect(sampled.every((id) => shadowVariant(labels(0, 5), id)?.version === '1.0.0')).toBe(true);
    expect(shadowVariant(labels(0, 0), requests[0] ?? '')).toBeNull();
  });
});
