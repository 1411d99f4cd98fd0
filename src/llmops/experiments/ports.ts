import type { PromptTemplate } from '../prompt-template.ts';
import type { LabelEvent } from './labels.ts';

/** Which version of a task served an answer, and as which label. */
export interface ServedVariant {
  task: string;
  version: string;
  label: 'production' | 'canary' | 'shadow';
}

/**
 * The append-only history of label moves, shared by every replica (Redis in production).
 * `append` adds the event only while the history still has `expectedLength` events, so two
 * people moving the same task's labels at once cannot both act on a stale view.
 */
export interface PromptLabelStore {
  /** The events in order, and the list's length (entries that fail to parse are not events). */
  history(task: string): Promise<{ events: LabelEvent[]; length: number }>;
  append(event: LabelEvent, expectedLength: number): Promise<boolean>;
}

/** One prompt chosen for one request: what serves it, and the shadow candidate if sampled. */
export interface PromptChoice {
  served: ServedVariant;
  template: PromptTemplate;
  shadow: { variant: ServedVariant; template: PromptTemplate } | null;
  /** A canary or shadow runs on this task: the answer records which variant served it. */
  experimenting: boolean;
}

/**
 * Picks, per request, the version of each task's prompt: production, a sticky canary by the
 * user, and a shadow on a sample of requests. Null for a task nobody experiments on and whose
 * production label never moved (the composed template then serves).
 */
export interface PromptExperiments {
  choose(task: string, input: { userKey: string; requestId: string }): Promise<PromptChoice | null>;
}
