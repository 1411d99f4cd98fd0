import { randomBytes } from 'node:crypto';
import type { PitchDeps } from '../usecases/pitch/pitch-deps.ts';
import type { AnalystDeps } from './types.ts';

export function newPitchId(): string {
  return `p-${randomBytes(5).toString('hex')}`;
}

/** The pitch pipeline's dependencies, from the analyst the composition root built. */
export function composePitch(analyst: AnalystDeps): PitchDeps {
  const { prompts } = analyst;
  return {
    warehouse: analyst.warehouse,
    semanticModel: analyst.semanticModel,
    allowlist: analyst.allowlist,
    asOf: analyst.asOf,
    maxRows: analyst.maxRows,
    queryTimeoutMs: analyst.queryTimeoutMs,
    retriever: analyst.retriever,
    prompts: { story: prompts.get('pitch-story') },
    // With LLM_PROVIDER=bedrock the model writes the pitch; the checks are the same either way.
    generator: analyst.llm
      ? { llm: analyst.llm.client, writer: prompts.get('pitch-writer'), costOf: analyst.llm.costOf }
      : null,
    newId: newPitchId,
  };
}
