import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATOR_VERSION } from '../../data/generator/index.ts';
import { readKnowledgeBaseTexts } from '../adapters/kb/read-documents.ts';
import { parseGoldenSet } from '../llmops/eval/golden-set.ts';
import { parseKbGoldenSet } from '../llmops/eval/kb-golden-set.ts';
import { runEval } from '../llmops/eval/run-eval.ts';
import { runKbEval } from '../llmops/eval/run-kb-eval.ts';
import { numberFlag, parseArgs, UsageError } from './args.ts';
import { composeForCli } from './compose-for-cli.ts';
import type { CliDeps, CliIo } from './index.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * `scout eval [--json] [--min-accuracy X] [--golden file] [--kb file]`: the golden questions, end to
 * end, on the sample warehouse, then a document set (eval/kb-golden.yml unless `--kb` names one).
 * Naming only `--golden` runs that data set alone; naming only `--kb` runs that document set alone.
 */
export async function evalCommand(argv: string[], deps: CliDeps, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { boolean: ['json'], value: ['min-accuracy', 'golden', 'kb'] });
  const kbOnly = args.flags.has('kb') && !args.flags.has('golden');
  const minAccuracy = numberFlag(args, 'min-accuracy', (n) => n >= 0 && n <= 1, 'a fraction between 0 and 1');
  const goldenPath = resolve(deps.projectRoot, String(args.flags.get('golden') ?? 'eval/golden.yml'));
  const items = parseGoldenSet(readFileSync(goldenPath, 'utf8'));
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
    const report = kbOnly ? null : await runEval(analyst, items);
    if (!report) {
      // A document set on its own.
    } else if (args.flags.has('json')) {
      io.out(JSON.stringify(report));
    } else {
      io.out(
        `Golden questions: ${report.total} (${report.answerable} answerable, ${report.total - report.answerable} to decline)`,
      );
      io.out(`Execution accuracy: ${pct(report.executionAccuracy)}`);
      io.out(`Clarify precision: ${pct(report.clarifyPrecision)}   recall: ${pct(report.clarifyRecall)}`);
      io.out(`Time: ${(report.elapsedMs / 1000).toFixed(1)} s`);
      if (report.failures.length > 0) {
        io.out('\nFailures:');
        for (const f of report.failures)
          io.out(`  ${f.id} [${f.expected} -> ${f.got}] ${f.question}\n        ${f.reason ?? ''}`);
      }
    }
    const kbGolden = resolve(deps.projectRoot, String(args.flags.get('kb') ?? 'eval/kb-golden.yml'));
    if (args.flags.has('kb') && !existsSync(kbGolden))
      throw new UsageError(`no document set at ${args.flags.get('kb')}`);
    if ((kbOnly || !args.flags.has('golden')) && analyst.retriever && existsSync(kbGolden)) {
      const kbItems = parseKbGoldenSet(readFileSync(kbGolden, 'utf8'));
      const texts = await readKnowledgeBaseTexts(resolve(deps.projectRoot, 'data/kb'));
      const kb = await runKbEval({ ...analyst, retriever: analyst.retriever }, kbItems, (id) =>
        texts.get(id),
      );
      if (args.flags.has('json')) {
        io.out(JSON.stringify({ kb }));
      } else {
        io.out(
          `\nKnowledge-base questions (${String(args.flags.get('kb') ?? 'eval/kb-golden.yml')}): ${kb.total}`,
        );
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
    }
    if (report && minAccuracy !== undefined && report.executionAccuracy < minAccuracy) {
      io.err(
        `scout: execution accuracy ${pct(report.executionAccuracy)} is below the required ${pct(minAccuracy)}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await analyst.close();
  }
}
