import type { PromptTemplate } from '../../llmops/prompt-template.ts';
import type { ImageDecoder, ImageDescriber, Retriever, Warehouse } from '../../ports.ts';

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
    /** The image-description prompt (prompts/adcopy-image/), used with a describer. */
    image: PromptTemplate;
  };
  /** Bedrock's multimodal reading of the image; null offline (only measured facts). */
  describer: ImageDescriber | null;
  /** Copy ids `c-…`, variant ids `v-…`. */
  newId: () => string;
  newVariantId: () => string;
}

/** Similar creatives need at least this many impressions before their CTR counts. */
export const MIN_IMPRESSIONS = 100_000;
