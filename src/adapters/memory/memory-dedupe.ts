import { type ScoutError, toScoutError } from '../../errors.ts';
import type { Dedupe } from '../../ports.ts';

export interface MemoryDedupeOptions {
  /** Claims kept at most; the least recently claimed go first. */
  maxEntries?: number;
  /** Epoch milliseconds; injectable so tests move time instead of sleeping. */
  now?: () => number;
}

export interface MemoryDedupe extends Dedupe {
  /** Records a claim won (or lost) elsewhere, so this process answers "seen" from memory. */
  remember(key: string, ttlSeconds: number): void;
  seen(key: string): boolean;
  readonly size: number;
}

export const DEFAULT_MEMORY_DEDUPE_ENTRIES = 10_000;

/**
 * An in-process, bounded LRU of claims with their expiry: the dedupe of one process when Redis
 * cannot be reached. Memory is capped by `maxEntries` (an hour of Slack deliveries for a busy
 * workspace fits in 10,000 keys, about a megabyte).
 */
export function createMemoryDedupe(options: MemoryDedupeOptions = {}): MemoryDedupe {
  const maxEntries = options.maxEntries ?? DEFAULT_MEMORY_DEDUPE_ENTRIES;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on use makes its first key the oldest.
  const expiries = new Map<string, number>();

  const seen = (key: string): boolean => {
    const expires = expiries.get(key);
    if (expires === undefined) return false;
    if (expires > now()) return true;
    expiries.delete(key);
    return false;
  };
  const remember = (key: string, ttlSeconds: number): void => {
    expiries.delete(key);
    expiries.set(key, now() + ttlSeconds * 1000);
    while (expiries.size > maxEntries) {
      const oldest = expiries.keys().next().value;
      if (oldest === undefined) break;
      expiries.delete(oldest);
    }
  };
  return {
    seen,
    remember,
    get size() {
      return expiries.size;
    },
    async claim(key, ttlSeconds) {
      if (seen(key)) return false;
      remember(key, ttlSeconds);
      return true;
    },
  };
}

/**
 * The shared dedupe (Redis) with this process's memory behind it. Every outcome is also written
 * to memory, so a redelivery this process already saw is refused even while Redis is down, and
 * a delivery first seen during an outage is claimed in memory. Across replicas an outage can
 * still let two processes answer the same delivery once each; within one process it never does.
 */
export function dedupeWithFallback(
  shared: Dedupe,
  local: MemoryDedupe,
  onFallback: (error: ScoutError) => void,
): Dedupe {
  return {
    async claim(key, ttlSeconds) {
      if (local.seen(key)) return false;
      let won: boolean;
      try {
        won = await shared.claim(key, ttlSeconds);
      } catch (error) {
        const typed = toScoutError(error);
        if (typed.code !== 'redis_unavailable') throw typed;
        onFallback(typed);
        return local.claim(key, ttlSeconds);
      }
      local.remember(key, ttlSeconds);
      return won;
    },
  };
}
