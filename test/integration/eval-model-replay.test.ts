import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/compose/project-root.ts';
import { baselineSchema } from '../../src/llmops/eval/baseline-gate.ts';
import { runModelReplay } from '../eval/model-replay.ts';

const baseline = baselineSchema.parse(
  JSON.parse(readFileSync(resolve(projectRoot, 'eval/baseline.json'), 'utf8')),
);

describe('the model path, replayed from recorded Bedrock responses through the fake Bedrock', () => {
  it('answers every recorded case through the model, at the baseline, with no confident wrong answer', async () => {
    const report = await runModelReplay({ live: false });
    const failures = report.cases
      .filter((c) => !c.correct)
      .map((c) => `${c.id} ${c.question}: ${c.reason ?? c.got}`);
    expect(report.total).toBeGreaterThanOrEqual(6);
    // Every case took the model path and made exactly the recorded calls (the repair turn included).
    expect(report.replayMismatches).toEqual([]);
    expect(report.executionAccuracy, failures.join('\n')).toBeGreaterThanOrEqual(
      baseline.modelReplay?.executionAccuracy ?? 1,
    );
    expect(report.confidentWrong, failures.join('\n')).toBeLessThanOrEqual(
      baseline.modelReplay?.confidentWrong ?? 0,
    );
  }, 120_000);
});
