/**
 * A bounded in-process work queue: at most `concurrency` tasks run at once, at most `maxQueued`
 * wait, and an offer beyond that is refused at once, so the caller can say "busy" instead of
 * letting memory and latency grow. No I/O; tasks start on a microtask, never inside `offer`,
 * so a caller's own reply (Slack's ack) always goes out before the work begins.
 */
export interface WorkQueueLimits {
  concurrency: number;
  maxQueued: number;
}

/** `ahead`: how many admitted tasks must finish before this one starts. */
export type Admission = { accepted: true; ahead: number } | { accepted: false };

export interface WorkQueue {
  /** Admits a task (run later, its rejection reported to `onTaskError`) or refuses it when full. */
  offer(task: () => Promise<void>): Admission;
  /** Tasks running and waiting right now. */
  stats(): { running: number; queued: number };
  /** Refuses new offers and resolves once every admitted task has finished. */
  drain(): Promise<void>;
}

export function createWorkQueue(
  limits: WorkQueueLimits,
  onTaskError: (error: unknown) => void = () => undefined,
): WorkQueue {
  if (!Number.isInteger(limits.concurrency) || limits.concurrency < 1)
    throw new RangeError('concurrency must be a positive integer');
  if (!Number.isInteger(limits.maxQueued) || limits.maxQueued < 0)
    throw new RangeError('maxQueued must be a non-negative integer');
  const waiting: (() => Promise<void>)[] = [];
  const idleWaiters: (() => void)[] = [];
  let running = 0;
  let draining = false;

  const settleIdle = () => {
    if (running > 0 || waiting.length > 0) return;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };
  const pump = () => {
    while (running < limits.concurrency && waiting.length > 0) {
      const task = waiting.shift() as () => Promise<void>;
      running += 1;
      // A task that throws synchronously is reported like one that rejects.
      Promise.resolve()
        .then(task)
        .catch(onTaskError)
        .finally(() => {
          running -= 1;
          pump();
          settleIdle();
        });
    }
  };

  return {
    offer(task) {
      // Free slots count as queue room: a task only waits when every slot is busy.
      if (draining || running + waiting.length >= limits.concurrency + limits.maxQueued) {
        return { accepted: false };
      }
      // Tasks that must finish before this one gets a slot.
      const ahead = Math.max(0, running + waiting.length - limits.concurrency + 1);
      waiting.push(task);
      queueMicrotask(pump);
      return { accepted: true, ahead };
    },
    stats: () => ({ running, queued: waiting.length }),
    drain() {
      draining = true;
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}
