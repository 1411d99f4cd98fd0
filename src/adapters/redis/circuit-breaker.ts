import type { ChainableCommander, Redis } from 'ioredis';
import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import { redisErrorToScout, runRedis } from './redis-errors.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

/** Shared by every replica: when one sees the dependency fail, all of them stop calling it. */
export interface CircuitBreaker {
  readonly name: string;
  /** For health checks and logs; rejects with `redis_unavailable` when Redis is down. */
  state(): Promise<CircuitState>;
  /** May this call go ahead? Never rejects; true when Redis is down. */
  allow(): Promise<boolean>;
  /** The call succeeded: closes the circuit and clears the failure count. Never rejects. */
  recordSuccess(): Promise<void>;
  /** The call failed in a way that says the dependency is unhealthy. Never rejects. */
  recordFailure(): Promise<void>;
}

export type CircuitTransition = 'opened' | 'reopened' | 'closed';

export interface RedisCircuitBreakerOptions {
  /** Namespace for every key, e.g. `scout:`; this breaker's keys live under `<prefix>breaker:<name>:`. */
  prefix: string;
  /** Which dependency, e.g. `bedrock`. */
  name: string;
  /** Failures within one window that open the circuit. */
  failureThreshold?: number;
  windowSeconds?: number;
  /** How long the circuit stays open before one probe may try again. */
  openSeconds?: number;
  /** Epoch milliseconds; injectable so tests move time instead of sleeping. */
  now?: () => number;
  /** Told about every Redis failure the breaker swallowed (log it). */
  onError?: (error: ScoutError, operation: string) => void;
  /** Told when this replica moved the shared circuit (log or count it). */
  onTransition?: (transition: CircuitTransition) => void;
}

const optionsSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  failureThreshold: z.number().int().min(1),
  windowSeconds: z.number().int().min(1),
  openSeconds: z.number().int().min(1),
});

/**
 * An open-circuit marker nobody has looked at for this long (beyond `openSeconds`) expires, so a
 * breaker that is no longer used leaves nothing behind. While the breaker is in use it never
 * expires: a half-open circuit must wait for its probe, not close on its own.
 */
const OPEN_KEY_GRACE_MS = 24 * 3_600_000;

/**
 * A circuit breaker whose state lives in Redis, so every replica sees the same circuit.
 *
 * - closed: failures are counted per fixed window (key per `floor(now / window)`, INCR + EXPIRE
 *   in one MULTI, so no counter is left without a TTL); reaching the threshold opens it.
 * - open: the `open` key holds the time it may be probed again (by the injected clock, so all
 *   timing follows `now`); calls are refused until then and failures are ignored.
 * - half-open: past that time, `SET probe NX` lets exactly one caller across all replicas
 *   through; its success closes the circuit, its failure re-opens it. The probe slot expires
 *   after `openSeconds` in case the probing replica dies without reporting.
 *
 * Redis trouble fails open: `allow()` says yes and the record calls swallow the error (reported
 * to `onError`). The breaker only protects Bedrock from load and users from waiting on a dead
 * dependency; a Redis outage must not add a Bedrock outage on top, and Bedrock calls keep their
 * own timeouts and retries. Replicas compare their own clocks with the stored time, so clock
 * skew between them shifts the half-open moment by the skew (seconds at most, on NTP hosts).
 */
export function createRedisCircuitBreaker(redis: Redis, options: RedisCircuitBreakerOptions): CircuitBreaker {
  const parsed = optionsSchema.safeParse({
    name: options.name,
    failureThreshold: options.failureThreshold ?? 5,
    windowSeconds: options.windowSeconds ?? 60,
    openSeconds: options.openSeconds ?? 30,
  });
  if (!parsed.success) {
    throw new ScoutError('config_invalid', `circuit breaker ${options.name}: ${parsed.error.message}`);
  }
  const { name, failureThreshold, windowSeconds, openSeconds } = parsed.data;
  const now = options.now ?? Date.now;
  const openMs = openSeconds * 1_000;
  const base = `${options.prefix}breaker:${name}:`;
  const openKey = `${base}open`;
  const probeKey = `${base}probe`;
  const failuresKey = (at: number): string => `${base}failures:${Math.floor(at / (windowSeconds * 1_000))}`;

  const swallow = (error: unknown, operation: string): void => {
    options.onError?.(redisErrorToScout(`breaker ${name} ${operation}`, error), operation);
  };

  /** When the circuit may be probed again; null when closed. A corrupt value counts as due. */
  const readOpenUntil = async (): Promise<number | null> => {
    const raw = await runRedis('breaker GET', () => redis.get(openKey));
    if (raw === null) return null;
    const until = Number(raw);
    return Number.isFinite(until) ? until : 0;
  };

  const stateAt = (until: number | null, at: number): CircuitState =>
    until === null ? 'closed' : at < until ? 'open' : 'half_open';

  return {
    name,

    async state() {
      return stateAt(await readOpenUntil(), now());
    },

    async allow() {
      try {
        const state = stateAt(await readOpenUntil(), now());
        if (state !== 'half_open') return state === 'closed';
        const claimed = await runRedis('breaker SET NX', () =>
          redis.set(probeKey, String(now()), 'EX', openSeconds, 'NX'),
        );
        return claimed === 'OK';
      } catch (error) {
        swallow(error, 'allow');
        return true;
      }
    },

    async recordSuccess() {
      try {
        const results = await exec(
          redis.multi().del(openKey).del(probeKey).del(failuresKey(now())),
          'breaker close',
        );
        if (results[0] === 1) options.onTransition?.('closed');
      } catch (error) {
        swallow(error, 'recordSuccess');
      }
    },

    async recordFailure() {
      try {
        const at = now();
        const state = stateAt(await readOpenUntil(), at);
        // Late failures of calls let through before the circuit opened say nothing new.
        if (state === 'open') return;
        if (state === 'half_open') {
          // The probe failed: open for another period and free the probe slot for the next one.
          await exec(
            redis
              .multi()
              .set(openKey, String(at + openMs), 'PX', openMs + OPEN_KEY_GRACE_MS)
              .del(probeKey),
            'breaker reopen',
          );
          options.onTransition?.('reopened');
          return;
        }
        const key = failuresKey(at);
        // The TTL only collects old buckets; twice the window tolerates replicas' clock skew.
        const [count] = await exec(
          redis
            .multi()
            .incr(key)
            .expire(key, windowSeconds * 2),
          'breaker INCR',
        );
        if (typeof count !== 'number' || count < failureThreshold) return;
        // NX: when several replicas cross the threshold together, the first one opens the
        // circuit and the others do not push its end further out.
        const [opened] = await exec(
          redis
            .multi()
            .set(openKey, String(at + openMs), 'PX', openMs + OPEN_KEY_GRACE_MS, 'NX')
            .del(key),
          'breaker open',
        );
        if (opened === 'OK') options.onTransition?.('opened');
      } catch (error) {
        swallow(error, 'recordFailure');
      }
    },
  };
}

/** Runs a MULTI and returns each command's reply; any command's error rejects the whole. */
async function exec(multi: ChainableCommander, operation: string): Promise<unknown[]> {
  const results = await runRedis(operation, () => multi.exec());
  if (results === null) throw new ScoutError('internal', `redis ${operation}: transaction aborted`);
  const failed = results.find(([error]) => error !== null)?.[0];
  if (failed) throw redisErrorToScout(operation, failed);
  return results.map(([, reply]) => reply);
}
