import { createHash } from 'node:crypto';
import type { TaskLabels } from './labels.ts';
import type { ServedVariant } from './ports.ts';

/** Buckets per 100%: weights resolve to a hundredth of a percent. */
const BUCKETS = 10_000;

/** A stable bucket in [0, 10000) for a key: the first 4 bytes of its sha256. */
export function bucketOf(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0) % BUCKETS;
}

/**
 * The variant a user gets for a task: sticky (the same user and task always land in the same
 * bucket, on every replica), and the canary's share of buckets is its weight. The task is part
 * of the key, so one user is not in every canary at once.
 */
export function assignVariant(labels: TaskLabels, userKey: string): ServedVariant {
  const { task, canary } = labels;
  if (canary && bucketOf(`${task}\u0000${userKey}`) < (canary.weightPct / 100) * BUCKETS)
    return { task, version: canary.version, label: 'canary' };
  return { task, version: labels.production, label: 'production' };
}

/**
 * Whether this request also runs the shadow candidate: a sample of requests (not users) by the
 * answer id, so every user contributes and the choice is reproducible from the record.
 */
export function shadowVariant(labels: TaskLabels, requestId: string): ServedVariant | null {
  const { task, shadow } = labels;
  if (!shadow || bucketOf(`shadow\u0000${task}\u0000${requestId}`) >= (shadow.weightPct / 100) * BUCKETS)
    return null;
  return { task, version: shadow.version, label: 'shadow' };
}
