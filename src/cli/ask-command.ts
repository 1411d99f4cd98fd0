import { dataVersionOf } from '../domain/answer-record.ts';
import { checkQuestion } from '../domain/input-limits.ts';
import { isScoutError } from '../errors.ts';
import { type AskAnswer, ask } from '../usecases/ask/ask.ts';
import { buildAnswerRecords } from '../usecases/ask/build-answer-record.ts';
import { AUDIENCE_FLAGS, audienceFlags, parseArgs, UsageError } from './args.ts';
import { writeChart } from './chart-files.ts';
import { composeForCli } from './compose-for-cli.ts';
import type { CliDeps, CliIo } from './index.ts';
import { textTable } from './text-table.ts';

/**
 * `scout ask [--json] [--chart file] [--as-channel C…] [--as-user U…] "<question>"`: exit 0 for
 * answered, clarify and refused. Restricted documents only with --as-channel / --as-user.
 */
export async function askCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json', 'no-chart'], value: ['chart', ...AUDIENCE_FLAGS] });
  const audience = audienceFlags(args);
  const json = args.flags.has('json');
  const question = args.positionals.join(' ');
  if (args.positionals.length === 0)
    throw new UsageError('ask needs a question, e.g. scout ask "total spend in 2025"');
  // Length first: an oversized question is answered with the limit, before anything is opened.
  const checked = checkQuestion(question);
  if (!checked.ok) {
    io.out(json ? JSON.stringify(noAnswer('clarify', checked.message)) : checked.message);
    return 0;
  }

  let analyst: Awaited<ReturnType<typeof composeForCli>>;
  try {
    analyst = await composeForCli(deps, io, { charts: !args.flags.has('no-chart') });
  } catch (error) {
    if (!json) throw error;
    const message = isScoutError(error) ? error.userMessage : String(error);
    io.out(JSON.stringify(noAnswer('error', message)));
    return 1;
  }
  try {
    const started = performance.now();
    const answer = await ask(analyst, checked.text, { audience });
    const records = buildAnswerRecords(answer, {
      surface: 'cli',
      ...(process.env.USER ? { cliUser: process.env.USER } : {}),
      latencyMs: performance.now() - started,
      createdAt: new Date(),
      dataVersion: dataVersionOf(deps.loadConfig().env.WAREHOUSE, analyst.asOf, analyst.meta),
    });
    // The shadow's record too (never printed): its results count in `scout usage --by prompt`.
    for (const record of records) await deps.recordCliAnswer(deps.loadConfig(), record);
    const chartPath = writeChart(answer, args.flags.get('chart'));
    if (json) {
      io.out(JSON.stringify(toJson(answer, chartPath)));
    } else {
      io.out(toText(answer, chartPath));
    }
    return answer.status === 'error' ? 1 : 0;
  } finally {
    await analyst.close();
  }
}

/** The JSON contract's shape when no answer was made (the question was refused at the door, or start-up failed). */
function noAnswer(status: 'clarify' | 'error', message: string) {
  return {
    status,
    answer: message,
    query: null,
    sql: null,
    columns: [],
    rows: [],
    chart: null,
    citations: [],
  };
}

/** The CLI JSON contract (see ARCHITECTURE.md), plus the answer id, what was understood and suggestions. */
function toJson(answer: AskAnswer, chartPath: string | null) {
  return {
    status: answer.status,
    answer: answer.answer,
    query: answer.query ?? null,
    sql: answer.sql ?? null,
    columns: answer.columns ?? [],
    rows: answer.rows ?? [],
    chart: answer.chart && chartPath ? { png: chartPath, spec: answer.chart.spec } : null,
    citations: answer.citations,
    id: answer.id,
    understood: answer.understood ?? null,
    suggestions: answer.suggestions,
    path: answer.path,
    degraded: answer.degraded,
    llm: {
      calls: answer.llmCalls.length,
      modelIds: [...new Set(answer.llmCalls.map((c) => c.modelId))],
      prompts: [
        ...new Set(answer.llmCalls.map((c) => `${c.prompt.id}@${c.prompt.version}#${c.prompt.hash}`)),
      ],
      inputTokens: answer.llmCalls.reduce((n, c) => n + c.usage.inputTokens, 0),
      outputTokens: answer.llmCalls.reduce((n, c) => n + c.usage.outputTokens, 0),
      costUsd: answer.costUsd,
    },
    cache: answer.cache ?? 'bypass',
    ...(answer.budget ? { budget: answer.budget } : {}),
    timings: answer.timings,
  };
}

function toText(answer: AskAnswer, chartPath: string | null): string {
  const lines = [answer.answer];
  if (answer.status === 'clarify' && answer.suggestions.length > 0) {
    lines.push('', 'Try:', ...answer.suggestions.map((s) => `  scout ask "${s}"`));
  }
  if (answer.table && answer.table.rows.length > 1)
    lines.push('', textTable(answer.table.headers, answer.table.rows));
  if (answer.understood && answer.status === 'answered') lines.push('', `Understood: ${answer.understood}`);
  if (answer.sql) lines.push('', 'SQL:', answer.sql);
  if (chartPath) lines.push('', `Chart: ${chartPath}`);
  const engine =
    answer.path === 'model'
      ? `model ${[...new Set(answer.llmCalls.map((c) => c.modelId))].join(', ')}`
      : 'offline engine';
  lines.push('', `AI-generated by Scout (${engine}) · answer ${answer.id}`);
  return lines.join('\n');
}
