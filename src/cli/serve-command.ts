import { parseArgs, UsageError } from './args.ts';
import type { CliDeps, CliIo } from './index.ts';

/**
 * `scout serve [--role web|worker|all]`: the Slack app (HTTP receiver or Socket Mode). Runs until
 * SIGTERM or SIGINT, then stops taking requests, lets in-flight answers finish and closes.
 */
export async function serveCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: [], value: ['role'] });
  const roleFlag = String(args.flags.get('role') ?? 'all');
  const role = roleFlag === 'web' || roleFlag === 'worker' || roleFlag === 'all' ? roleFlag : null;
  if (!role) throw new UsageError(`--role must be web, worker or all (got "${roleFlag}")`);
  const config = deps.loadConfig();
  const logger = deps.createLogger(config.env.LOG_LEVEL);
  const analyst = await deps.composeAnalyst(config, { logger, onProgress: (line) => io.err(line) });
  let runtime: Awaited<ReturnType<CliDeps['composeSlack']>>;
  try {
    runtime = await deps.composeSlack(config, analyst, { logger, role });
    await runtime.start();
  } catch (error) {
    await analyst.close();
    throw error;
  }
  const mode = config.env.SLACK_APP_TOKEN
    ? 'Socket Mode'
    : `HTTP on port ${config.env.PORT} at /slack/events`;
  logger.info({ role, mode, asOf: analyst.asOf }, 'Scout is listening');
  io.err(`Scout is listening (${mode}). Stop with Ctrl-C.`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      resolve();
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
  });
  await runtime.shutdown();
  await analyst.close();
  logger.info('stopped');
  return 0;
}
