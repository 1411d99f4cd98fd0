import type { PersonaStanding, SimilarCreative, Variant } from '../../domain/adcopy/copy.ts';
import type { ImageFacts } from '../../domain/adcopy/image-facts.ts';
import type { ImageDescription } from '../../domain/adcopy/model-output.ts';
import type { LlmCallMeta } from '../../ports.ts';

export type AdCopyStatus = 'drafted' | 'clarify' | 'refused' | 'error';

/** The pipeline's plain result; the CLI prints the ad-copy contract's JSON from it. */
export interface AdCopyResult {
  status: AdCopyStatus;
  answer: string;
  id: string;
  brand: string | null;
  industry: string | null;
  channel: string;
  image: (ImageFacts & { described_by: 'model' | 'offline'; description: ImageDescription | null }) | null;
  variants: Variant[];
  similar: SimilarCreative[];
  personas: PersonaStanding[];
  guidelines: string | null;
  suggestions: string[];
  prompts: { id: string; version: string; hash: string }[];
  engine: 'offline' | 'bedrock';
  degraded: boolean;
  /** Every model call (image reading, writing, repairs), for the record and cost. */
  calls: LlmCallMeta[];
}

export function emptyAdCopy(
  id: string,
  status: AdCopyStatus,
  answer: string,
  channel = 'Social',
): AdCopyResult {
  return {
    status,
    answer,
    id,
    brand: null,
    industry: null,
    channel,
    image: null,
    variants: [],
    similar: [],
    personas: [],
    guidelines: null,
    suggestions: [],
    prompts: [],
    engine: 'offline',
    degraded: false,
    calls: [],
  };
}
