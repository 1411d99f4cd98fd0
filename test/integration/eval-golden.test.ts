import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKnowledgeBaseTexts } from '../../src/adapters/kb/read-documents.ts';
import { composeAnalyst } from '../../src/compose/analyst.ts';
import { createLogger } from '../../src/compose/logging.ts';
import { projectRoot } from '../../src/compose/project-root.ts';
import { loadConfig } from '../../src/config.ts';
import { parseGoldenSet } from '../../src/llmops/eval/golden-set.ts';
import { parseKbGoldenSet } from '../../src/llmops/eval/kb-golden-set.ts';
import { runEval } from '../../src/llmops/eval/run-eval.ts';
import { runKbEval } from '../../src/llmops/eval/run-kb-eval.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

const baseline = JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')) as Record<
  string,
  number
>;

/** A whole document set runs through ask (a probe searches more than once): allow it time. */
const DOCUMENT_SET_TIMEOUT_MS = 120_000;

/** One document set, end to end through ask, with the gates its baseline keys name. */
async function runDocumentSet(file: string) {
  const items = parseKbGoldenSet(readFileSync(resolve(projectRoot, file), 'utf8'));
  const analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
    logger: createLogger('silent'),
    charts: false,
  });
  try {
    if (!analyst.retriever) throw new Error('the local knowledge base did not load');
    const texts = await readKnowledgeBaseTexts(resolve(projectRoot, 'data/kb'));
    const report = await runKbEval({ ...analyst, retriever: analyst.retriever }, items, (id) =>
      texts.get(id),
    );
    return { items, report };
  } finally {
    await analyst.close();
  }
}

describe('knowledge-base questions (the document eval gates)', () => {
  it(
    'keeps retrieval recall, citation precision and zero unsupported claims at the baseline',
    async () => {
      const { items, report } = await runDocumentSet('eval/kb-golden.yml');
      expect(items.length).toBeGreaterThanOrEqual(40);
      expect(report.recallAt5).toBeGreaterThanOrEqual(baseline.kbRecallAt5 ?? 0.9);
      expect(report.citationPrecision).toBeGreaterThanOrEqual(baseline.kbCitationPrecision ?? 0.95);
      expect(report.unsupportedClaimRate).toBeLessThanOrEqual(baseline.kbUnsupportedClaimRate ?? 0);
      expect(report.notFoundRecall).toBeGreaterThanOrEqual(baseline.kbNotFoundRecall ?? 1);
      expect(report.notFoundPrecision).toBeGreaterThanOrEqual(baseline.kbNotFoundPrecision ?? 1);
      expect(report.citedExpectedRate).toBeGreaterThanOrEqual(baseline.kbCitedExpectedRate ?? 0.9);
    },
    DOCUMENT_SET_TIMEOUT_MS,
  );

  it(
    'keeps the fresh-phrasing development set (eval/kb-dev.yml) at its achieved baseline',
    async () => {
      const { items, report } = await runDocumentSet('eval/kb-dev.yml');
      const misses = report.cases
        .filter((c) => (c.route === 'none') !== c.notFoundSaid || (c.route !== 'none' && !c.citedExpected))
        .map((c) => `${c.id} ${c.question}`);
      expect(items.length).toBeGreaterThanOrEqual(25);
      expect(report.recallAt5).toBeGreaterThanOrEqual(baseline.kbDevRecallAt5 ?? 0.95);
      expect(report.citationPrecision).toBeGreaterThanOrEqual(baseline.kbDevCitationPrecision ?? 1);
      expect(report.unsupportedClaimRate).toBeLessThanOrEqual(baseline.kbDevUnsupportedClaimRate ?? 0);
      expect(report.notFoundRecall, misses.join('\n')).toBeGreaterThanOrEqual(
        baseline.kbDevNotFoundRecall ?? 1,
      );
      expect(report.notFoundPrecision, misses.join('\n')).toBeGreaterThanOrEqual(
        baseline.kbDevNotFoundPrecision ?? 1,
      );
      expect(report.citedExpectedRate, misses.join('\n')).toBeGreaterThanOrEqual(
        baseline.kbDevCitedExpectedRate ?? 0.9,
      );
    },
    DOCUMENT_SET_TIMEOUT_MS,
  );
});

describe('fresh document sets (development sets now; gated at their after-fix figures less a small margin)', () => {
  const gates = JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')) as {
    kbFreshSets?: Record<
      string,
      {
        recallAt5: number;
        citationPrecision: number;
        unsupportedClaimRate: number;
        citedExpectedRate: number;
        notFoundPrecision: number;
        notFoundRecall: number;
      }
    >;
  };
  it.each(Object.entries(gates.kbFreshSets ?? {}))(
    '%s keeps its citing, "couldn\'t find" and zero unsupported claims',
    async (file, gate) => {
      const { report } = await runDocumentSet(file);
      const misses = report.cases
        .filter((c) => (c.route === 'none') !== c.notFoundSaid || (c.route !== 'none' && !c.citedExpected))
        .map((c) => `${c.id} ${c.question}`)
        .join('\n');
      expect(report.recallAt5).toBeGreaterThanOrEqual(gate.recallAt5);
      expect(report.citationPrecision).toBeGreaterThanOrEqual(gate.citationPrecision);
      expect(report.unsupportedClaimRate).toBeLessThanOrEqual(gate.unsupportedClaimRate);
      expect(report.citedExpectedRate, misses).toBeGreaterThanOrEqual(gate.citedExpectedRate);
      expect(report.notFoundPrecision, misses).toBeGreaterThanOrEqual(gate.notFoundPrecision);
      expect(report.notFoundRecall, misses).toBeGreaterThanOrEqual(gate.notFoundRecall);
    },
    DOCUMENT_SET_TIMEOUT_MS,
  );
});

describe('golden questions (the eval gate)', () => {
  it('keeps execution accuracy and clarify precision at or above the recorded baseline', async () => {
    const items = ['eval/golden.yml', 'eval/holdout.yml'].flatMap((file) =>
      parseGoldenSet(readFileSync(resolve(projectRoot, file), 'utf8')),
    );
    expect(items.length).toBeGreaterThanOrEqual(100);
    const analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
      logger: createLogger('silent'),
      charts: false,
    });
    try {
      const report = await runEval(analyst, items);
      const failures = report.failures.map((f) => `${f.id} ${f.question}: ${f.reason}`);
      expect(report.executionAccuracy, failures.join('\n')).toBeGreaterThanOrEqual(
        baseline.executionAccuracy ?? 1,
      );
      expect(report.clarifyPrecision, failures.join('\n')).toBeGreaterThanOrEqual(
        baseline.clarifyPrecision ?? 1,
      );
      expect(report.clarifyRecall, failures.join('\n')).toBeGreaterThanOrEqual(baseline.clarifyRecall ?? 1);
    } finally {
      await analyst.close();
    }
  });
});

describe('fresh held-out sets (written without reading the parser; gated at their achieved baseline)', () => {
  const gates = JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')) as {
    freshSets?: Record<string, { executionAccuracy: number; confidentWrong: number }>;
  };
  const fresh = gates.freshSets ?? {};
  it.each(Object.entries(fresh))(
    '%s keeps its accuracy and never adds a confident wrong answer',
    async (file, gate) => {
      const items = parseGoldenSet(readFileSync(resolve(projectRoot, file), 'utf8'));
      const analyst = await composeAnalyst(loadConfig({ DUCKDB_PATH: sampleWarehouse }), {
        logger: createLogger('silent'),
        charts: false,
      });
      try {
        const report = await runEval(analyst, items);
        const failures = report.failures.map((f) => `${f.id} ${f.question}: ${f.reason}`).join('\n');
        expect(report.executionAccuracy, failures).toBeGreaterThanOrEqual(gate.executionAccuracy);
        expect(report.confidentWrong, failures).toBeLessThanOrEqual(gate.confidentWrong);
      } finally {
        await analyst.close();
      }
    },
    // Ninety questions through the real DuckDB on a shared, busy runner.
    120_000,
  );
});
