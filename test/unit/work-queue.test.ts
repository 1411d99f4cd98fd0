import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../src/domain/work-queue.ts';

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('work queue', () => {
  it('runs at most `concurrency` tasks, queues up to `maxQueued`, and refuses the rest', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 1 });
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const admissions = [0, 1, 2, 3].map((i) =>
      queue.offer(async () => {
        started.push(i);
        await gates[i]?.opened;
      }),
    );
    expect(admissions).toEqual([
      { accepted: true, ahead: 0 },
      { accepted: true, ahead: 0 },
      { accepted: true, ahead: 1 },
      { accepted: false },
    ]);
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.stats()).toEqual({ running: 2, queued: 1 });
    gates[0]?.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.open();
    gates[2]?.open();
    await queue.drain();
    expect(queue.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('never starts a task inside offer', () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 0 });
    let ran = false;
    queue.offer(async () => {
      ran = true;
    });
    expect(ran).toBe(false);
  });

  it('reports a failing task and frees its slot', async () => {
    const errors: unknown[] = [];
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 0 }, (error) => errors.push(error));
    queue.offer(() => Promise.reject(new Error('boom')));
    await tick();
    expect(errors).toHaveLength(1);
    expect(queue.offer(async () => undefined)).toEqual({ accepted: true, ahead: 0 });
  });

  it('drain waits for admitted tasks and refuses new ones', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 5 });
    const g = gate();
    let finished = 0;
    queue.offer(async () => {
      await g.opened;
      finished += 1;
    });
    queue.offer(async () => {
      finished += 1;
    });
    let drained = false;
    const draining = queue.drain().then(() => {
      drained = true;
    });
    expect(queue.offer(async () => undefined)).toEqual({ accepted: false });
    await tick();
    expect(drained).toBe(false);
    g.open();
    await draining;
    expect(finished).toBe(2);
  });
});
