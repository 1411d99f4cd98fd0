import type { Redis } from 'ioredis';
import { type LabelEvent, labelEventSchema } from '../../llmops/experiments/labels.ts';
import type { PromptLabelStore } from '../../llmops/experiments/ports.ts';
import { luaScript } from './lua-script.ts';
import { runRedis } from './redis-errors.ts';

export interface RedisPromptLabelStoreOptions {
  /** Namespace for every key: the history of a task is the list `<prefix>prompt-labels:<task>`. */
  prefix: string;
}

/** Appends only while the list has the length the caller read: a compare-and-append, no WATCH. */
const APPEND = luaScript(
  'prompt label append',
  `
if redis.call('LLEN', KEYS[1]) ~= tonumber(ARGV[1]) then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[2])
return 1
`,
);

/**
 * The label history in Redis, the store every replica already shares: a move made from any
 * machine is what every replica serves next. The list has no TTL: it is the audit trail of
 * who moved which label, when and why. An entry that does not parse is skipped, not trusted.
 */
export function createRedisPromptLabelStore(
  redis: Redis,
  options: RedisPromptLabelStoreOptions,
): PromptLabelStore {
  const keyOf = (task: string) => `${options.prefix}prompt-labels:${task}`;
  return {
    async history(task) {
      const raw = await runRedis('LRANGE prompt labels', () => redis.lrange(keyOf(task), 0, -1));
      const events = raw.flatMap((text): LabelEvent[] => {
        try {
          const parsed = labelEventSchema.safeParse(JSON.parse(text));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
      return { events, length: raw.length };
    },
    async append(event, expectedLength) {
      const reply = await APPEND.run(redis, [keyOf(event.task)], [expectedLength, JSON.stringify(event)]);
      return reply === 1;
    },
  };
}
