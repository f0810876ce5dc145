import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../backend/src/core/concurrency-limit.js';

/** A task that runs until its `finish` is called, recording when it started. */
function gate(started: string[], name: string): { task: () => Promise<string>; finish: () => void } {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  return { task: async () => { started.push(name); await done; return name; }, finish };
}

describe('createLimiter', () => {
  it('lets a `first` task in ahead of every queued one, under the same bound', async () => {
    const limit = createLimiter(2);
    const started: string[] = [];
    const a = gate(started, 'a');
    const b = gate(started, 'b');
    const q1 = gate(started, 'q1');
    const q2 = gate(started, 'q2');
    const urgent = gate(started, 'urgent');
    const all = [limit(a.task), limit(b.task), limit(q1.task), limit(q2.task), limit.first(urgent.task)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b']); // the bound holds for the urgent task too
    a.finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a', 'b', 'urgent']); // the freed slot goes to it, not to q1
    b.finish();
    urgent.finish();
    q1.finish();
    q2.finish();
    expect(await Promise.all(all)).toEqual(['a', 'b', 'q1', 'q2', 'urgent']);
    expect(started).toEqual(['a', 'b', 'urgent', 'q1', 'q2']);
  });

  it('never runs more than its bound, whichever way tasks come in', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      // A newcomer while slots are being handed on: it must queue, not slip in.
      void limit(task2);
    };
    const task2 = async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? limit(task) : limit.first(task))));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(peak).toBe(3);
  });
});
