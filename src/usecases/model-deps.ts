import type { CircuitBreaker } from '../adapters/redis/circuit-breaker.ts';
import type { SpendGate } from '../llmops/ledger/spend-gate.ts';
import type { PromptTemplate } from '../llmops/prompt-template.ts';
import type { Guardrail, Llm, LlmCallMeta } from '../ports.ts';

/** Everything the Bedrock path needs; absent (null) on the embedded offline default. */
export interface ModelDeps {
  llm: Llm;
  prompts: {
    metricQuery: PromptTemplate;
    sqlRepair: PromptTemplate;
    narrative: PromptTemplate;
    /** How search_documents results are handed to the Bedrock Agent: excerpts delimited as data. */
    agentDocuments: PromptTemplate;
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
}
