import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { parseGoldenSet } from '../../src/llmops/eval/golden-set.ts';
import { runEval } from '../../src/llmops/eval/run-eval.ts';
import { composeAnalyst, createLogger, projectRoot } from '../../src/main.ts';
import { sampleWarehouse } from '../fixtures/cli-harness.ts';

const baseline = JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')) as Record<
  string,
  number
>;

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
