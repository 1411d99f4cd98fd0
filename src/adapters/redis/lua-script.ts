import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { runRedis } from './redis-errors.ts';

/** A Lua script run by its SHA, its body sent once per server (after a restart or SCRIPT FLUSH). */
export interface LuaScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

export function luaScript(name: string, body: string): LuaScript {
  const sha = createHash('sha1').update(body).digest('hex');
  return {
    run: (redis, keys, args) =>
      runRedis(`EVAL ${name}`, async () => {
        try {
          return await redis.evalsha(sha, keys.length, ...keys, ...args);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('NOSCRIPT'))
            return redis.eval(body, keys.length, ...keys, ...args);
          throw error;
        }
      }),
  };
}
