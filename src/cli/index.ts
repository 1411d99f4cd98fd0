import type { Logger } from 'pino';
import type { AnalystDeps, ComposeOptions, SlackComposeOptions, SlackRuntime } from '../compose/types.ts';
import type { Config } from '../config.ts';
import type { AnswerRecord } from '../domain/answer-record.ts';
import { isScoutError } from '../errors.ts';
import type { AdCopyDeps } from '../usecases/adcopy/adcopy-deps.ts';
import { UsageError } from './args.ts';

/** What the CLI needs from the composition (src/compose/); passed in so the CLI never imports it. */
export interface CliDeps {
  loadConfig: () => Config;
  composeAnalyst: (config: Config, options: ComposeOptions) => Promise<AnalystDeps>;
  createLogger: (level: string) => Logger;
  ensureWarehouseFile: (config: Config, onProgress?: (message: string) => void) => Promise<string>;
  buildSampleWarehouse: (options: {
    path: string;
    seed?: number;
    scale?: number;
    onProgress?: (fraction: number, message: string) => void;
  }) => Promise<{ rows: number; elapsedMs: number }>;
  composeSlack: (
    config: Config,
    analyst: AnalystDeps,
    options: SlackComposeOptions,
  ) => SlackRuntime | Promise<SlackRuntime>;
  recordCliAnswer: (config: Config, record: AnswerRecord) => Promise<boolean>;
  /** The stored record of an answer (null when there is none); rejects when Redis is unreachable. */
  readAnswerRecord: (config: Config, id: string) => Promise<AnswerRecord | null>;
  projectRoot: string;
  /** The ad-copy pipeline's dependencies (src/compose/adcopy.ts). */
  composeAdCopy: (analyst: AnalystDeps) => AdCopyDeps | Promise<AdCopyDeps>;
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const usage = `Usage: scout <command> [options]

Commands:
  ask [--json] [--chart <file.png>] "<question>"   answer a question about advertising performance
  sql [--json] "<SELECT …>"                         run read-only, guarded SQL on the warehouse
  warehouse build [--scale N] [--seed N] [--force]  build the sample DuckDB warehouse
  eval [--json] [--min-accuracy X] [--golden f] [--kb f] [--baseline f]  run the data, document and pitch sets; --baseline fails on a regression
  kb ingest [dir] [--index <dir>] [--force]          build/refresh the local knowledge-base index
  kb search [--k 5] [--industry X] [--market Y] "<query>"   search the knowledge base
  report <industry> [period] [vs period] [--out dir]  write a full industry report (Markdown, HTML, charts)
  pitch [--json] "<brand>" [--program PRG-xx] [--goal "<text>"]   draft a partner-program sales pitch
  adcopy [--json] --image <file> --brand "<brand>" [--product "<text>"] [--channel Search|Social|Display|…] [--tone "<text>"] [--csv out.csv]
                                                    write persona ad-copy variants for a product image
  why [--json] <answer id>                          print the stored record of an answer (question masked)
  usage [--json] [--since YYYY-MM-DD] [--by user|channel|model|task|prompt]  model calls, tokens, cost and budgets
  prompts list | history <task> | promote <task> <version> [--label production|canary|shadow] [--weight %] [--reason "…"] [--by name]
  prompts rollback <task> [version] [--label …]     move a prompt label back to its previous version (history kept)
  replay [--json] <answer id>                       re-run an answer from its record offline and show what differs
  serve [--role web|worker|all]                     run the Slack app (needs SLACK_BOT_TOKEN and a signing secret or app token)
  help                                              show this help

ask, report and kb search use internal documents only; --as-channel C… / --as-user U… answer as
if asked in that channel / by that user in a DM, so restricted documents they may see are used.

Environment: WAREHOUSE, DUCKDB_PATH, SCOUT_AS_OF, LLM_PROVIDER, … (see README.md).`;

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one CLI command (each command's module loads only when it runs: start-up stays small); returns the exit status (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], deps: CliDeps, io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'ask':
        return await (await import('./ask-command.ts')).askCommand(rest, deps, io);
      case 'sql':
        return await (await import('./sql-command.ts')).sqlCommand(rest, deps, io);
      case 'warehouse':
        return await (await import('./warehouse-command.ts')).warehouseCommand(rest, deps, io);
      case 'eval':
        return await (await import('./eval-command.ts')).evalCommand(rest, deps, io);
      case 'kb':
        return await (await import('./kb-command.ts')).kbCommand(rest, deps, io);
      case 'report':
        return await (await import('./report-command.ts')).reportCommand(rest, deps, io);
      case 'pitch':
        return await (await import('./pitch-command.ts')).pitchCommand(rest, deps, io);
      case 'adcopy':
        return await (await import('./adcopy-command.ts')).adCopyCommand(rest, deps, io);
      case 'serve':
        return await (await import('./serve-command.ts')).serveCommand(rest, deps, io);
      case 'why':
        return await (await import('./why-command.ts')).whyCommand(rest, deps, io);
      case 'usage':
        return await (await import('./usage-command.ts')).usageCommand(rest, deps, io);
      case 'prompts':
        return await (await import('./prompts-command.ts')).promptsCommand(rest, deps, io);
      case 'replay':
        return await (await import('./replay-command.ts')).replayCommand(rest, deps, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(usage);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}" (try "scout help")`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`scout: ${error.message}`);
      return 2;
    }
    // One line, no stack: the message is written for the person at the terminal.
    io.err(
      `scout: ${isScoutError(error) ? error.userMessage : error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}
