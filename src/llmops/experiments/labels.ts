import { z } from 'zod';
import { ScoutError } from '../../errors.ts';
import type { PromptTemplate } from '../prompt-template.ts';

/**
 * Prompt labels: `production` serves everyone not in an experiment, `canary` serves a sticky
 * share of users, `shadow` runs beside production on a sample of requests and is never posted.
 * The committed default is the front matter of prompts/<task>/<version>.md (`label: [...]`);
 * every move after that is an event in an append-only history shared by all replicas.
 */
export const LABEL_NAMES = ['production', 'canary', 'shadow'] as const;
export type LabelName = (typeof LABEL_NAMES)[number];

/** Share of users (canary) or requests (shadow) when a label names none: 10%. */
export const DEFAULT_WEIGHT_PCT = 10;

export const labelEventSchema = z.strictObject({
  task: z.string().min(1),
  label: z.enum(LABEL_NAMES),
  action: z.enum(['promote', 'rollback']),
  from: z.string().nullable(),
  /** Null: the label no longer points anywhere (a canary or shadow run ended). */
  to: z.string().nullable(),
  /** Percent of users (canary) or requests (shadow); absent for production. */
  weightPct: z.number().min(0).max(100).optional(),
  by: z.string().min(1),
  at: z.string(),
  reason: z.string(),
});
export type LabelEvent = z.infer<typeof labelEventSchema>;

export interface WeightedVersion {
  version: string;
  weightPct: number;
}

export interface TaskLabels {
  task: string;
  production: string;
  canary: WeightedVersion | null;
  shadow: WeightedVersion | null;
}

function badInput(message: string): ScoutError {
  return new ScoutError('bad_input', message, { userMessage: message });
}

/** Where each label points before any move: the front matter, production falling back to the highest version. */
function committedDefaults(task: string, templates: readonly PromptTemplate[]): TaskLabels {
  const withLabel = (label: LabelName) => templates.find((t) => t.labels.includes(label))?.version ?? null;
  const weighted = (label: LabelName) => {
    const version = withLabel(label);
    return version ? { version, weightPct: DEFAULT_WEIGHT_PCT } : null;
  };
  const highest = templates[templates.length - 1];
  if (!highest) throw badInput(`no prompt task ${task}`);
  return {
    task,
    production: withLabel('production') ?? highest.version,
    canary: weighted('canary'),
    shadow: weighted('shadow'),
  };
}

/**
 * Each label's stack of versions, oldest first: the committed default, then every promotion,
 * a rollback popping the top. Rollback therefore returns to the version before the last
 * promotion still in force, however many times it runs.
 */
function labelStacks(defaults: TaskLabels, events: readonly LabelEvent[]) {
  const stacks: Record<LabelName, (WeightedVersion | null)[]> = {
    production: [{ version: defaults.production, weightPct: 100 }],
    canary: [defaults.canary],
    shadow: [defaults.shadow],
  };
  for (const event of events) {
    const stack = stacks[event.label];
    if (event.action === 'rollback') {
      stack.pop();
      // A rollback to a named version pops down to it; a stack never empties below its default.
      while (stack.length > 1 && (stack[stack.length - 1]?.version ?? null) !== event.to) stack.pop();
    } else {
      const entry =
        event.to === null ? null : { version: event.to, weightPct: event.weightPct ?? DEFAULT_WEIGHT_PCT };
      stack.push(entry);
    }
  }
  return stacks;
}

const top = <T>(stack: readonly T[]): T => stack[stack.length - 1] as T;

/** Where each label points now: the committed default, then the history in order. */
export function labelsOf(
  task: string,
  templates: readonly PromptTemplate[],
  events: readonly LabelEvent[],
): TaskLabels {
  const defaults = committedDefaults(task, templates);
  const stacks = labelStacks(defaults, events);
  return {
    task,
    production: top(stacks.production)?.version ?? defaults.production,
    canary: top(stacks.canary),
    shadow: top(stacks.shadow),
  };
}

export interface MoveRequest {
  task: string;
  label: LabelName;
  /** Promote: the version; rollback: optional, an earlier version of that label. */
  version?: string;
  weightPct?: number;
  by: string;
  reason: string;
  at: Date;
}

function current(labels: TaskLabels, label: LabelName): string | null {
  return label === 'production' ? labels.production : (labels[label]?.version ?? null);
}

/** The event that promotes `version` to `label`; refuses a version the task does not have. */
export function promotion(
  templates: readonly PromptTemplate[],
  events: readonly LabelEvent[],
  request: MoveRequest,
): LabelEvent {
  const { task, label, version } = request;
  if (!version || !templates.some((t) => t.version === version))
    throw badInput(`prompt ${task} has no version ${version ?? '(none given)'}`);
  if (label === 'production' && request.weightPct !== undefined)
    throw badInput('production serves everyone not in an experiment: --weight is for canary or shadow');
  const labels = labelsOf(task, templates, events);
  if (label !== 'production' && version === labels.production)
    throw badInput(`prompt ${task} ${version} is already production; a ${label} needs another version`);
  return {
    task,
    label,
    action: 'promote',
    from: current(labels, label),
    to: version,
    ...(label === 'production' ? {} : { weightPct: request.weightPct ?? DEFAULT_WEIGHT_PCT }),
    by: request.by,
    at: request.at.toISOString(),
    reason: request.reason,
  };
}

/** The event that moves `label` back to its previous version (or to the named earlier one). */
export function rollback(
  templates: readonly PromptTemplate[],
  events: readonly LabelEvent[],
  request: MoveRequest,
): LabelEvent {
  const { task, label, version } = request;
  const labels = labelsOf(task, templates, events);
  const stack = labelStacks(committedDefaults(task, templates), events)[label];
  const earlier = stack.slice(0, -1).map((entry) => entry?.version ?? null);
  if (earlier.length === 0) throw badInput(`prompt ${task} has no earlier ${label} version to roll back to`);
  const to = version === undefined ? (earlier[earlier.length - 1] ?? null) : version;
  if (version !== undefined && !earlier.includes(version))
    throw badInput(`prompt ${task} ${version} was never ${label} before the current one`);
  return {
    task,
    label,
    action: 'rollback',
    from: current(labels, label),
    to,
    by: request.by,
    at: request.at.toISOString(),
    reason: request.reason,
  };
}
