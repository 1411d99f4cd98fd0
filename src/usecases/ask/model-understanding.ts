import {
  type ModelUnderstanding,
  metricQueryTool,
  parseModelUnderstanding,
} from '../../domain/llm/metric-query-tool.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import { meaningProblem } from '../../domain/parser/meaning-check.ts';
import { compileMetricQuery } from '../../domain/sql/compile.ts';
import { isScoutError } from '../../errors.ts';
import type { LlmCallMeta } from '../../ports.ts';
import type { AskDeps, LlmDeps } from './deps.ts';

/**
 * Asks the model to fill the metric query through a tool. The model's query must pass the
 * same compiler the offline parser's does (known names and values): an invalid one gets one
 * repair turn quoting the exact problem.
 */
export async function understandWithModel(
  deps: AskDeps,
  llm: LlmDeps,
  question: string,
  previous: MetricQuery | null,
  signal?: AbortSignal,
): Promise<{ understanding: ModelUnderstanding; calls: LlmCallMeta[] }> {
  const prompt = llm.prompts.metricQuery.render({ semantic_model: llm.semanticModelText, as_of: deps.asOf });
  const parseContext = deps;
  const check = (query: MetricQuery): string | null => {
    // A follow-up inherits its meaning from the previous query; a new question must keep its own words.
    const problem = previous ? null : meaningProblem(question, query, parseContext);
    if (problem) return problem;
    try {
      compileMetricQuery(query, deps.semanticModel, {
        dialect: deps.warehouse.dialect,
        asOf: deps.asOf,
        maxRows: deps.maxRows,
      });
      return null;
    } catch (error) {
      return isScoutError(error) ? error.message : String(error);
    }
  };
  const text = previous
    ? `The conversation's previous query was ${JSON.stringify(previous)}. The user's new message (modify that query if it is a follow-up):\n${question}`
    : question;
  const result = await llm.client.callTool(
    {
      tier: prompt.tier,
      system: prompt,
      cacheSystem: true,
      messages: [{ role: 'user', text }],
      tool: metricQueryTool(deps.semanticModel, { allowSql: llm.allowSql }),
      ...(signal ? { signal } : {}),
    },
    (input) => parseModelUnderstanding(input, check, { allowSql: llm.allowSql }),
  );
  return { understanding: result.value, calls: result.calls };
}
