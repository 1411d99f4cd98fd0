import type { Logger } from 'pino';
import type { WarehouseMeta } from '../adapters/duckdb/warehouse-meta.ts';
import type { PromptRegistry } from '../llmops/prompt-registry.ts';
import type { Agent, AnswerStore, Retriever } from '../ports.ts';
import type { AskDeps } from '../usecases/ask/deps.ts';
import type { RunSqlDeps } from '../usecases/run-sql.ts';

/**
 * What the composition code hands to the command line and the Slack app. Types only, so the CLI
 * can name them without importing the composition (or main.ts) itself.
 */

/** Everything the analyst use cases run on, plus what the CLI and Slack need next to it. */
export interface AnalystDeps extends AskDeps, RunSqlDeps {
  meta: WarehouseMeta | null;
  agent: Agent | null;
  retriever: Retriever | null;
  /** Every prompt under prompts/, read once, on first use. */
  prompts: PromptRegistry;
  logger: Logger;
  close(): Promise<void>;
}

export interface ComposeOptions {
  logger: Logger;
  /** Progress lines for long start-up work (building the sample warehouse). */
  onProgress?: (message: string) => void;
  /** Draw charts (off for the eval and benchmarks that only need numbers). */
  charts?: boolean;
  /**
   * Index the local knowledge base on the first document search instead of at start-up: for
   * one-shot commands, where most questions are about data. A server indexes at start-up, so
   * no request or report job waits on (or blocks its event loop with) a first indexing.
   */
  documentsOnFirstSearch?: boolean;
}

export type ServeRole = 'web' | 'worker' | 'all';

export interface SlackRuntime {
  /** The answer records (the audit trail), e.g. for operators' tooling. */
  answers: AnswerStore;
  start(): Promise<void>;
  /** Stops taking requests, finishes admitted answers, drains the workers (in-flight reports finish), then closes Redis. */
  shutdown(): Promise<void>;
}

export interface SlackComposeOptions {
  logger: Logger;
  /** Web API retries (the client's default is ten over about thirty minutes). */
  retries?: number;
  /** web: the Slack app; worker: report jobs only; all: both in one process. */
  role?: ServeRole;
  /** The module answer threads run (default: src/compose/ask-thread.ts); tests give a slow one. */
  answerThreadEntry?: URL;
}
