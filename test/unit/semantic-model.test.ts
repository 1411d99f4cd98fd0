import { describe, expect, it } from 'vitest';
import { metricQuerySchema } from '../../src/domain/metric-query.ts';
import { parseQuestion } from '../../src/domain/parser/parse-question.ts';
import { buildSemanticModel, parseSemanticModelFile } from '../../src/domain/semantic/semantic-model.ts';
import { testParseContext } from '../fixtures/test-model.ts';

const ctx = testParseContext();

describe('semantic model', () => {
  it.each(ctx.semanticModel.file.examples.map((e) => [e.question, e.query] as const))(
    'verified example "%s" parses to its recorded query',
    (question, recorded) => {
      const outcome = parseQuestion(question, ctx);
      expect(outcome.status).toBe('query');
      if (outcome.status === 'query') expect(outcome.query).toEqual(metricQuerySchema.parse(recorded));
    },
  );

  it('defines every metric of the contract as a ratio of sums or a sum', () => {
    const ratios = Object.fromEntries(
      ctx.semanticModel.file.metrics.flatMap((m) =>
        m.kind === 'ratio' ? [[m.name, `${m.numerator}/${m.denominator}*${m.multiplier}`]] : [],
      ),
    );
    expect(ratios).toEqual({
      ctr: 'clicks/impressions*1',
      cvr: 'conversions/clicks*1',
      cpc: 'spend_usd/clicks*1',
      cpm: 'spend_usd/impressions*1000',
      cpa: 'spend_usd/conversions*1',
      roas: 'revenue_usd/spend_usd*1',
      vtr: 'video_views/impressions*1',
    });
  });

  it('rejects a model whose identifiers could inject SQL', () => {
    const text =
      'version: 1\nname: x\ndescription: d\nfact: { table: "t; DROP TABLE x", alias: f, time_column: date }\n';
    expect(() => parseSemanticModelFile(text)).toThrow(/lower_snake_case/);
  });

  it('rejects aliases for values the warehouse does not hold', () => {
    const values = new Map(ctx.semanticModel.values).set('channel', ['Display']);
    expect(() => buildSemanticModel(ctx.semanticModel.file, values, ctx.semanticModel.dataRange)).toThrow(
      /channel has aliases or groups for values .*Online Video/,
    );
  });
});
