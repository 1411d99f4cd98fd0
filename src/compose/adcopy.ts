import { randomBytes } from 'node:crypto';
import { createImageDecoder } from '../adapters/images/png-decoder.ts';
import { PERSONAS } from '../domain/adcopy/personas.ts';
import type { AdCopyDeps } from '../usecases/adcopy/adcopy-deps.ts';
import type { AnalystDeps } from './types.ts';

const hexId = (prefix: string, bytes: number) => `${prefix}-${randomBytes(bytes).toString('hex')}`;

/** The ad-copy pipeline's dependencies, from the analyst the composition root built. */
export function composeAdCopy(analyst: AnalystDeps): AdCopyDeps {
  const { prompts } = analyst;
  return {
    warehouse: analyst.warehouse,
    allowlist: analyst.allowlist,
    maxRows: analyst.maxRows,
    queryTimeoutMs: analyst.queryTimeoutMs,
    retriever: analyst.retriever,
    images: createImageDecoder(),
    prompts: {
      personas: PERSONAS.map((persona) => ({
        persona: persona.name,
        template: prompts.get(persona.promptId),
      })),
    },
    // With LLM_PROVIDER=bedrock the model reads the image and writes; the checks are the same either way.
    model: analyst.llm
      ? { llm: analyst.llm.client, image: prompts.get('adcopy-image'), writer: prompts.get('adcopy-writer') }
      : null,
    newId: () => hexId('c', 5),
    newVariantId: () => hexId('v', 4),
  };
}
