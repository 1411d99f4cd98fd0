import { z } from 'zod';
import { unsupportedFigures } from '../../domain/answer/verify-numbers.ts';
import type { Insight } from '../../domain/report/report-document.ts';
import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type { LlmCallMeta } from '../../ports.ts';
import { formatFigure } from '../../presentation/report/format-figure.ts';
import type { LlmDeps } from '../ask/deps.ts';
import { withSentPrompts } from '../ask/sent-prompts.ts';

const toolInput = z.object({
  insights: z.array(z.object({ id: z.string(), headline: z.string().min(10).max(400) })).min(1),
});

/** The write_insights tool; its description is the versioned prompt `write-insights-tool`. */
const tool = (description: string) => ({
  name: 'write_insights',
  description,
  inputSchema: {
    type: 'object',
    properties: {
      insights: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'string' }, headline: { type: 'string' } },
          required: ['id', 'headline'],
        },
      },
    },
    required: ['insights'],
  },
});

/**
 * With Bedrock, the model phrases the insights; every figure it writes must be one of that
 * insight's own figures (checked before use, one repair turn). The figures and sources never
 * change, and any failure keeps the rule-based wording.
 */
export async function phraseInsightsWithModel(
  llm: LlmDeps,
  template: PromptTemplate,
  insights: Insight[],
  context: { industry: string; period: string; comparison: string },
): Promise<{ insights: Insight[]; calls: LlmCallMeta[] }> {
  const payload = insights.map((i) => ({
    id: i.id,
    headline: i.headline,
    figures: i.figures.map((f) => formatFigure(f)),
  }));
  const prompt = template.render({ ...context, insights_json: JSON.stringify(payload) });
  const byId = new Map(insights.map((i) => [i.id, i]));
  const description = llm.prompts.writeInsightsTool.render({});
  const request = llm.prompts.insightsRequest.render({ count: String(insights.length) });
  const result = await llm.client.callTool(
    {
      tier: prompt.tier,
      system: prompt,
      messages: [{ role: 'user', text: request.text }],
      tool: tool(description.text),
      maxTokens: 3000,
    },
    (input) => {
      const parsed = toolInput.safeParse(input);
      if (!parsed.success)
        return { ok: false, error: 'return {"insights": [{"id": "...", "headline": "..."}]}' };
      for (const item of parsed.data.insights) {
        const insight = byId.get(item.id);
        if (!insight) return { ok: false, error: `unknown insight id ${item.id}` };
        const rows = [insight.figures.map((f) => f.value)];
        const unsupported = unsupportedFigures(item.headline, rows, [
          context.period,
          context.comparison,
          insight.headline,
        ]);
        if (unsupported.length > 0)
          return {
            ok: false,
            error: `insight ${item.id} states ${unsupported.join(', ')}, which is not one of its figures`,
          };
      }
      return { ok: true, value: parsed.data.insights };
    },
  );
  const rewritten = new Map(result.value.map((i) => [i.id, i.headline]));
  return {
    insights: insights.map((i) => ({ ...i, headline: rewritten.get(i.id) ?? i.headline })),
    calls: withSentPrompts(result.calls, [description, request]),
  };
}
