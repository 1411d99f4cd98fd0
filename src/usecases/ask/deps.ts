import type { Audience } from '../../domain/audience.ts';
import type { MetricQuery } from '../../domain/metric-query.ts';
import type { ParseContext } from '../../domain/parser/parse-question.ts';
import type { PromptExperiments } from '../../llmops/experiments/ports.ts';
import type { ModelGateway } from '../../llmops/gateway/types.ts';
import type { InputIncident } from '../../llmops/guardrails/input-screen.ts';
import type { SpendGate } from '../../llmops/ledger/spend-gate.ts';
import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type {
  Agent,
  AnswerCache,
  ChartRenderer,
  CircuitBreaker,
  Guardrail,
  Llm,
  LlmCallMeta,
  Retriever,
  Warehouse,
} from '../../ports.ts';

/** Everything the language-model (Bedrock) path needs; absent (null) on the embedded offline default. */
export interface LlmDeps {
  client: Llm;
  prompts: {
    metricQuery: PromptTemplate;
    sqlRepair: PromptTemplate;
    narrative: PromptTemplate;
    /** How search_documents results are handed to the Bedrock Agent: excerpts delimited as data. */
    agentDocuments: PromptTemplate;
    /** The metric_query tool's description, without and with the model-SQL option. */
    metricQueryTool: PromptTemplate;
    metricQueryToolSql: PromptTemplate;
    /** The description of the tool's search_documents field. */
    searchDocumentsField: PromptTemplate;
    /** A message in a conversation with a previous query, as the model reads it. */
    followUpMessage: PromptTemplate;
    /** The run_sql tool's description (the SQL repair turn). */
    runSqlTool: PromptTemplate;
    /** For reports: the write_insights tool's description and the message that asks for the rewrite. */
    writeInsightsTool: PromptTemplate;
    insightsRequest: PromptTemplate;
  };
  guardrail: Guardrail | null;
  /** Shared by replicas (Redis): when it is open, Scout answers offline without trying the model. */
  breaker: Pick<CircuitBreaker, 'allow' | 'recordSuccess' | 'recordFailure'>;
  /** Let the model write SQL for questions the semantic model cannot express. */
  allowSql: boolean;
  /** The semantic model as prompt text (stable, cached behind a cache point). */
  semanticModelText: string;
  costOf: (call: LlmCallMeta) => number;
  /** All model calls of one question end by this deadline; the answer then degrades to offline. */
  questionTimeoutMs: number;
  /** Budgets and the cost ledger; absent: no budgets, nothing booked. */
  spend?: SpendGate | null;
  /**
   * The model gateway (the Bedrock path): each question opens its own ports through it, so every
   * call is guarded, held against the budgets, routed, settled and audited in one place.
   */
  gateway?: ModelGateway | null;
}

/**
 * What `ask` runs on. Types only, so every path imports this file and none imports the router.
 * It is a parse context itself (semantic model, lexicon, asOf): the parser takes the deps as they are.
 */
export interface AskDeps extends ParseContext {
  warehouse: Warehouse;
  charts: ChartRenderer | null;
  allowlist: Map<string, Set<string>>;
  maxRows: number;
  queryTimeoutMs: number;
  newId: () => string;
  /** The language model (Bedrock) path; null on the offline default. */
  llm?: LlmDeps | null;
  /** Prompt labels and experiments (canary, shadow); absent: the composed prompts serve. */
  experiments?: PromptExperiments | null;
  /** With ASK_ORCHESTRATOR=agent: a Bedrock Agent plans and Scout runs its function calls. */
  agent?: Agent | null;
  retriever?: Retriever | null;
  /** Query results by canonical query; absent, or without a data version: every answer bypasses it. */
  answerCache?: AnswerCache | null;
  /** The warehouse's data version (DuckDB: the file's size and time; Athena: SCOUT_DATA_VERSION). */
  dataVersion?: string | null;
  onError?: (id: string, error: unknown) => void;
  /** A question the local input guardrail refused (the rule that fired, never the text). */
  onIncident?: (incident: InputIncident) => void;
}

export interface AskOptions {
  /** Skip drawing the chart (the spec is still returned). */
  renderChart?: boolean;
  /** The previous query of the conversation, for follow-ups ("and for video only?"). */
  previous?: MetricQuery | null;
  /** The agent session (one per Slack thread), for ASK_ORCHESTRATOR=agent. */
  sessionId?: string;
  /** Who reads the answer; without it, nobody in particular: internal documents only. */
  audience?: Audience;
  /** The asker's Slack team, for its monthly budget. */
  team?: string;
}
