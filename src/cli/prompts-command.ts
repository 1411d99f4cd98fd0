import { resolve } from 'node:path';
import {
  LABEL_NAMES,
  type LabelEvent,
  type LabelName,
  type TaskLabels,
} from '../llmops/experiments/labels.ts';
import {
  labelHistory,
  listLabels,
  moveLabel,
  type PromptLabelDeps,
} from '../llmops/experiments/prompt-labels.ts';
import { loadPromptRegistry } from '../llmops/prompt-registry.ts';
import { numberFlag, parseArgs, UsageError } from './args.ts';
import type { CliDeps, CliIo } from './index.ts';
import { textTable } from './text-table.ts';

const HELP =
  'prompts list [--json] | history <task> [--json] | promote <task> <version> [--label production|canary|shadow] [--weight %] [--reason "…"] [--by name] | rollback <task> [version] [--label …] [--reason "…"] [--by name]';

function labelFlag(value: string | true | undefined): LabelName {
  if (value === undefined) return 'production';
  if ((LABEL_NAMES as readonly string[]).includes(String(value))) return value as LabelName;
  throw new UsageError(`--label must be one of ${LABEL_NAMES.join(', ')}, got "${value}"`);
}

const weighted = (entry: TaskLabels['canary']) => (entry ? `${entry.version} (${entry.weightPct}%)` : '-');

function listText(labels: TaskLabels[]): string {
  return textTable(
    ['task', 'production', 'canary', 'shadow'],
    labels.map((l) => [l.task, l.production, weighted(l.canary), weighted(l.shadow)]),
    1_000,
  );
}

function eventText(e: LabelEvent): string {
  const weight = e.weightPct === undefined ? '' : ` at ${e.weightPct}%`;
  return `${e.at} ${e.action} ${e.task} ${e.label}: ${e.from ?? '(none)'} -> ${e.to ?? '(none)'}${weight} by ${e.by}${e.reason ? ` (${e.reason})` : ''}`;
}

async function withLabelDeps<T>(deps: CliDeps, run: (labels: PromptLabelDeps) => Promise<T>): Promise<T> {
  const config = deps.loadConfig();
  const registry = loadPromptRegistry(resolve(deps.projectRoot, 'prompts'));
  const { checkRedis, createRedisConnection } = await import('../adapters/redis/redis-connection.ts');
  const { createRedisPromptLabelStore } = await import('../adapters/redis/prompt-label-store.ts');
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-cli', lazy: true });
  try {
    await checkRedis(redis, 1_000);
    return await run({
      registry,
      store: createRedisPromptLabelStore(redis, { prefix: config.env.SCOUT_REDIS_PREFIX }),
    });
  } finally {
    redis.disconnect();
  }
}

/**
 * `scout prompts list|history|promote|rollback`: where each prompt's labels point, and moving
 * them with an append-only history (who, when, why, from -> to) in the Redis every replica reads.
 */
export async function promptsCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json'], value: ['label', 'weight', 'reason', 'by'] });
  const [sub, task, version, ...extra] = args.positionals;
  const json = args.flags.has('json');
  if (sub === 'list') {
    if (task !== undefined) throw new UsageError(`prompts list takes no arguments (${HELP})`);
    const labels = await withLabelDeps(deps, listLabels);
    io.out(json ? JSON.stringify({ tasks: labels }) : listText(labels));
    return 0;
  }
  if (sub === 'history') {
    if (!task || version !== undefined) throw new UsageError(`prompts history needs one task (${HELP})`);
    const events = await withLabelDeps(deps, (d) => labelHistory(d, task));
    io.out(
      json
        ? JSON.stringify({ task, events })
        : events.map(eventText).join('\n') || `no label moves for ${task}`,
    );
    return 0;
  }
  if ((sub !== 'promote' && sub !== 'rollback') || !task || extra.length > 0)
    throw new UsageError(`prompts needs a subcommand: ${HELP}`);
  if (sub === 'promote' && !version)
    throw new UsageError(`prompts promote needs a task and a version (${HELP})`);
  const weightPct = numberFlag(args, 'weight', (n) => n > 0 && n <= 100, 'a percentage above 0, at most 100');
  const request = {
    task,
    label: labelFlag(args.flags.get('label')),
    ...(version ? { version } : {}),
    ...(weightPct === undefined ? {} : { weightPct }),
    by: String(args.flags.get('by') ?? process.env.USER ?? 'unknown'),
    reason: String(args.flags.get('reason') ?? ''),
    at: new Date(),
  };
  const event = await withLabelDeps(deps, (d) => moveLabel(d, sub, request));
  io.out(json ? JSON.stringify(event) : eventText(event));
  return 0;
}
