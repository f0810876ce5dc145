// A small JSON file rewritten whole after changes (the outbox, the retained-topic ledger): writes
// are chained, one at a time, each atomic (temp file + rename, mode 0600), and changes that come
// while one is waiting share it — the last write always holds the newest contents.
import { rename, writeFile } from 'node:fs/promises';

export class ChainedJsonFile {
  #writing: Promise<void> = Promise.resolve();
  #dirty = false;

  /** `contents` is read when the write runs, not when it is asked for. */
  constructor(readonly file: string, private readonly contents: () => unknown) {}

  /** Asks for a write; a failed one is retried by the next change (the data is still in memory). */
  save(): void {
    if (this.#dirty) return;
    this.#dirty = true;
    this.#writing = this.#writing.then(async () => {
      this.#dirty = false;
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(this.contents()), { mode: 0o600 });
      await rename(temp, this.file);
    }).catch(() => { /* the next change writes again */ });
  }

  /** Writes now and resolves once it is on disk (or failed). */
  async flush(): Promise<void> {
    this.save();
    await this.#writing;
  }
}
