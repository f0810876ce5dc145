// One lowdb instance per file, with debounced writes: many updates during a scan become one
// atomic write (steno: temp file + rename), and flush() forces it on shutdown.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

export class JsonStore<T extends object> {
  readonly #db: Low<T>;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | null = null;
  /** Called when a background (debounced) write fails; the next write retries with the latest data. */
  onError: (error: unknown) => void = (error) => process.stderr.write(`mamori: storage write failed: ${String(error)}\n`);
  #pending: Promise<void> = Promise.resolve();

  private constructor(db: Low<T>, delayMs: number) {
    this.#db = db;
    this.#delayMs = delayMs;
  }

  /** Opens (or creates) the file. Uses JSONFile directly: JSONFilePreset silently switches to memory under NODE_ENV=test. */
  static async open<T extends object>(file: string, defaults: T, delayMs = 250): Promise<JsonStore<T>> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const db = new Low<T>(new JSONFile<T>(file), structuredClone(defaults));
    await db.read();
    db.data = { ...structuredClone(defaults), ...db.data };
    return new JsonStore(db, delayMs);
  }

  get data(): T {
    return this.#db.data;
  }

  /** Applies a change now, writes it soon. */
  update(change: (data: T) => void): void {
    change(this.#db.data);
    this.#schedule();
  }

  /** Applies a change and resolves once it is on disk (for changes that must survive a crash). */
  async updateNow(change: (data: T) => void): Promise<void> {
    change(this.#db.data);
    await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    // A failed write must not block the ones after it: chain on the settled promise.
    const write = this.#pending.catch(() => undefined).then(() => this.#db.write());
    this.#pending = write;
    await write;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush().catch((error: unknown) => this.onError(error));
    }, this.#delayMs);
  }
}
