import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readKnowledgeBaseTexts } from '../adapters/kb/read-documents.ts';
import { dataVersionOf } from '../domain/answer-record.ts';
import { describeSemanticModelForModel } from '../domain/llm/semantic-model-text.ts';
import { type ReplayReport, replayAnswer } from '../llmops/replay/replay-answer.ts';
import type { CliDeps, CliIo } from './index.ts';
import { storedRecordArg } from './stored-record.ts';

const KB_PREFIX = 'data/kb/';

/** A cited document's text by its source (`data/kb/<path>#<anchor>`): the parsed text, else the file. */
function documentReader(projectRoot: string, texts: Map<string, string>) {
  return (source: string): string | undefined => {
    const file = source.split('#')[0] ?? '';
    const id = file.startsWith(KB_PREFIX) ? file.slice(KB_PREFIX.length) : file;
    const parsed = texts.get(id) ?? texts.get(file);
    if (parsed !== undefined) return parsed;
    const path = resolve(projectRoot, file);
    return path.startsWith(resolve(projectRoot, 'data')) && existsSync(path)
      ? readFileSync(path, 'utf8')
      : undefined;
  };
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function reportText(report: ReplayReport): string {
  const lines = [`replay of ${report.id}: ${report.same ? 'nothing differs' : 'differs'}`];
  for (const p of report.parts) {
    const mark = p.same === null ? '?' : p.same ? '=' : '≠';
    lines.push(`${mark} ${p.part}`);
    if (p.same === false)
      lines.push(`    recorded: ${show(p.recorded)}`, `    replayed: ${show(p.replayed)}`);
    if (p.note) lines.push(`    ${p.note}`);
  }
  return lines.join('\n');
}

/**
 * `scout replay [--json] <answer id>`: re-runs an answer from its record offline (never calling a
 * model) and shows what differs: data version, SQL, rows and figures, prompt hashes, documents.
 */
export async function replayCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const { record, json, config } = await storedRecordArg('replay', argv, deps, io);
  if (!record) return 1;
  // Offline: the local engine's composition, whatever LLM_PROVIDER says; no model is called.
  const offline = { ...config, env: { ...config.env, LLM_PROVIDER: 'local' as const } };
  const level = process.env.LOG_LEVEL ? config.env.LOG_LEVEL : 'warn';
  const analyst = await deps.composeAnalyst(offline, {
    logger: deps.createLogger(level),
    charts: false,
    documentsOnFirstSearch: true,
  });
  try {
    const texts =
      record.sources.length > 0
        ? await readKnowledgeBaseTexts(resolve(deps.projectRoot, 'data/kb'))
        : new Map<string, string>();
    const report = await replayAnswer(
      {
        ...analyst,
        prompts: analyst.prompts,
        promptValues: {
          semantic_model: describeSemanticModelForModel(analyst.semanticModel),
          as_of: analyst.asOf,
        },
        documentText: documentReader(deps.projectRoot, texts),
        dataVersion: dataVersionOf(config.env.WAREHOUSE, analyst.asOf, analyst.meta),
        models: [config.env.BEDROCK_MODEL_FAST, config.env.BEDROCK_MODEL_STRONG],
      },
      record,
    );
    io.out(json ? JSON.stringify(report) : reportText(report));
    return 0;
  } finally {
    await analyst.close();
  }
}
