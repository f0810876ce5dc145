// Starts several test servers or daemons at once; if one fails, the others are stopped before
// the error is thrown (a plain Promise.all would leave them running with nobody to stop them).
type Stoppable = { stop(): Promise<void> } | { close(): Promise<void> };

async function release(item: Stoppable): Promise<void> {
  await ('stop' in item ? item.stop() : item.close()).catch(() => undefined);
}

export async function startAll<T extends readonly Stoppable[]>(...starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? release(s.value as Stoppable) : undefined)));
    throw failure.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<Stoppable>).value) as unknown as T;
}
