import { describe, expect, it } from 'vitest';
import { comparisonPeriod, resolvePeriod } from '../../src/domain/time/resolve-period.ts';

const asOf = '2025-12-31';

describe('resolvePeriod', () => {
  it('resolves "last" periods to the calendar period before the one containing the as-of date', () => {
    expect(resolvePeriod({ kind: 'relative', unit: 'quarter', offset: -1 }, asOf)).toMatchObject({
      start: '2025-07-01',
      end: '2025-09-30',
    });
    expect(resolvePeriod({ kind: 'relative', unit: 'year', offset: -1 }, asOf)).toMatchObject({
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(resolvePeriod({ kind: 'relative', unit: 'month', offset: -1 }, asOf)).toMatchObject({
      start: '2025-11-01',
      end: '2025-11-30',
    });
  });

  it('crosses year boundaries for last quarter and last month in January', () => {
    expect(resolvePeriod({ kind: 'relative', unit: 'quarter', offset: -1 }, '2025-01-15')).toMatchObject({
      start: '2024-10-01',
      end: '2024-12-31',
    });
    expect(resolvePeriod({ kind: 'relative', unit: 'month', offset: -1 }, '2025-01-15')).toMatchObject({
      start: '2024-12-01',
      end: '2024-12-31',
    });
  });

  it('starts weeks on Monday', () => {
    // 2025-12-31 is a Wednesday; this week runs Mon 29 Dec to Sun 4 Jan.
    expect(resolvePeriod({ kind: 'relative', unit: 'week', offset: 0 }, asOf)).toMatchObject({
      start: '2025-12-29',
      end: '2026-01-04',
    });
    expect(resolvePeriod({ kind: 'relative', unit: 'week', offset: -1 }, asOf)).toMatchObject({
      start: '2025-12-22',
      end: '2025-12-28',
    });
  });

  it('ends "the last N days" on the as-of date, inclusive', () => {
    expect(resolvePeriod({ kind: 'last_n', unit: 'day', n: 30 }, asOf)).toMatchObject({
      start: '2025-12-02',
      end: '2025-12-31',
    });
  });

  it('labels quarters and halves', () => {
    expect(resolvePeriod({ kind: 'quarter', year: 2025, quarter: 3 }, asOf)?.label).toBe('Q3 2025');
    expect(resolvePeriod({ kind: 'half', year: 2025, half: 1 }, asOf)).toMatchObject({
      start: '2025-01-01',
      end: '2025-06-30',
      label: 'H1 2025',
    });
    expect(resolvePeriod({ kind: 'all' }, asOf)).toBeNull();
  });
});

describe('comparisonPeriod', () => {
  it('steps a quarter back one quarter, or one year', () => {
    const q3 = { kind: 'quarter', year: 2025, quarter: 3 } as const;
    const period = resolvePeriod(q3, asOf);
    if (!period) throw new Error('no period');
    expect(comparisonPeriod(period, q3, 'previous_period')).toMatchObject({
      start: '2025-04-01',
      end: '2025-06-30',
      label: 'Q2 2025',
    });
    expect(comparisonPeriod(period, q3, 'previous_year')).toMatchObject({
      start: '2024-07-01',
      end: '2024-09-30',
      label: 'Q3 2024',
    });
  });

  it('keeps February month-ends right across leap years', () => {
    const feb = { kind: 'month', year: 2025, month: 2 } as const;
    const period = resolvePeriod(feb, asOf);
    if (!period) throw new Error('no period');
    expect(comparisonPeriod(period, feb, 'previous_year')).toMatchObject({
      start: '2024-02-01',
      end: '2024-02-29',
    });
  });

  it('shifts free ranges by their length', () => {
    const spec = { kind: 'last_n', unit: 'day', n: 30 } as const;
    const period = resolvePeriod(spec, asOf);
    if (!period) throw new Error('no period');
    expect(comparisonPeriod(period, spec, 'previous_period')).toMatchObject({
      start: '2025-11-02',
      end: '2025-12-01',
    });
  });
});
