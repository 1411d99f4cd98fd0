import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { storedDimensionValues } from '../adapters/duckdb/dimension-values-file.ts';
import { loadSemanticModelFile } from '../adapters/files/semantic-model-file.ts';
import { lazyRetriever } from '../adapters/kb/lazy-retriever.ts';
import type { Config } from '../config.ts';
import { buildLexicon } from '../domain/parser/lexicon.ts';
import { buildSemanticModel, sqlAllowlist } from '../domain/semantic/semantic-model.ts';
import { loadPromptRegistry, type PromptRegistry } from '../llmops/prompt-registry.ts';
import type { ChartRenderer, Retriever } from '../ports.ts';
import type { ModelRuntime } from './bedrock.ts';
import { projectRoot } from './project-root.ts';
import type { AnalystDeps, ComposeOptions } from './types.ts';
import { loadDimensionValues, openWarehouse } from './warehouse.ts';

function newAnswerId(): string {
  return `a-${randomBytes(5).toString('hex')}`;
}

/** The chart renderer; vega and resvg load on the first chart drawn, not at start-up. */
function lazyChartRenderer(): ChartRenderer {
  let renderer: Promise<ChartRenderer> | null = null;
  return {
    async renderPng(spec) {
      renderer ??= import('../adapters/charts/vega-png-renderer.ts').then((m) => m.createVegaPngRenderer());
      return (await renderer).renderPng(spec);
    },
  };
}

/**
 * The prompts under the package's prompts/, read once, on first use: an offline question never
 * needs them, and the Bedrock path and the reports read them while the process starts, so a bad
 * prompt still stops the process before it serves anyone.
 */
function lazyPromptRegistry(dir: string): PromptRegistry {
  let loaded: PromptRegistry | null = null;
  const registry = () => {
    loaded ??= loadPromptRegistry(dir);
    return loaded;
  };
  return {
    get: (task, versionOrLabel) => registry().get(task, versionOrLabel),
    list: () => registry().list(),
  };
}

/**
 * The local knowledge base, indexed incrementally (tens of milliseconds when nothing changed), at
 * start-up or on the first search. Without a readable knowledge base Scout still answers data
 * questions.
 */
async function localRetriever(
  config: Config,
  logger: Logger,
  onFirstSearch: boolean,
): Promise<Retriever | null> {
  const dir = resolve(projectRoot, config.env.SCOUT_KB_DIR);
  if (!existsSync(dir)) return null;
  const open = async () =>
    (await import('../adapters/kb/local-retriever.ts')).ensureLocalRetriever({
      dir,
      indexDir: resolve(projectRoot, config.env.SCOUT_KB_INDEX),
      onFileError: (error) => logger.warn({ kbFile: error }, 'knowledge-base file skipped'),
      onFileWarning: (warning) => logger.warn({ kbFile: warning }, 'knowledge-base file restricted'),
    });
  const unavailable = (error: unknown) =>
    logger.error({ err: error }, 'knowledge base unavailable; answering data questions only');
  if (onFirstSearch) return lazyRetriever(open, unavailable);
  try {
    return await open();
  } catch (error) {
    unavailable(error);
    return null;
  }
}

/**
 * The warehouse's data version for the answer cache: a rebuilt DuckDB file has another size or
 * time; Athena's is configured (SCOUT_DATA_VERSION), and without one its answers are not cached.
 */
function dataVersionOf(config: Config): string | null {
  if (config.env.WAREHOUSE === 'athena') return config.env.SCOUT_DATA_VERSION ?? null;
  if (config.env.SCOUT_DATA_VERSION) return config.env.SCOUT_DATA_VERSION;
  try {
    const stat = statSync(resolve(config.env.DUCKDB_PATH));
    return `duckdb:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return null;
  }
}

/** The Bedrock side when LLM_PROVIDER=bedrock (its SDKs load only then), connected; else null. */
async function composeModelRuntime(
  config: Config,
  model: ReturnType<typeof buildSemanticModel>,
  options: { logger: Logger; prompts: PromptRegistry },
): Promise<ModelRuntime | null> {
  if (config.env.LLM_PROVIDER !== 'bedrock') return null;
  const runtime = (await import('./bedrock.ts')).composeBedrock(config, model, options);
  await runtime.ready();
  return runtime;
}

/** Composition root: configuration -> adapters -> the dependencies the use cases run on. */
export async function composeAnalyst(config: Config, options: ComposeOptions): Promise<AnalystDeps> {
  const file = loadSemanticModelFile(resolve(projectRoot, 'data/semantic-model.yml'));
  const allowlist = sqlAllowlist(file);
  const { warehouse, meta } = await openWarehouse(config, allowlist, options.onProgress);
  try {
    const loadValues = () => loadDimensionValues(warehouse, file);
    const { values, dataRange } =
      config.env.WAREHOUSE === 'duckdb'
        ? await storedDimensionValues(resolve(config.env.DUCKDB_PATH), meta, file, loadValues)
        : await loadValues();
    const model = buildSemanticModel(file, values, dataRange);
    const prompts = lazyPromptRegistry(resolve(projectRoot, 'prompts'));
    const modelRuntime = await composeModelRuntime(config, model, { logger: options.logger, prompts });
    const retriever =
      modelRuntime?.retriever ??
      (await localRetriever(config, options.logger, options.documentsOnFirstSearch === true));
    return {
      llm: modelRuntime?.llm ?? null,
      experiments: modelRuntime?.experiments ?? null,
      agent: modelRuntime?.agent ?? null,
      retriever,
      answerCache: modelRuntime?.answerCache ?? null,
      dataVersion: dataVersionOf(config),
      warehouse,
      meta,
      prompts,
      logger: options.logger,
      charts: options.charts === false ? null : lazyChartRenderer(),
      semanticModel: model,
      lexicon: buildLexicon(model),
      allowlist,
      asOf: config.asOf ?? meta?.as_of ?? new Date().toISOString().slice(0, 10),
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
