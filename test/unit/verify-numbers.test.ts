import { describe, expect, it } from 'vitest';
import { unsupportedFigures } from '../../src/domain/answer/verify-numbers.ts';

const rows = [
  ['Search', 0.0543, 1_458_753.65],
  ['Display', 0.0023, 202_587.49],
];

describe('unsupportedFigures', () => {
  it('accepts figures that round from result cells, in their formats', () => {
    expect(
      unsupportedFigures('Search led with a CTR of 5.43% and $1.46M of spend; Display had 0.23%.', rows),
    ).toEqual([]);
    expect(unsupportedFigures('Spend was $1,458,753.65.', rows)).toEqual([]);
  });

  it('flags figures that no cell supports', () => {
    expect(unsupportedFigures('Search had a CTR of 6.1% and spend of $2.5M.', rows)).toEqual([
      '6.1%',
      '$2.5M',
    ]);
  });

  it('accepts years and dates present in the rows or the period', () => {
    expect(unsupportedFigures('In Q3 2025 Search led.', rows, ['Q3 2025'])).toEqual([]);
  });
});

describe('unsupportedFigures, token boundaries', () => {
  it('does not accept a figure because it is part of a longer number in the context', () => {
    expect(unsupportedFigures('Spend was $5 million.', rows, ['in 2025'])).toEqual(['$5']);
  });
});
