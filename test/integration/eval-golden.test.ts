import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKnowledgeBaseTexts } from '../../src/adapters/kb/read-documents.ts';
import { loadConfig } from '../../src/config.ts';
import { parseGoldenSet } from '../../src/llmops/eval/golden-set.ts';
import { parseKbGoldenSet } from '../../src/llmops/eval/kb-golden-set.ts';
import { runEval } from '../../src/llmops/eval/run-eval.ts';
import { runKbEval } from '../../src/llmops/eval/run-kb-eval.ts';
import { composeAnalyst, createLogger, projectRoot } from '../../src/main.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

const baseline = JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')) as Record<
  string,
  number
>;

describe('knowledge-base questions (the document eval gate)', () => {
  it('keeps retrieval recall, citation precision and zero unsupported claims at the baseline', async () => {
    const items = parseKbGoldenSet(readFileSync(resolve(projectRoot, 'eval/kb-golden.yml'), 'utf8'));
    expect(items.length).toBeGreaterThanOrEqual(40);
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
      expect(report.recallAt5).toBeGreaterThanOrEqual(baseline.kbRecallAt5 ?? 0.9);
      expect(report.citationPrecision).toBeGreaterThanOrEqual(baseline.kbCitationPrecision ?? 0.95);
      expect(report.unsupportedClaimRate).toBeLessThanOrEqual(baseline.kbUnsupportedClaimRate ?? 0);
      expect(report.notFoundRecall).toBeGreaterThanOrEqual(baseline.kbNotFoundRecall ?? 1);
    } finally {
      await analyst.close();
    }
  });
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
  );
});
