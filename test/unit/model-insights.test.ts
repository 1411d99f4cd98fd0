import { describe, expect, it } from 'vitest';
import type { Insight } from '../../src/domain/report/report-document.ts';
import { ScoutError } from '../../src/errors.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';
import { phraseInsightsWithModel } from '../../src/usecases/report/model-insights.ts';
import { llmDeps, scriptedLlm } from '../fakes/port-fakes.ts';

const template = parsePromptTemplate(
  '---\nid: report-insights\nversion: 1.0.0\ntier: strong\ndescription: t\nvariables: [industry, period, comparison, insights_json]\nlabel: [production]\n---\n{{industry}} {{period}} {{comparison}} {{insights_json}}',
  'report-insights/1.0.0.md',
);
const insights: Insight[] = [
  {
    id: 'i1',
    headline: 'Gaming spend was $2.19M in Q3 2025, up 142.0% on Q3 2024.',
    figures: [
      { value: 2_190_000, format: 'currency', queryId: 'q-kpis' },
      { value: 1.42, format: 'change', queryId: 'q-kpis' },
    ],
    sources: [{ kind: 'query', id: 'q-kpis' }],
    importance: 10,
  },
];
const context = { industry: 'Gaming', period: 'Q3 2025', comparison: 'Q3 2024' };

describe('phraseInsightsWithModel', () => {
  it('uses the model wording when every figure is one of the insight’s own', async () => {
    const script = scriptedLlm([
      {
        insights: [
          {
            id: 'i1',
            headline: 'Gaming more than doubled its spend to $2.19M in Q3 2025 (+142.0% on Q3 2024).',
          },
        ],
      },
    ]);
    const result = await phraseInsightsWithModel(
      llmDeps({ client: script.llm }),
      template,
      insights,
      context,
    );
    expect(result.insights[0]?.headline).toBe(
      'Gaming more than doubled its spend to $2.19M in Q3 2025 (+142.0% on Q3 2024).',
    );
    expect(result.insights[0]?.figures).toEqual(insights[0]?.figures);
  });

  it('asks through the versioned tool description and request, and notes both on the call', async () => {
    const script = scriptedLlm([
      { insights: [{ id: 'i1', headline: 'Gaming spend reached $2.19M in Q3 2025.' }] },
    ]);
    const result = await phraseInsightsWithModel(
      llmDeps({ client: script.llm }),
      template,
      insights,
      context,
    );
    expect(script.requests[0]?.messages[0]?.text).toBe('Rewrite the 1 insights.');
    expect(script.requests[0]?.tool?.description).toBe(
      'Return every insight id with its rewritten one-sentence headline.',
    );
    expect(result.calls[0]?.sentPrompts?.map((p) => p.id)).toEqual([
      'write-insights-tool',
      'insights-request',
    ]);
  });

  it('rejects a wording that invents a figure', async () => {
    const script = scriptedLlm([
      { insights: [{ id: 'i1', headline: 'Gaming spend hit $3.5M in Q3 2025, a 142.0% jump.' }] },
    ]);
    await expect(
      phraseInsightsWithModel(llmDeps({ client: script.llm }), template, insights, context),
    ).rejects.toMatchObject({
      code: 'llm_invalid_output',
      message: expect.stringContaining('$3.5M'),
    });
  });

  it('passes model outages to the caller, which keeps the rule wording', async () => {
    const script = scriptedLlm([
      new ScoutError('llm_unavailable', 'ThrottlingException', { retryable: true }),
    ]);
    await expect(
      phraseInsightsWithModel(llmDeps({ client: script.llm }), template, insights, context),
    ).rejects.toMatchObject({ code: 'llm_unavailable' });
  });
});
