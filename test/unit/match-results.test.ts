import { describe, expect, it } from 'vitest';
import { matchResults } from '../../src/llmops/eval/match-results.ts';

describe('matchResults', () => {
  it('matches reference columns to result columns by value, ignoring extra columns', () => {
    expect(matchResults([[0.5]], [[100, 200, 0.5]], false).ok).toBe(true);
  });

  it('tolerates floating-point noise but not real differences', () => {
    expect(matchResults([[1000.0000000001]], [[1000]], false).ok).toBe(true);
    expect(matchResults([[1000.01]], [[1000]], false).ok).toBe(false);
  });

  it('compares row order only when asked to', () => {
    const reference = [
      ['a', 1],
      ['b', 2],
    ];
    const swapped = [
      ['b', 2],
      ['a', 1],
    ];
    expect(matchResults(reference, swapped, false).ok).toBe(true);
    expect(matchResults(reference, swapped, true).ok).toBe(false);
  });

  it('fails when values are paired with the wrong keys', () => {
    expect(
      matchResults(
        [
          ['a', 1],
          ['b', 2],
        ],
        [
          ['a', 2],
          ['b', 1],
        ],
        false,
      ).ok,
    ).toBe(false);
  });

  it('fails on a different row count', () => {
    expect(
      matchResults(
        [['a', 1]],
        [
          ['a', 1],
          ['b', 2],
        ],
        false,
      ),
    ).toMatchObject({ ok: false, reason: 'expected 1 rows, got 2' });
  });
});
