import { runCli } from './cli/index.ts';
import { composeAnalyst } from './compose/analyst.ts';
import { readAnswerRecord, recordCliAnswer } from './compose/cli-records.ts';
import { createLogger } from './compose/logging.ts';
import { projectRoot } from './compose/project-root.ts';
import { buildSampleWarehouse, ensureWarehouseFile } from './compose/warehouse.ts';
import { loadConfig } from './config.ts';

// Vendor SDKs (AWS, Slack, BullMQ, Redis, vega) are imported where a command needs them, not here:
// loading them all cost an offline `scout ask` about a second of start-up.

/** Entry point of the `scout` binary: the CLI on the composition in src/compose/. */
export async function main(argv: string[]): Promise<number> {
  return runCli(argv, {
    loadConfig: () => loadConfig(process.env),
    composeAnalyst,
    createLogger,
    ensureWarehouseFile,
    buildSampleWarehouse,
    composeSlack: async (config, analyst, options) =>
      (await import('./compose/slack.ts')).composeSlack(config, analyst, options),
    recordCliAnswer,
    readAnswerRecord,
    projectRoot,
    composeAdCopy: async (analyst) => (await import('./compose/adcopy.ts')).composeAdCopy(analyst),
  });
}
