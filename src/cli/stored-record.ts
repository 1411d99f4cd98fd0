import type { Config } from '../config.ts';
import { type AnswerRecord, isWellFormedAnswerId } from '../domain/answer-record.ts';
import { parseArgs, UsageError } from './args.ts';
import type { CliDeps, CliIo } from './index.ts';

/**
 * `<command> [--json] <answer id>`: the stored record the command is about, or null after one
 * line saying there is none (the caller exits 1). A malformed id is a usage error.
 */
export async function storedRecordArg(
  command: string,
  argv: string[],
  deps: CliDeps,
  io: CliIo,
): Promise<{ record: AnswerRecord | null; json: boolean; config: Config }> {
  const args = parseArgs(argv, { boolean: ['json'], value: [] });
  const [id = ''] = args.positionals;
  if (args.positionals.length !== 1 || !isWellFormedAnswerId(id))
    throw new UsageError(`${command} needs one answer id, e.g. scout ${command} a-1f2e3d4c5b`);
  const config = deps.loadConfig();
  const record = await deps.readAnswerRecord(config, id);
  if (!record)
    io.err(
      `scout: no answer record ${id} (records are kept ${config.env.SCOUT_RECORD_TTL_DAYS} days, under REDIS_URL and SCOUT_REDIS_PREFIX)`,
    );
  return { record, json: args.flags.has('json'), config };
}
