import { describe, expect, it } from 'vitest';
import {
  baselineSchema,
  dataChecks,
  documentChecks,
  pitchChecks,
  RATE_TOLERANCE,
  regressed,
  regressionLines,
} from '../../src/llmops/eval/baseline-gate.ts';

const baseline = baselineSchema.parse({
  executionAccuracy: 1,
  clarifyPrecision: 1,
  clarifyRecall: 1,
  kbRecallAt5: 0.95,
  kbCitationPrecision: 0.95,
  kbUnsupportedClaimRate: 0,
  kbNotFoundRecall: 1,
  kbNotFoundPrecision: 1,
  kbCitedExpectedRate: 0.94,
  freshSets: { 'eval/fresh-data-4.yml': { executionAccuracy: 0.79, confidentWrong: 4 } },
  pitch: {
    minDrafted: 22,
    mismatchedFacts: 0,
    untracedFigures: 0,
    ineligiblePrograms: 0,
    forbiddenClaims: 0,
    missingSections: 0,
  },
});

describe('the eval gate against the baseline', () => {
  it('passes a rate within the tolerance and fails one beyond it', () => {
    const within = dataChecks(baseline, 'eval/fresh-data-4.yml', {
      executionAccuracy: 0.79 - RATE_TOLERANCE,
      confidentWrong: 4,
    });
    expect(within.filter(regressed)).toEqual([]);
    const beyond = dataChecks(baseline, 'eval/fresh-data-4.yml', {
      executionAccuracy: 0.78,
      confidentWrong: 4,
    });
    expect(regressionLines(beyond)).toEqual([
      'eval/fresh-data-4.yml executionAccuracy 0.780 < baseline 0.790 - 0.005',
    ]);
  });

  it('allows no count to move: one more confident wrong answer fails', () => {
    const checks = dataChecks(baseline, 'eval/fresh-data-4.yml', {
      executionAccuracy: 0.8,
      confidentWrong: 5,
    });
    expect(regressionLines(checks)).toEqual(['eval/fresh-data-4.yml confidentWrong 5 > baseline 4 + 0']);
  });

  it('gates golden and held-out by the top-level figures, and a rate that must stay low from above', () => {
    expect(
      regressionLines(
        dataChecks(baseline, 'eval/holdout.yml', {
          executionAccuracy: 0.975,
          clarifyPrecision: 1,
          clarifyRecall: 1,
        }),
      ),
    ).toHaveLength(1);
    const kb = documentChecks(baseline, 'eval/kb-golden.yml', {
      recallAt5: 0.96,
      citationPrecision: 0.95,
      unsupportedClaimRate: 0.01,
      citedExpectedRate: 0.94,
      notFoundPrecision: 1,
      notFoundRecall: 1,
    });
    expect(regressionLines(kb)).toEqual([
      'eval/kb-golden.yml unsupportedClaimRate 0.010 > baseline 0.000 + 0.005',
    ]);
  });

  it('fails the pitch set on fewer drafted pitches or any defect', () => {
    const figures = {
      drafted: 22,
      mismatchedFacts: 0,
      untracedFigures: 1,
      ineligiblePrograms: 0,
      forbiddenClaims: 0,
      missingSections: 0,
    };
    expect(regressionLines(pitchChecks(baseline, 'eval/pitch-golden.yml', figures))).toEqual([
      'eval/pitch-golden.yml untracedFigures 1 > baseline 0 + 0',
    ]);
    expect(
      regressionLines(
        pitchChecks(baseline, 'eval/pitch-golden.yml', { ...figures, untracedFigures: 0, drafted: 21 }),
      ),
    ).toHaveLength(1);
  });

  it('has nothing to gate for a set the baseline does not name', () => {
    expect(dataChecks(baseline, 'eval/other.yml', { executionAccuracy: 0 })).toEqual([]);
  });
});
