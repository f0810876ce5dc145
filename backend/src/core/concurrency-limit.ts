// A concurrency limit (a counting semaphore): bounds how many sockets or tasks run at once, globally and per host.
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A limiter with a second way in: `first` waits under the same bound, but ahead of every queued task. */
export interface QueueingLimiter extends Limiter {
  readonly first: Limiter;
}

export function createLimiter(concurrency: number): QueueingLimiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be a positive integer');
  let active = 0;
  const urgent: Array<() => void> = [];
  const queue: Array<() => void> = [];
  // A finishing task hands its slot straight to the next waiter (urgent ones first), so no
  // newcomer can slip in between and exceed the bound.
  const release = (): void => {
    const next = urgent.shift() ?? queue.shift();
    if (next) next();
    else active -= 1;
  };
  const enter = (line: Array<() => void>): Limiter => async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((resolve) => line.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
  return Object.assign(enter(queue), { first: enter(urgent) });
}

/** Runs `worker` over `items` with at most `concurrency` in flight; results keep input order. */
export async function mapLimit<T, R>(items: readonly T[], concurrency: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = createLimiter(concurrency);
  return Promise.all(items.map((item, index) => limit(() => worker(item, index))));
}
