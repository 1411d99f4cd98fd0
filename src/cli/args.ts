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
