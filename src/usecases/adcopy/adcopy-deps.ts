import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type { ImageDecoder, Llm, Retriever, Warehouse } from '../../ports.ts';

/** What the ad-copy pipeline reads: the warehouse (through the guard), documents, pixels, prompts. */
export interface AdCopyDeps {
  warehouse: Warehouse;
  allowlist: Map<string, Set<string>>;
  maxRows: number;
  queryTimeoutMs: number;
  /** The knowledge base (brand guidelines); null when absent. */
  retriever: Retriever | null;
  images: ImageDecoder;
  prompts: {
    /** The six persona prompts (prompts/adcopy-persona-*), in their default order. */
    personas: readonly { persona: string; template: PromptTemplate }[];
  };
  /** Bedrock: the model reads the image and writes the copy; null offline (measured facts, templates). */
  model: AdCopyModel | null;
  /** Copy ids `c-…`, variant ids `v-…`. */
  newId: () => string;
  newVariantId: () => string;
}

/** Similar creatives need at least this many impressions before their CTR counts. */
export const MIN_IMPRESSIONS = 100_000;

export interface AdCopyModel {
  llm: Llm;
  /** prompts/adcopy-image/: reads the image into a description. */
  image: PromptTemplate;
  /** prompts/adcopy-writer/: writes the variants. */
  writer: PromptTemplate;
}
