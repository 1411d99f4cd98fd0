import { resolve } from 'node:path';
import { ScoutError } from '../../src/errors.ts';
import { loadPromptRegistry, type PromptRegistry } from '../../src/llmops/prompt-registry.ts';
import { parsePromptTemplate } from '../../src/llmops/prompt-template.ts';
import type {
  LlmCallMeta,
  LlmRequest,
  LlmTool,
  QueryResult,
  ToolValidation,
  Warehouse,
} from '../../src/ports.ts';
import type { LlmDeps } from '../../src/usecases/ask/deps.ts';

/** A warehouse that records SQL and answers with fixed rows: enough for orchestration tests. */
export function fakeWarehouse(rows: QueryResult['rows'] = [[1234.5]]): Warehouse & { sql: string[] } {
  const sql: string[] = [];
  return {
    dialect: 'duckdb',
    sql,
    async query(statement) {
      sql.push(statement);
      return { columns: [{ name: 'value', type: 'DOUBLE' }], rows, elapsedMs: 1 };
    },
    async close() {},
  };
}

/** What the Llm port reports for one call; tests override what they look at. */
export const llmCallMeta = (overrides: Partial<LlmCallMeta> = {}): LlmCallMeta => ({
  modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  prompt: { id: 'metric-query', version: '1.0.0', hash: 'abc' },
  usage: { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 0, cacheWriteTokens: 0 },
  latencyMs: 5,
  stopReason: 'tool_use',
  repaired: false,
  ...overrides,
});

export type ScriptedToolOutput = unknown | Error;

/** An Llm port whose tool answers come from a script; records every request. */
export function scriptedLlm(outputs: ScriptedToolOutput[], text = 'The total was 1234.5.') {
  const requests: (LlmRequest & { tool?: LlmTool })[] = [];
  return {
    requests,
    llm: {
      async callTool<T>(
        request: LlmRequest & { tool: LlmTool },
        validate: (input: unknown) => ToolValidation<T>,
      ) {
        requests.push(request);
        const next = outputs.shift();
        if (next instanceof Error) throw next;
        const checked = validate(next);
        if (!checked.ok) throw new ScoutError('llm_invalid_output', checked.error);
        return { value: checked.value, meta: llmCallMeta(), calls: [llmCallMeta()] };
      },
      async streamText(request: LlmRequest) {
        requests.push(request);
        return { text, meta: llmCallMeta() };
      },
    },
  };
}

export function breakerFake(allow = true) {
  const events: string[] = [];
  return {
    events,
    breaker: {
      allow: async () => allow,
      recordSuccess: async () => void events.push('success'),
      recordFailure: async () => void events.push('failure'),
    },
  };
}

const template = (id: string, variables: string[]) =>
  parsePromptTemplate(
    `---\nid: ${id}\nversion: 1.0.0\ntier: fast\ndescription: test\nvariables: [${variables.join(', ')}]\nlabel: [production]\n---\n${variables.map((v) => `{{${v}}}`).join(' ')}`,
    `${id}/1.0.0.md`,
  );

let registry: PromptRegistry | null = null;
/** A prompt from the repository's prompts/ folder, loaded on first use. */
const realPrompt = (task: string) => {
  registry ??= loadPromptRegistry(resolve(import.meta.dirname, '../../prompts'));
  return registry.get(task);
};

export function llmDeps(overrides: Partial<LlmDeps> & Pick<LlmDeps, 'client'>): LlmDeps {
  return {
    prompts: {
      metricQuery: template('metric-query', ['semantic_model', 'as_of']),
      sqlRepair: template('sql-repair', ['sql', 'error']),
      narrative: template('answer-narrative', ['question', 'result_json', 'period']),
      agentDocuments: template('agent-document-results', ['query', 'documents']),
      // The words a model reads besides the prompts above: the real, versioned texts.
      metricQueryTool: realPrompt('metric-query-tool'),
      metricQueryToolSql: realPrompt('metric-query-tool-sql'),
      searchDocumentsField: realPrompt('search-documents-field'),
      followUpMessage: realPrompt('follow-up-message'),
      runSqlTool: realPrompt('run-sql-tool'),
      writeInsightsTool: realPrompt('write-insights-tool'),
      insightsRequest: realPrompt('insights-request'),
    },
    guardrail: null,
    breaker: breakerFake().breaker,
    allowSql: true,
    semanticModelText: 'model',
    costOf: () => 0.001,
    questionTimeoutMs: 45_000,
    ...overrides,
  };
}
