import {
  type Audience,
  channelAudience,
  directMessageAudience,
  workspaceAudience,
} from '../domain/audience.ts';
import { isChannelId, isUserId } from '../domain/kb/access.ts';

/** A small, strict argument parser: known flags only, so a typo is an error rather than a question. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: { boolean: string[]; value: string[] }): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (spec.boolean.includes(name)) {
        flags.set(name, true);
      } else if (spec.value.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
      } else {
        throw new UsageError(`unknown option ${arg}`);
      }
      continue;
    }
    positionals.push(arg);
  }
  return { positionals, flags };
}

export function numberFlag(
  args: ParsedArgs,
  name: string,
  check: (n: number) => boolean,
  rule: string,
): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw === true || !Number.isFinite(value) || !check(value))
    throw new UsageError(`--${name} must be ${rule} (got "${raw}")`);
  return value;
}

/** The flags that say who reads a CLI answer (see `audienceFlags`). */
export const AUDIENCE_FLAGS = ['as-channel', 'as-user'] as const;

/**
 * Who the CLI answers for. Without flags: nobody in particular, so internal documents only.
 * `--as-channel C…` answers as if asked in that channel; `--as-user U…` as if that user asked
 * in a DM with Scout; both: that user in that channel (whose members are not known).
 */
export function audienceFlags(args: ParsedArgs): Audience {
  const channel = args.flags.get('as-channel');
  const user = args.flags.get('as-user');
  const id = (name: string, raw: string | true, valid: (id: string) => boolean, shape: string) => {
    const value = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
    if (!valid(value)) throw new UsageError(`--${name} must be a Slack ${shape} (got "${String(raw)}")`);
    return value;
  };
  const asChannel =
    channel === undefined ? null : id('as-channel', channel, isChannelId, 'conversation id like C0123ABCD');
  const asUser = user === undefined ? null : id('as-user', user, isUserId, 'user id like U0123ABCD');
  if (asChannel !== null) return channelAudience(asChannel, asUser);
  if (asUser !== null) return directMessageAudience(asUser);
  return workspaceAudience();
}
