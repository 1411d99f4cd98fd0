import type { VariantResult } from '../llmops/experiments/variant-results.ts';
import {
  daysFrom,
  MAX_USAGE_DAYS,
  USAGE_GROUPINGS,
  type UsageGrouping,
  type UsageReport,
  usageReport,
} from '../llmops/ledger/usage-report.ts';
import { parseArgs, UsageError } from './args.ts';
import type { CliDeps, CliIo } from './index.ts';
import { textTable } from './text-table.ts';

/** Without --since: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

function sinceFlag(value: string | undefined, now: Date): string {
  if (value === undefined) {
    const since = new Date(now);
    since.setUTCDate(since.getUTCDate() - (DEFAULT_DAYS - 1));
    return since.toISOString().slice(0, 10);
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--since needs a date as YYYY-MM-DD, got "${value}"`);
  if (date > now) throw new UsageError(`--since ${value} is in the future`);
  if ((now.getTime() - date.getTime()) / 86_400_000 > MAX_USAGE_DAYS)
    throw new UsageError(
      `--since ${value} is more than ${MAX_USAGE_DAYS} days ago (usage is kept that long)`,
    );
  return value;
}

function byFlag(value: string | undefined): UsageGrouping {
  if (value === undefined) return 'user';
  if ((USAGE_GROUPINGS as readonly string[]).includes(value)) return value as UsageGrouping;
  throw new UsageError(`--by must be one of ${USAGE_GROUPINGS.join(', ')}, got "${value}"`);
}

function reportText(report: UsageReport, by: UsageGrouping, since: string): string {
  const usd = (n: number) => `$${n.toFixed(4)}`;
  const lines = [
    `model usage by ${by} since ${since}`,
    report.rows.length === 0
      ? 'no model calls in that period'
      : textTable(
          [by, 'calls', 'input tokens', 'output tokens', 'cost', 'cache hits'],
          report.rows.map((r) => [
            r.key,
            String(r.calls),
            String(r.input_tokens),
            String(r.output_tokens),
            usd(r.cost_usd),
            String(r.cache_hits),
          ]),
          1_000,
        ),
  ];
  if (report.budgets.length > 0) {
    lines.push(
      '',
      textTable(
        ['budget', 'limit', 'spent', 'state'],
        report.budgets.map((b) => [b.scope, usd(b.limit_usd), usd(b.spent_usd), b.state]),
        1_000,
      ),
    );
  }
  return lines.join('\n');
}

function variantsText(variants: readonly VariantResult[]): string {
  if (variants.length === 0) return 'no answers served under a prompt experiment in that period';
  return textTable(
    ['variant', 'answers', 'up', 'down', 'failed checks', 'cost', 'p50 ms', 'p95 ms'],
    variants.map((v) => [
      v.variant,
      String(v.answers),
      String(v.feedback_up),
      String(v.feedback_down),
      String(v.verification_failures),
      `$${v.cost_usd.toFixed(4)}`,
      String(v.latency_ms_p50),
      String(v.latency_ms_p95),
    ]),
    1_000,
  );
}

/** `scout usage [--json] [--since YYYY-MM-DD] [--by user|channel|model|task|prompt]`: model spend from the ledger. */
export async function usageCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json'], value: ['since', 'by'] });
  if (args.positionals.length > 0)
    throw new UsageError(`usage takes no arguments, got "${args.positionals[0]}"`);
  const now = new Date();
  const since = sinceFlag(args.flags.get('since') as string | undefined, now);
  const by = byFlag(args.flags.get('by') as string | undefined);
  const config = deps.loadConfig();
  const { checkRedis, createRedisConnection } = await import('../adapters/redis/redis-connection.ts');
  const { createRedisSpendLedger } = await import('../adapters/redis/spend-ledger.ts');
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-cli', lazy: true });
  try {
    await checkRedis(redis, 1_000);
    const report = await usageReport(
      createRedisSpendLedger(redis, { prefix: config.env.SCOUT_REDIS_PREFIX }),
      {
        since,
        now,
        by,
        limits: {
          userDailyUsd: config.env.SCOUT_BUDGET_USER_DAILY_USD,
          teamMonthlyUsd: config.env.SCOUT_BUDGET_TEAM_MONTHLY_USD,
        },
      },
    );
    if (by !== 'prompt') {
      io.out(args.flags.has('json') ? JSON.stringify(report) : reportText(report, by, since));
      return 0;
    }
    // By prompt: the ledger's rows, then the results of each experiment's variants from the answer records.
    const { experimentAnswerRecords } = await import('../adapters/redis/answer-store.ts');
    const { variantResults } = await import('../llmops/experiments/variant-results.ts');
    const records = await experimentAnswerRecords(redis, {
      prefix: config.env.SCOUT_REDIS_PREFIX,
      days: daysFrom(since, now),
    });
    const variants = variantResults(records, since);
    io.out(
      args.flags.has('json')
        ? JSON.stringify({ ...report, variants })
        : `${reportText(report, by, since)}\n\nresults by prompt variant since ${since}\n${variantsText(variants)}`,
    );
    return 0;
  } finally {
    redis.disconnect();
  }
}
