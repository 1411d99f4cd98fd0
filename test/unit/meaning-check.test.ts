import { describe, expect, it } from 'vitest';
import type { MetricQuery } from '../../src/domain/metric-query.ts';
import { metricQuerySchema } from '../../src/domain/metric-query.ts';
import { meaningProblem } from '../../src/domain/parser/meaning-check.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();
const q = (input: unknown): MetricQuery => metricQuerySchema.parse(input);

describe('meaningProblem: a model-written query keeps the words of the question', () => {
  it('accepts a query with the named period and value', () => {
    const query = q({
      metrics: ['spend'],
      filters: [{ dimension: 'industry', values: ['Gaming'] }],
      time: { kind: 'quarter', year: 2025, quarter: 3 },
    });
    expect(meaningProblem('roughly what did gaming spend in q3 2025', query, ctx)).toBeNull();
  });

  it('rejects a query that dropped the period the user named', () => {
    const query = q({ metrics: ['spend'], filters: [{ dimension: 'industry', values: ['Gaming'] }] });
    expect(meaningProblem('roughly what did gaming spend in q3 2025', query, ctx)).toMatch(/names Q3 2025/);
  });

  it('accepts the named period as the comparison', () => {
    const query = q({
      metrics: ['spend'],
      time: { kind: 'year', year: 2025 },
      compare: { kind: 'previous_year' },
    });
    expect(meaningProblem('spend growth against 2024, more or less', query, ctx)).toBeNull();
  });

  it('rejects a query that dropped a value the user named', () => {
    const query = q({ metrics: ['ctr'], time: { kind: 'relative', unit: 'month', offset: -1 } });
    expect(meaningProblem('ctr in japan last month, ballpark', query, ctx)).toMatch(/names Japan/);
  });

  it('accepts the value as an exclusion or a grouping', () => {
    const excluded = q({
      metrics: ['ctr'],
      filters: [{ dimension: 'market', values: ['Japan'], exclude: true }],
    });
    expect(meaningProblem('ctr outside of japan', excluded, ctx)).toBeNull();
    const grouped = q({ metrics: ['ctr'], dimensions: ['market'] });
    expect(meaningProblem('ctr for japan and the others side by side', grouped, ctx)).toBeNull();
  });
});
