import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadPromptRegistry } from '../llmops/prompt-registry.ts';
import type { AnalystDeps } from '../main.ts';
import type { PitchDeps } from '../usecases/pitch/pitch-deps.ts';

export function newPitchId(): string {
  return `p-${randomBytes(5).toString('hex')}`;
}

/** The pitch pipeline's dependencies, from the analyst the composition root built. */
export function composePitch(analyst: AnalystDeps, projectRoot: string): PitchDeps {
  const prompts = loadPromptRegistry(resolve(projectRoot, 'prompts'));
  return {
    warehouse: analyst.warehouse,
    model: analyst.model,
    allowlist: analyst.allowlist,
    asOf: analyst.asOf,
    maxRows: analyst.maxRows,
    queryTimeoutMs: analyst.queryTimeoutMs,
    retriever: analyst.retriever,
    prompts: { story: prompts.get('pitch-story') },
    // With LLM_PROVIDER=bedrock the model writes the pitch; the checks are the same either way.
    generator: analyst.ai
      ? { llm: analyst.ai.llm, writer: prompts.get('pitch-writer'), costOf: analyst.ai.costOf }
      : null,
    newId: newPitchId,
  };
}
