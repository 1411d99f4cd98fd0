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
import { withSentPrompts } from './sent-prompts.ts';

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
  const check = (query: MetricQuery): string | null => {
    // A follow-up inherits its meaning from the previous query; a new question must keep its own words.
    const problem = previous ? null : meaningProblem(question, query, deps);
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
  const description = (llm.allowSql ? llm.prompts.metricQueryToolSql : llm.prompts.metricQueryTool).render(
    {},
  );
  const searchField = llm.prompts.searchDocumentsField.render({});
  const followUp = previous
    ? llm.prompts.followUpMessage.render({ previous_query: JSON.stringify(previous), message: question })
    : null;
  const result = await llm.client.callTool(
    {
      tier: prompt.tier,
      system: prompt,
      cacheSystem: true,
      messages: [{ role: 'user', text: followUp ? followUp.text : question }],
      tool: metricQueryTool(deps.semanticModel, {
        allowSql: llm.allowSql,
        description: description.text,
        searchDocumentsDescription: searchField.text,
      }),
      ...(signal ? { signal } : {}),
    },
    (input) => parseModelUnderstanding(input, check, { allowSql: llm.allowSql }),
  );
  const sent = [description, searchField, ...(followUp ? [followUp] : [])];
  return { understanding: result.value, calls: withSentPrompts(result.calls, sent) };
}
