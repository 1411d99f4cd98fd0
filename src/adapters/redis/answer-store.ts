import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type AnswerFeedback, type AnswerRecord, answerRecordSchema } from '../../domain/answer-record.ts';
import { ScoutError } from '../../errors.ts';
import type { AnswerStore } from '../../ports.ts';
import { redisErrorToScout, requireTtlSeconds, runRedis } from './redis-errors.ts';

export interface RedisAnswerStoreOptions {
  /** Namespace for every key, e.g. `scout:`; records live under `<prefix>answer:<id>`. */
  prefix: string;
  /** Retention of a record and its votes (SCOUT_RECORD_TTL_DAYS); 30 days by default. */
  ttlSeconds?: number;
  /** Told about a record that fails to parse or validate (it is then treated as missing). */
  onCorrupt?: (id: string, error: unknown) => void;
}

export const DEFAULT_ANSWER_TTL_SECONDS = 30 * 24 * 60 * 60;

/** SCOUT_RECORD_TTL_DAYS as the store's TTL. */
export function recordTtlSeconds(days: number): number {
  return days * 24 * 60 * 60;
}

/*
 * Layout: one hash per answer, so record and votes share one key and one TTL.
 *   record        the record as JSON, without its feedback
 *   vote:<user>   that user's latest vote as JSON
 * A vote is one HSET of the user's field, so "one vote per user" and concurrent voters need no
 * read-modify-write: no WATCH (which on a shared connection would mix up concurrent requests)
 * and no re-encoding of the record inside Lua (cjson turns [] into {} and rounds numbers).
 */
const RECORD_FIELD = 'record';
/**
 * Answers served under a prompt experiment, by UTC day of the record: a set of ids per day
 * (`<prefix>experiment-answers:<day>`) with the records' TTL, so results by variant read those
 * records only, never a SCAN of every answer.
 */
const answerKey = (prefix: string, id: string) => `${prefix}answer:${id}`;
const experimentDayKey = (prefix: string, day: string) => `${prefix}experiment-answers:${day}`;
/** How many of a user's answer ids the recent list keeps. */
const RECENT_KEPT = 20;
const VOTE_FIELD = 'vote:';

/** Adds the vote only while the record exists; HSET leaves the key's TTL alone. */
const ADD_VOTE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
return 1
`;
const ADD_VOTE_SHA = createHash('sha1').update(ADD_VOTE_SCRIPT).digest('hex');

const feedbackSchema = answerRecordSchema.shape.feedback.unwrap().element;

export function createRedisAnswerStore(redis: Redis, options: RedisAnswerStoreOptions): AnswerStore {
  const ttl = requireTtlSeconds(options.ttlSeconds ?? DEFAULT_ANSWER_TTL_SECONDS);
  const keyOf = (id: string): string => answerKey(options.prefix, id);
  const recentKeyOf = (user: string): string => `${options.prefix}answers-by:${user}`;

  async function runAddVote(key: string, field: string, vote: string): Promise<unknown> {
    const args = [1, key, RECORD_FIELD, field, vote] as const;
    try {
      return await redis.evalsha(ADD_VOTE_SHA, ...args);
    } catch (error) {
      // First use on this server (or after SCRIPT FLUSH / a restart): send the body once.
      if (error instanceof Error && error.message.startsWith('NOSCRIPT'))
        return redis.eval(ADD_VOTE_SCRIPT, ...args);
      throw error;
    }
  }

  return {
    async save(record) {
      const parsed = answerRecordSchema.safeParse(record);
      if (!parsed.success) {
        throw new ScoutError(
          'internal',
          `refusing to save invalid answer record ${record.id}: ${parsed.error.message}`,
        );
      }
      const { feedback, ...rest } = parsed.data;
      const fields: Record<string, string> = { [RECORD_FIELD]: JSON.stringify(rest) };
      for (const vote of feedback) fields[VOTE_FIELD + vote.user] = JSON.stringify(vote);
      const key = keyOf(record.id);
      const asker = parsed.data.asker.user;
      // Saving replaces the answer as a whole, votes included; MULTI makes that one atomic step.
      const results = await runRedis('save answer', () => {
        const steps = redis.multi().del(key).hset(key, fields).expire(key, ttl);
        if (rest.variants && rest.variants.length > 0) {
          const day = experimentDayKey(options.prefix, rest.createdAt.slice(0, 10));
          steps.sadd(day, record.id).expire(day, ttl + 86_400);
        }
        // The asker's newest answers (App Home, the DM's suggested prompts), newest first.
        if (asker) {
          const recent = recentKeyOf(asker);
          steps
            .lrem(recent, 0, record.id)
            .lpush(recent, record.id)
            .ltrim(recent, 0, RECENT_KEPT - 1);
          steps.expire(recent, ttl);
        }
        return steps.exec();
      });
      const failed = results?.find(([error]) => error !== null)?.[0];
      if (failed) throw redisErrorToScout('save answer', failed);
    },

    async get(id) {
      const hash = await runRedis('get answer', () => redis.hgetall(keyOf(id)));
      if (Object.keys(hash).length === 0) return null;
      const result = decode(hash);
      if (result.ok) return result.record;
      options.onCorrupt?.(id, result.error);
      return null;
    },

    async recentFor(user, limit) {
      const ids = await runRedis('recent answers', () =>
        redis.lrange(recentKeyOf(user), 0, Math.max(0, Math.min(limit, RECENT_KEPT) - 1)),
      );
      const records = await Promise.all(ids.map((id) => this.get(id)));
      // A record past its retention leaves its id behind until the list is trimmed: skipped.
      return records.filter((record): record is AnswerRecord => record !== null);
    },

    async addFeedback(id, feedback) {
      const vote = feedbackSchema.safeParse(feedback);
      if (!vote.success) throw new ScoutError('bad_input', `invalid feedback: ${vote.error.message}`);
      const added = await runRedis('add feedback', () =>
        runAddVote(keyOf(id), VOTE_FIELD + vote.data.user, JSON.stringify(vote.data)),
      );
      return added === 1;
    },
  };
}

type Decoded = { ok: true; record: AnswerRecord } | { ok: false; error: unknown };

/** Reassembles and validates a record from its hash; any bad part makes the whole record corrupt. */
function decode(hash: Record<string, string>): Decoded {
  try {
    const raw = hash[RECORD_FIELD];
    if (raw === undefined) throw new Error('votes without a record');
    const body: unknown = JSON.parse(raw);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new Error('record is not an object');
    const feedback: AnswerFeedback[] = Object.entries(hash)
      .filter(([field]) => field.startsWith(VOTE_FIELD))
      .map(([, value]) => feedbackSchema.parse(JSON.parse(value)))
      .sort((a, b) => a.at.localeCompare(b.at) || a.user.localeCompare(b.user));
    const parsed = answerRecordSchema.safeParse({ ...body, feedback });
    return parsed.success ? { ok: true, record: parsed.data } : { ok: false, error: parsed.error };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The records of answers served under a prompt experiment on the given UTC days (gone ones skipped). */
export async function experimentAnswerRecords(
  redis: Redis,
  options: { prefix: string; days: readonly string[] },
): Promise<AnswerRecord[]> {
  const ids = await runRedis('SMEMBERS experiment answers', async () => {
    const pipeline = redis.pipeline();
    for (const day of options.days) pipeline.smembers(experimentDayKey(options.prefix, day));
    return ((await pipeline.exec()) ?? []).flatMap(([, value]) => (value as string[] | null) ?? []);
  });
  const hashes = await runRedis('HGETALL experiment answers', async () => {
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hgetall(answerKey(options.prefix, id));
    return ((await pipeline.exec()) ?? []).map(([, value]) => (value as Record<string, string>) ?? {});
  });
  return hashes.flatMap((hash) => {
    if (Object.keys(hash).length === 0) return [];
    const decoded = decode(hash);
    return decoded.ok ? [decoded.record] : [];
  });
}
