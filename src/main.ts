import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { BuildSampleWarehouseOptions } from './adapters/duckdb/build-warehouse.ts';
import { openDuckDbWarehouse } from './adapters/duckdb/duckdb-warehouse.ts';
import type { WarehouseMeta } from './adapters/duckdb/warehouse-meta.ts';
import { ensureLocalRetriever } from './adapters/kb/local-retriever.ts';
import { createMaskedLogger } from './adapters/logging/masked-logger.ts';
import { runCli } from './cli/index.ts';
import type { SlackComposeOptions } from './compose-slack.ts';
import { type Config, loadConfig } from './config.ts';
import type { AnswerRecord } from './domain/answer-record.ts';
import { buildLexicon } from './domain/parser/lexicon.ts';
import {
  buildSemanticModel,
  parseSemanticModelFile,
  sqlAllowlist,
} from './domain/semantic/semantic-model.ts';
import { ScoutError } from './errors.ts';
import type { Agent, ChartRenderer, Retriever, Warehouse } from './ports.ts';
import type { AskDeps } from './usecases/ask.ts';
import type { RunSqlDeps } from './usecases/run-sql.ts';

// Vendor SDKs (AWS, Slack, BullMQ, Redis, vega) are imported where a command needs them, not here:
// loading them all cost an offline `scout ask` about a second of start-up.

/** The repository root, so data files resolve the same from any working directory. */
export const projectRoot = rootAbove(dirname(fileURLToPath(import.meta.url)));

/** src/ sits under the root in the sources and under dist/ in the compiled build. */
function rootAbove(sourceDir: string): string {
  const parent = resolve(sourceDir, '..');
  return basename(parent) === 'dist' ? resolve(parent, '..') : parent;
}

export interface AnalystDeps extends AskDeps, RunSqlDeps {
  meta: WarehouseMeta | null;
  agent: Agent | null;
  retriever: Retriever | null;
  logger: Logger;
  close(): Promise<void>;
}

export interface ComposeOptions {
  logger: Logger;
  /** Progress lines for long start-up work (building the sample warehouse). */
  onProgress?: (message: string) => void;
  /** Draw charts (off for the eval and benchmarks that only need numbers). */
  charts?: boolean;
}

export function createLogger(level: string): Logger {
  return createMaskedLogger(level);
}

function newAnswerId(): string {
  return `a-${randomBytes(5).toString('hex')}`;
}

/** Builds the sample warehouse when the configured file is missing (embedded default only). */
export async function ensureWarehouseFile(
  config: Config,
  onProgress?: (message: string) => void,
): Promise<string> {
  const path = resolve(config.env.DUCKDB_PATH);
  if (existsSync(path)) return path;
  const scale = config.env.SCOUT_SAMPLE_SCALE;
  onProgress?.(
    `No warehouse at ${config.env.DUCKDB_PATH}: building the sample warehouse (scale ${scale}), once…`,
  );
  let lastShown = -1;
  await buildSampleWarehouse({
    path,
    scale,
    seed: config.env.SCOUT_SAMPLE_SEED,
    onProgress: (fraction, message) => {
      const pct = Math.floor(fraction * 10) * 10;
      if (pct !== lastShown) {
        lastShown = pct;
        onProgress?.(`  ${String(pct).padStart(3)}% ${message}`);
      }
    },
  });
  return path;
}

/** The sample-warehouse builder, loaded only when a warehouse is built. */
async function buildSampleWarehouse(options: BuildSampleWarehouseOptions) {
  const { buildSampleWarehouse: build } = await import('./adapters/duckdb/build-warehouse.ts');
  return build(options);
}

/** The chart renderer; vega and resvg load on the first chart drawn, not at start-up. */
function lazyChartRenderer(): ChartRenderer {
  let renderer: Promise<ChartRenderer> | null = null;
  return {
    async renderPng(spec) {
      renderer ??= import('./adapters/charts/vega-png-renderer.ts').then((m) => m.createVegaPngRenderer());
      return (await renderer).renderPng(spec);
    },
  };
}

async function openWarehouse(
  config: Config,
  options: ComposeOptions,
  allowlist: Map<string, Set<string>>,
): Promise<{ warehouse: Warehouse; meta: WarehouseMeta | null }> {
  if (config.env.WAREHOUSE === 'athena') {
    const { composeAthena } = await import('./compose-model.ts');
    return { warehouse: composeAthena(config), meta: null };
  }
  const path = await ensureWarehouseFile(config, options.onProgress);
  const warehouse = await openDuckDbWarehouse({
    path,
    defaultTimeoutMs: config.env.SCOUT_QUERY_TIMEOUT_MS,
    allowlist,
    limits: {
      memoryLimit: config.env.SCOUT_DUCKDB_MEMORY_LIMIT,
      threads: config.env.SCOUT_DUCKDB_THREADS,
      maxTempDirectorySize: config.env.SCOUT_DUCKDB_TEMP_LIMIT,
      maxResultBytes: config.env.SCOUT_MAX_RESULT_BYTES,
      maxPlanRows: config.env.SCOUT_MAX_PLAN_ROWS,
    },
  });
  try {
    return { warehouse, meta: await warehouse.readMeta() };
  } catch (error) {
    await warehouse.close();
    throw error;
  }
}

/** Loads the dimension values and the data's date span the parser needs. */
async function loadDimensionValues(warehouse: Warehouse, file: ReturnType<typeof parseSemanticModelFile>) {
  // One round trip for every dimension: on Athena each query costs a start and some polling.
  const union = file.dimensions
    .map(
      (dim) =>
        `SELECT '${dim.name}' AS dimension, CAST(${dim.column} AS VARCHAR) AS value FROM ${dim.table} WHERE ${dim.column} IS NOT NULL GROUP BY 2`,
    )
    .join('\nUNION ALL\n');
  const result = await warehouse.query(`SELECT dimension, value FROM (\n${union}\n) AS v ORDER BY 1, 2`);
  const values = new Map<string, string[]>(file.dimensions.map((dim) => [dim.name, []]));
  for (const [dimension, value] of result.rows) values.get(String(dimension))?.push(String(value));
  const span = await warehouse.query(
    `SELECT CAST(MIN(${file.fact.time_column}) AS VARCHAR), CAST(MAX(${file.fact.time_column}) AS VARCHAR) FROM ${file.fact.table}`,
  );
  const [start, end] = span.rows[0] ?? [];
  if (typeof start !== 'string' || typeof end !== 'string') {
    throw new ScoutError('warehouse_corrupt', 'the fact table is empty', {
      userMessage: 'The warehouse has no performance data. Rebuild it with "scout warehouse build".',
    });
  }
  return { values, dataRange: { start, end } };
}

/**
 * The local knowledge base, indexed incrementally (tens of milliseconds when nothing changed).
 * Without a readable knowledge base Scout still answers data questions.
 */
async function localRetriever(config: Config, logger: Logger): Promise<Retriever | null> {
  const dir = resolve(projectRoot, config.env.SCOUT_KB_DIR);
  if (!existsSync(dir)) return null;
  try {
    return await ensureLocalRetriever({
      dir,
      indexDir: resolve(projectRoot, config.env.SCOUT_KB_INDEX),
      onFileError: (error) => logger.warn({ kbFile: error }, 'knowledge-base file skipped'),
      onFileWarning: (warning) => logger.warn({ kbFile: warning }, 'knowledge-base file restricted'),
    });
  } catch (error) {
    logger.error({ err: error }, 'knowledge base unavailable; answering data questions only');
    return null;
  }
}

/** Composition root: configuration -> adapters -> the dependencies the use cases run on. */
export async function composeAnalyst(config: Config, options: ComposeOptions): Promise<AnalystDeps> {
  const file = parseSemanticModelFile(readFileSync(resolve(projectRoot, 'data/semantic-model.yml'), 'utf8'));
  const allowlist = sqlAllowlist(file);
  const { warehouse, meta } = await openWarehouse(config, options, allowlist);
  try {
    const { values, dataRange } = await loadDimensionValues(warehouse, file);
    const model = buildSemanticModel(file, values, dataRange);
    const asOf = config.asOf ?? meta?.as_of ?? new Date().toISOString().slice(0, 10);
    const modelRuntime =
      config.env.LLM_PROVIDER === 'bedrock'
        ? (await import('./compose-model.ts')).composeModel(config, model, {
            logger: options.logger,
            projectRoot,
          })
        : null;
    await modelRuntime?.ready();
    const retriever = modelRuntime?.retriever ?? (await localRetriever(config, options.logger));
    return {
      ai: modelRuntime?.ai ?? null,
      agent: modelRuntime?.agent ?? null,
      retriever,
      warehouse,
      meta,
      logger: options.logger,
      charts: options.charts === false ? null : lazyChartRenderer(),
      model,
      lexicon: buildLexicon(model),
      allowlist,
      asOf,
      maxRows: config.env.SCOUT_MAX_ROWS,
      queryTimeoutMs: config.env.SCOUT_QUERY_TIMEOUT_MS,
      newId: newAnswerId,
      onError: (id, error) => options.logger.error({ answerId: id, err: error }, 'ask failed'),
      onIncident: (incident) => options.logger.warn({ incident }, 'input guardrail refused a question'),
      close: async () => {
        await modelRuntime?.close();
        await warehouse.close();
      },
    };
  } catch (error) {
    await warehouse.close();
    throw error;
  }
}

/**
 * Stores a CLI answer's record in Redis when Redis is there; the CLI works without it, so an
 * unreachable Redis costs one fast failed connection and nothing else.
 */
export async function recordCliAnswer(config: Config, record: AnswerRecord): Promise<boolean> {
  const { checkRedis, createRedisConnection } = await import('./adapters/redis/redis-connection.ts');
  const { createRedisAnswerStore, recordTtlSeconds } = await import('./adapters/redis/answer-store.ts');
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-cli', lazy: true });
  try {
    await checkRedis(redis, 500);
    await createRedisAnswerStore(redis, {
      prefix: config.env.SCOUT_REDIS_PREFIX,
      ttlSeconds: recordTtlSeconds(config.env.SCOUT_RECORD_TTL_DAYS),
    }).save(record);
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Reads an answer record from Redis, for `scout why`. */
export async function readAnswerRecord(config: Config, id: string): Promise<AnswerRecord | null> {
  const { checkRedis, createRedisConnection } = await import('./adapters/redis/redis-connection.ts');
  const { createRedisAnswerStore } = await import('./adapters/redis/answer-store.ts');
  const redis = createRedisConnection(config.env.REDIS_URL, { name: 'scout-cli', lazy: true });
  try {
    await checkRedis(redis, 1_000);
    return await createRedisAnswerStore(redis, { prefix: config.env.SCOUT_REDIS_PREFIX }).get(id);
  } finally {
    redis.disconnect();
  }
}

/** Entry point of the `scout` binary. */
export async function main(argv: string[]): Promise<number> {
  return runCli(argv, {
    loadConfig: () => loadConfig(process.env),
    composeAnalyst,
    createLogger,
    ensureWarehouseFile,
    buildSampleWarehouse,
    composeSlack: async (config: Config, ask: AskDeps, options: SlackComposeOptions) =>
      (await import('./compose-slack.ts')).composeSlack(config, ask, options),
    recordCliAnswer,
    readAnswerRecord,
    projectRoot,
  });
}
