import { ScoutError } from '../../errors.ts';
import type { PromptRegistry } from '../prompt-registry.ts';
import type { PromptTemplate } from '../prompt-template.ts';
import { assignVariant, shadowVariant } from './assign.ts';
import {
  type LabelEvent,
  labelsOf,
  type MoveRequest,
  promotion,
  rollback,
  type TaskLabels,
} from './labels.ts';
import type { PromptExperiments, PromptLabelStore } from './ports.ts';

export interface PromptLabelDeps {
  registry: PromptRegistry;
  store: PromptLabelStore;
}

function templatesOf(registry: PromptRegistry, task: string): PromptTemplate[] {
  const templates = registry.list().filter((t) => t.id === task);
  if (templates.length === 0) {
    const message = `no prompt task ${task} (see scout prompts list)`;
    throw new ScoutError('bad_input', message, { userMessage: message });
  }
  return templates;
}

/** Every task with where its labels point now. */
export async function listLabels(deps: PromptLabelDeps): Promise<TaskLabels[]> {
  const tasks = [...new Set(deps.registry.list().map((t) => t.id))];
  return Promise.all(
    tasks.map(async (task) =>
      labelsOf(task, templatesOf(deps.registry, task), (await deps.store.history(task)).events),
    ),
  );
}

/** A task's label history, oldest first. */
export async function labelHistory(deps: PromptLabelDeps, task: string): Promise<LabelEvent[]> {
  templatesOf(deps.registry, task);
  return (await deps.store.history(task)).events;
}

/**
 * Promotes or rolls back one label and appends the move to the history. Refused when somebody
 * else moved a label of the task between the read and the write (say so; run it again).
 */
export async function moveLabel(
  deps: PromptLabelDeps,
  kind: 'promote' | 'rollback',
  request: MoveRequest,
): Promise<LabelEvent> {
  const templates = templatesOf(deps.registry, request.task);
  const { events, length } = await deps.store.history(request.task);
  const event = (kind === 'promote' ? promotion : rollback)(templates, events, request);
  if (!(await deps.store.append(event, length))) {
    const message = `the labels of ${request.task} moved meanwhile; look at scout prompts list and try again`;
    throw new ScoutError('bad_input', message, { userMessage: message, retryable: true });
  }
  return event;
}

/**
 * Experiments from the shared label history. Labels are read at most every `cacheMs` per
 * task, so a promotion reaches every replica within that time without a read per question.
 * When the store cannot be read, the task is served by its composed (front-matter) prompt.
 */
export function createPromptExperiments(
  deps: PromptLabelDeps & { now: () => number; cacheMs: number; onError?: (error: unknown) => void },
): PromptExperiments {
  const cache = new Map<string, { at: number; labels: Promise<TaskLabels> }>();
  const labelsFor = (task: string): Promise<TaskLabels> => {
    const hit = cache.get(task);
    if (hit && deps.now() - hit.at < deps.cacheMs) return hit.labels;
    const labels = deps.store
      .history(task)
      .then(({ events }) => labelsOf(task, templatesOf(deps.registry, task), events));
    cache.set(task, { at: deps.now(), labels });
    labels.catch(() => cache.delete(task));
    return labels;
  };
  return {
    async choose(task, { userKey, requestId }) {
      let labels: TaskLabels;
      try {
        labels = await labelsFor(task);
      } catch (error) {
        deps.onError?.(error);
        return null;
      }
      const served = assignVariant(labels, userKey);
      const shadow = shadowVariant(labels, requestId);
      return {
        served,
        template: deps.registry.get(task, served.version),
        shadow: shadow ? { variant: shadow, template: deps.registry.get(task, shadow.version) } : null,
        experimenting: labels.canary !== null || labels.shadow !== null,
      };
    },
  };
}
