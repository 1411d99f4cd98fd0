/**
 * The model path's eval: recorded Bedrock Converse responses (eval/recorded/model-path.json)
 * replayed through the fake Bedrock, so the real SDK clients, the prompts as rendered today, the
 * tool validation and repair turn, the SQL compiler and the warehouse run for real without AWS.
 * `--live` sends the same questions to real Bedrock instead (AWS credentials and BEDROCK_* from
 * the environment). Run by `npm run eval`; gated exactly in test/integration/eval-model-replay.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import { loadConfig } from '../../src/config.ts';
import {
  baselineSchema,
  modelReplayChecks,
  RATE_TOLERANCE,
  regressionLines,
} from '../../src/llmops/eval/baseline-gate.ts';
import { goldenItemSchema } from '../../src/llmops/eval/golden-set.ts';
import { type EvalCase, runEval } from '../../src/llmops/eval/run-eval.ts';
import { loadPromptRegistry } from '../../src/llmops/prompt-registry.ts';
import { type ConverseScript, type FakeBedrock, startFakeBedrock } from '../fakes/fake-bedrock.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

export const MODEL_REPLAY_SET = 'eval/recorded/model-path.json';

const fixtureSchema = z.object({
  recorded_for: z.object({ prompt: z.string(), template_hash: z.string(), model: z.string() }),
  cases: z.array(
    z.object({
      id: z.string(),
      question: z.string(),
      expect: z.enum(['answered', 'clarify', 'refused']),
      sql: z.string().optional(),
      // Bare Converse bodies as the fake serves them; the fake's own types check their shape.
      responses: z.array(z.custom<ConverseScript>((v) => typeof v === 'object' && v !== null)).min(1),
    }),
  ),
});

export interface ModelReplayReport {
  total: number;
  answerable: number;
  executionAccuracy: number;
  confidentWrong: number;
  /** Cases whose Bedrock calls did not match the recording (the model path not taken, or more turns). */
  replayMismatches: string[];
  /** The production prompt is not the one the responses were recorded for. */
  stale: string | null;
  cases: EvalCase[];
}

function staleness(recordedFor: z.infer<typeof fixtureSchema>['recorded_for']): string | null {
  const [task = '', version = ''] = recordedFor.prompt.split('@');
  const production = loadPromptRegistry(resolve(projectRoot, 'prompts')).get(task);
  if (production.version === version && production.templateHash === recordedFor.template_hash) return null;
  return `recorded for ${recordedFor.prompt} #${recordedFor.template_hash}; production is ${task}@${production.version} #${production.templateHash}`;
}

/** Replays every recorded case (or asks real Bedrock with `live`) and scores it like the golden set. */
export async function runModelReplay(options: { live: boolean }): Promise<ModelReplayReport> {
  const fixture = fixtureSchema.parse(
    JSON.parse(readFileSync(resolve(projectRoot, MODEL_REPLAY_SET), 'utf8')),
  );
  const bedrock: FakeBedrock | null = options.live ? null : await startFakeBedrock();
  const saved = { ...process.env };
  if (bedrock) {
    // The SDK's default credential chain reads these; the fake accepts any signature.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
    delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  }
  const env = bedrock
    ? { AWS_REGION: 'us-east-1', BEDROCK_ENDPOINT: bedrock.url, REDIS_URL: 'redis://127.0.0.1:1' }
    : process.env;
  const analyst = await composeAnalyst(
    loadConfig({
      ...env,
      LLM_PROVIDER: 'bedrock',
      DUCKDB_PATH: sampleWarehouse,
      SCOUT_AS_OF: '2025-12-31',
      LOG_LEVEL: 'silent',
    }),
    { logger: createLogger('silent'), charts: false },
  );
  const cases: EvalCase[] = [];
  const replayMismatches: string[] = [];
  try {
    for (const c of fixture.cases) {
      bedrock?.reset();
      for (const response of c.responses) bedrock?.onConverse(response);
      const item = goldenItemSchema.parse({
        id: c.id,
        question: c.question,
        expect: c.expect,
        ...(c.sql ? { sql: c.sql } : {}),
      });
      const report = await runEval(analyst, [item]);
      cases.push(...report.cases);
      const calls = bedrock?.callsTo('Converse').length ?? c.responses.length;
      if (calls !== c.responses.length)
        replayMismatches.push(`${c.id}: ${calls} Converse calls, ${c.responses.length} recorded`);
    }
  } finally {
    await analyst.close();
    await bedrock?.close();
    process.env = saved;
  }
  const answerable = cases.filter((c) => c.expected === 'answered');
  return {
    total: cases.length,
    answerable: answerable.length,
    executionAccuracy:
      answerable.length === 0 ? 1 : answerable.filter((c) => c.correct).length / answerable.length,
    confidentWrong: cases.filter((c) => c.outcome === 'confident_wrong').length,
    replayMismatches,
    stale: staleness(fixture.recorded_for),
    cases,
  };
}

async function main(): Promise<number> {
  const live = process.argv.includes('--live');
  const report = await runModelReplay({ live });
  console.log(
    `\nModel path (${MODEL_REPLAY_SET}, ${live ? 'live Bedrock' : 'recorded responses through the fake Bedrock'}): ${report.total} questions`,
  );
  console.log(
    `Execution accuracy: ${(report.executionAccuracy * 100).toFixed(1)}%   confident wrong answers: ${report.confidentWrong}`,
  );
  for (const c of report.cases.filter((x) => !x.correct))
    console.log(`  ${c.id} [${c.expected} -> ${c.got}] ${c.question} ${c.reason ?? ''}`);
  for (const m of report.replayMismatches) console.log(`  replay mismatch: ${m}`);
  if (report.stale)
    console.log(`Recordings are stale (${report.stale}): run with --live to see what the model says now.`);
  const baseline = baselineSchema.parse(
    JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')),
  );
  const lines = regressionLines(modelReplayChecks(baseline, MODEL_REPLAY_SET, { ...report }));
  console.log(
    `Gate against eval/baseline.json (rates may fall ${RATE_TOLERANCE} below, counts not at all): ${lines.length} regressed`,
  );
  for (const line of lines) console.error(`eval regression: ${line}`);
  return lines.length === 0 && report.replayMismatches.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`model replay failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
