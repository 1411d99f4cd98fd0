import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATOR_VERSION } from '../../data/generator/index.ts';
import { readKnowledgeBaseTexts } from '../adapters/kb/read-documents.ts';
import {
  type Baseline,
  baselineSchema,
  dataChecks,
  documentChecks,
  type GateCheck,
  pitchChecks,
  RATE_TOLERANCE,
  regressionLines,
} from '../llmops/eval/baseline-gate.ts';
import { parseGoldenSet } from '../llmops/eval/golden-set.ts';
import { parseKbGoldenSet } from '../llmops/eval/kb-golden-set.ts';
import { type EvalReport, runEval } from '../llmops/eval/run-eval.ts';
import { type KbEvalReport, runKbEval } from '../llmops/eval/run-kb-eval.ts';
import type { PitchEvalReport } from '../llmops/eval/run-pitch-eval.ts';
import { numberFlag, parseArgs, UsageError } from './args.ts';
import { composeForCli } from './compose-for-cli.ts';
import type { CliDeps, CliIo } from './index.ts';
import { runPitchSet } from './pitch-eval.ts';

const PITCH_SET = 'eval/pitch-golden.yml';

function readBaseline(projectRoot: string, file: string): Baseline {
  const path = resolve(projectRoot, file);
  if (!existsSync(path)) throw new UsageError(`no baseline at ${file}`);
  const parsed = baselineSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new UsageError(`${file} is not a baseline: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** Prints the gate's verdict; true when no figure regressed beyond the tolerance. */
function reportGate(checks: readonly GateCheck[], file: string, io: CliIo): boolean {
  const lines = regressionLines(checks);
  io.out(
    `\nGate against ${file} (rates may fall ${RATE_TOLERANCE} below the baseline, counts not at all): ${checks.length} figures, ${lines.length} regressed`,
  );
  for (const line of lines) io.err(`scout: eval regression: ${line}`);
  return lines.length === 0;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Every data question set in eval/: the golden set, the held-out set and each fresh set. */
function dataSets(projectRoot: string): string[] {
  const fresh = readdirSync(resolve(projectRoot, 'eval'))
    .filter((name) => /^fresh-data-\d+\.yml$/.test(name))
    .sort()
    .map((name) => `eval/${name}`);
  return ['eval/golden.yml', 'eval/holdout.yml', ...fresh];
}

function printDataReport(set: string, report: EvalReport, io: CliIo): void {
  io.out(
    `\n${set}: ${report.total} questions (${report.answerable} answerable, ${report.total - report.answerable} to decline)`,
  );
  io.out(`Right: ${pct(report.rightRate)}   execution accuracy: ${pct(report.executionAccuracy)}`);
  io.out(`Confident wrong answers: ${report.confidentWrong}`);
  io.out(`Clarify precision: ${pct(report.clarifyPrecision)}   recall: ${pct(report.clarifyRecall)}`);
  io.out(`Time: ${(report.elapsedMs / 1000).toFixed(1)} s`);
  io.out('By class (right / total, confident wrong):');
  for (const t of report.byTag)
    io.out(
      `  ${t.tag.padEnd(22)} ${String(t.right).padStart(3)} / ${String(t.total).padEnd(3)}  ${t.confidentWrong}`,
    );
  if (report.failures.length > 0) {
    io.out('Failures:');
    for (const f of report.failures)
      io.out(
        `  ${f.id} [${f.expected} -> ${f.got}${f.outcome === 'confident_wrong' ? ', CONFIDENT WRONG' : ''}] ${f.question}\n        ${f.reason ?? ''}`,
      );
  }
}

/** Every document question set in eval/: the golden set, the dev set and each fresh set. */
function documentSets(projectRoot: string): string[] {
  const names = readdirSync(resolve(projectRoot, 'eval'));
  const fresh = names.filter((name) => /^fresh-kb-\d+\.yml$/.test(name)).sort();
  return ['kb-golden.yml', ...(names.includes('kb-dev.yml') ? ['kb-dev.yml'] : []), ...fresh].map(
    (name) => `eval/${name}`,
  );
}

/**
 * `scout eval [--json] [--min-accuracy X] [--golden file] [--kb file]`: every data question set in
 * eval/, end to end on the sample warehouse, with per-class figures, then every document set.
 * Naming `--golden` runs that data set alone; naming `--kb` runs that document set alone.
 */
export async function evalCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json'], value: ['min-accuracy', 'golden', 'kb', 'baseline'] });
  const baselineFile = args.flags.get('baseline');
  const baseline = baselineFile === undefined ? null : readBaseline(deps.projectRoot, String(baselineFile));
  const checks: GateCheck[] = [];
  const kbOnly = args.flags.has('kb') && !args.flags.has('golden');
  const minAccuracy = numberFlag(args, 'min-accuracy', (n) => n >= 0 && n <= 1, 'a fraction between 0 and 1');
  const named = args.flags.get('golden');
  const sets = kbOnly ? [] : named ? [String(named)] : dataSets(deps.projectRoot);
  const kbNamed = args.flags.get('kb');
  const kbSets = kbNamed ? [String(kbNamed)] : named ? [] : documentSets(deps.projectRoot);
  const analyst = await composeForCli(deps, io, { charts: false });
  try {
    if (analyst.meta && analyst.meta.generator_version !== GENERATOR_VERSION) {
      io.err(
        `scout: the warehouse was built by sample generator ${analyst.meta.generator_version}, this is ${GENERATOR_VERSION}; rebuild it with "scout warehouse build --force"`,
      );
      return 1;
    }
    if (analyst.meta && (analyst.meta.scale !== 1 || analyst.meta.seed !== 42)) {
      io.err(
        `scout: the golden set's references hold for the scale-1, seed-42 sample warehouse; this one is scale ${analyst.meta.scale}, seed ${analyst.meta.seed}`,
      );
      return 1;
    }
    let worstAccuracy = 1;
    for (const set of sets) {
      const items = parseGoldenSet(readFileSync(resolve(deps.projectRoot, set), 'utf8'));
      const report = await runEval(analyst, items);
      worstAccuracy = Math.min(worstAccuracy, report.executionAccuracy);
      if (baseline) checks.push(...dataChecks(baseline, set, { ...report }));
      if (args.flags.has('json')) io.out(JSON.stringify({ set, ...report }));
      else printDataReport(set, report, io);
    }
    for (const set of kbSets) {
      const path = resolve(deps.projectRoot, set);
      if (!existsSync(path)) throw new UsageError(`no document set at ${set}`);
      if (!analyst.retriever) break;
      const kbItems = parseKbGoldenSet(readFileSync(path, 'utf8'));
      const texts = await readKnowledgeBaseTexts(resolve(deps.projectRoot, 'data/kb'));
      const kb = await runKbEval({ ...analyst, retriever: analyst.retriever }, kbItems, (id) =>
        texts.get(id),
      );
      if (baseline) checks.push(...documentChecks(baseline, set, { ...kb }));
      if (args.flags.has('json')) io.out(JSON.stringify({ set, kb }));
      else printDocumentReport(set, kb, io);
    }
    // Every set was asked for (no --golden, no --kb): the pitch set too.
    if (!named && !kbNamed) {
      const pitch = await runPitchSet(analyst, deps.projectRoot, PITCH_SET);
      const { cases, ...figures } = pitch;
      if (baseline) checks.push(...pitchChecks(baseline, PITCH_SET, figures));
      if (args.flags.has('json')) io.out(JSON.stringify({ set: PITCH_SET, pitch: figures }));
      else printPitchReport(PITCH_SET, pitch, io);
    }
    if (baseline && !reportGate(checks, String(baselineFile), io)) return 1;
    if (minAccuracy !== undefined && worstAccuracy < minAccuracy) {
      io.err(`scout: execution accuracy ${pct(worstAccuracy)} is below the required ${pct(minAccuracy)}`);
      return 1;
    }
    return 0;
  } finally {
    await analyst.close();
  }
}

function printDocumentReport(set: string, kb: KbEvalReport, io: CliIo): void {
  io.out(`\nKnowledge-base questions (${set}): ${kb.total}`);
  io.out(`Retrieval recall@5: ${pct(kb.recallAt5)}   MRR: ${kb.mrr.toFixed(3)}`);
  io.out(
    `Citation precision: ${pct(kb.citationPrecision)}   unsupported-claim rate: ${pct(kb.unsupportedClaimRate)}`,
  );
  io.out(
    `Answers citing an expected document: ${pct(kb.citedExpectedRate)}   key facts in answers: ${pct(kb.keyFactAccuracy)}`,
  );
  io.out(`"couldn't find" precision: ${pct(kb.notFoundPrecision)}, recall: ${pct(kb.notFoundRecall)}`);
  io.out(`Time: ${(kb.elapsedMs / 1000).toFixed(1)} s`);
  const misses = kb.cases.filter(
    (c) =>
      (c.route !== 'none' && (c.rank === null || c.rank > 5 || !c.keyFactFound || !c.citedExpected)) ||
      (c.route === 'none' && !c.notFoundSaid),
  );
  if (misses.length > 0) {
    io.out('\nMisses:');
    for (const m of misses)
      io.out(
        `  ${m.id} [${m.route}; source rank ${m.rank ?? '-'}; cited ${m.citedExpected ? 'yes' : 'no'}; key fact ${m.keyFactFound ? 'yes' : 'no'}${m.notFoundSaid ? '; said not found' : ''}] ${m.question}`,
      );
  }
}

function printPitchReport(set: string, pitch: PitchEvalReport, io: CliIo): void {
  io.out(`\nPitches (${set}): ${pitch.cases.length} cases, ${pitch.drafted} drafted, ${pitch.facts} facts`);
  io.out(
    `Facts that do not recompute: ${pitch.mismatchedFacts}   untraced figures: ${pitch.untracedFigures}   ineligible programs: ${pitch.ineligiblePrograms}`,
  );
  io.out(
    `Forbidden claims: ${pitch.forbiddenClaims}   missing sections: ${pitch.missingSections}   expectation misses: ${pitch.expectationMisses}`,
  );
}
