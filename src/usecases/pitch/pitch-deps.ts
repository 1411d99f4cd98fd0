import type { SemanticModel } from '../../domain/semantic/semantic-model.ts';
import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type { Retriever, Warehouse } from '../../ports.ts';
import type { PitchModel } from './model-writer.ts';

/** What a pitch reads: the warehouse through the semantic layer and the guard, and the documents. */
export interface PitchDeps {
  warehouse: Warehouse;
  semanticModel: SemanticModel;
  allowlist: Map<string, Set<string>>;
  /** The date "this quarter" resolves against (the same as ask's). */
  asOf: string;
  maxRows: number;
  queryTimeoutMs: number;
  /** The knowledge base (program terms, brand guidelines, the house style guide); null when absent. */
  retriever: Retriever | null;
  prompts: {
    /** The story frameworks (prompts/pitch-story/): one narrative per situation. */
    story: PromptTemplate;
  };
  /** The Bedrock generator; null offline (deterministic templates write the pitch). */
  generator?: PitchModel | null;
  /** Pitch ids look like `p-1a2b3c4d5e`. */
  newId: () => string;
}
