import type { AnalystDeps } from '../compose/types.ts';
import type { CliDeps, CliIo } from './index.ts';

/** Loads configuration and builds the analyst with CLI-friendly logging and progress on stderr. */
export async function composeForCli(
  deps: CliDeps,
  io: CliIo,
  options: { charts: boolean },
): Promise<AnalystDeps> {
  const config = deps.loadConfig();
  // The terminal shows answers; logs below warn would drown them unless asked for.
  const level = process.env.LOG_LEVEL ? config.env.LOG_LEVEL : 'warn';
  return deps.composeAnalyst(config, {
    logger: deps.createLogger(level),
    onProgress: (message) => io.err(message),
    charts: options.charts,
    // One command, usually about data: the document index opens only if a search needs it.
    documentsOnFirstSearch: true,
  });
}
