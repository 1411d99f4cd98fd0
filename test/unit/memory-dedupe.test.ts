import { describe, expect, it } from 'vitest';
import { createMemoryDedupe, dedupeWithFallback } from '../../src/adapters/memory/memory-dedupe.ts';
import { ScoutError } from '../../src/errors.ts';
import type { Dedupe } from '../../src/ports.ts';

function clock() {
  let at = 1_000_000;
  return {
    now: () => at,
    advance: (ms: number) => {
      at += ms;
    },
  };
}

/** A shared dedupe that can be switched off, standing in for Redis going away and coming back. */
function switchable() {
  const keys = new Set<string>();
  let up = true;
  const dedupe: Dedupe = {
    async claim(key) {
      if (!up) throw new ScoutError('redis_unavailable', 'connection refused', { retryable: true });
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    },
  };
  const down = () => {
    up = false;
  };
  return { dedupe, keys, down };
}

describe('in-process dedupe', () => {
  it('lets the first claim win until it expires', async () => {
    const time = clock();
    const memory = createMemoryDedupe({ now: time.now });
    expect(await memory.claim('ev-1', 60)).toBe(true);
    expect(await memory.claim('ev-1', 60)).toBe(false);
    time.advance(60_001);
    expect(await memory.claim('ev-1', 60)).toBe(true);
  });

  it('stays bounded, forgetting the least recently claimed first', async () => {
    const memory = createMemoryDedupe({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c', 'd']) await memory.claim(key, 60);
    expect(memory.size).toBe(3);
    expect(memory.seen('a')).toBe(false);
    expect(memory.seen('d')).toBe(true);
    for (let i = 0; i < 10_000; i++) await memory.claim(`k${i}`, 60);
    expect(memory.size).toBe(3);
  });
});

describe('shared dedupe with the in-process fallback', () => {
  it('refuses, while the shared store is down, a delivery this process saw while it was up', async () => {
    const shared = switchable();
    const fallbacks: string[] = [];
    const dedupe = dedupeWithFallback(shared.dedupe, createMemoryDedupe(), (e) => fallbacks.push(e.code));
    expect(await dedupe.claim('ev-1', 3600)).toBe(true);
    shared.down();
    expect(await dedupe.claim('ev-1', 3600)).toBe(false);
    expect(await dedupe.claim('ev-2', 3600)).toBe(true);
    expect(await dedupe.claim('ev-2', 3600)).toBe(false);
    expect(fallbacks).toEqual(['redis_unavailable']);
  });

  it('keeps refusing what another replica claimed, once the shared store said so', async () => {
    const shared = switchable();
    shared.keys.add('ev-9');
    const dedupe = dedupeWithFallback(shared.dedupe, createMemoryDedupe(), () => undefined);
    expect(await dedupe.claim('ev-9', 3600)).toBe(false);
    shared.down();
    expect(await dedupe.claim('ev-9', 3600)).toBe(false);
  });

  it('does not hide bugs: an error other than the store being unavailable is thrown', async () => {
    const broken: Dedupe = {
      claim: async () => {
        throw new ScoutError('internal', 'TTL must be a whole number');
      },
    };
    const dedupe = dedupeWithFallback(broken, createMemoryDedupe(), () => undefined);
    await expect(dedupe.claim('k', 0)).rejects.toMatchObject({ code: 'internal' });
  });
});
