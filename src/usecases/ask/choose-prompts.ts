import type { PromptChoice, ServedVariant } from '../../llmops/experiments/ports.ts';
import type { AskDeps, LlmDeps } from './deps.ts';

type Prompts = LlmDeps['prompts'];

export interface ChosenPrompts {
  /** The deps this request is answered with: each prompt at the version its variant names. */
  deps: AskDeps;
  /** The variants that served it, for tasks with an experiment or a moved production label. */
  served: ServedVariant[];
  /** The deps of the shadow run when this request was sampled for one, and its variants. */
  shadow: { deps: AskDeps; served: ServedVariant[] } | null;
}

const withPrompts = (deps: AskDeps, llm: LlmDeps, prompts: Prompts): AskDeps => ({
  ...deps,
  llm: { ...llm, prompts },
  experiments: null,
});

/**
 * Each prompt of the model path at the version this request gets: production, the canary for
 * the users it holds, and a shadow copy of the whole set for a sampled request. Without
 * experiments (or without the model) the composed prompts serve.
 */
export async function choosePrompts(
  deps: AskDeps,
  request: { userKey: string; requestId: string },
): Promise<ChosenPrompts> {
  const llm = deps.llm;
  if (!llm || !deps.experiments) return { deps, served: [], shadow: null };
  const keys = Object.keys(llm.prompts) as (keyof Prompts)[];
  const choices = await Promise.all(
    keys.map((key) => deps.experiments?.choose(llm.prompts[key].id, request) ?? null),
  );
  const served: ServedVariant[] = [];
  const shadowServed: ServedVariant[] = [];
  const prompts = { ...llm.prompts };
  const shadowPrompts = { ...llm.prompts };
  keys.forEach((key, i) => {
    const choice: PromptChoice | null = choices[i] ?? null;
    if (!choice) return;
    prompts[key] = choice.template;
    shadowPrompts[key] = choice.shadow?.template ?? choice.template;
    if (choice.experimenting || choice.template.version !== llm.prompts[key].version)
      served.push(choice.served);
    if (choice.shadow) shadowServed.push(choice.shadow.variant);
  });
  return {
    deps: withPrompts(deps, llm, prompts),
    served: unique(served),
    shadow:
      shadowServed.length > 0
        ? { deps: withPrompts(deps, llm, shadowPrompts), served: unique(shadowServed) }
        : null,
  };
}

/** Two prompt keys may name one task (none do today); a variant is listed once. */
function unique(variants: ServedVariant[]): ServedVariant[] {
  const seen = new Set<string>();
  return variants.filter((v) => {
    const key = `${v.task}@${v.version}:${v.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
