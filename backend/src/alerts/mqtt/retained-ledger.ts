// The retained topics Mamori holds on its broker: every topic it queued a retained message for, until
// the broker acknowledged the empty retained message that deletes it. The publisher compares this
// ledger with what the inventory and settings call for now (a device gone, discovery turned off, the
// site renamed) and clears the rest — also after a restart, since the ledger is a file (mode 0600,
// written atomically) beside the outbox. Only topics Mamori published are ever cleared; the ledger
// belongs to one broker address: for another broker it starts over (the old one cannot be reached).
import { readFile } from 'node:fs/promises';
import { ChainedJsonFile } from './chained-file.js';

interface LedgerFile { broker: string | null; topics: string[] }

/** A topic Mamori may clear: a concrete publish topic (no wildcard, not empty, not system). */
function isClearable(topic: unknown): topic is string {
  return typeof topic === 'string' && topic.length > 0 && topic.length <= 1024 && !/[+#]/.test(topic) && !topic.startsWith('$');
}

export class RetainedLedger {
  #broker: string | null = null;
  #topics = new Set<string>();
  readonly #disk: ChainedJsonFile;

  private constructor(readonly file: string) {
    this.#disk = new ChainedJsonFile(file, (): LedgerFile => ({ broker: this.#broker, topics: [...this.#topics] }));
  }

  /** Opens the ledger; an unreadable file starts it empty (its orphans then stay on the broker: the caller logs it). */
  static async open(file: string): Promise<{ ledger: RetainedLedger; unreadable: boolean }> {
    const ledger = new RetainedLedger(file);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '{"broker":null,"topics":[]}' : null));
    try {
      const parsed = JSON.parse(text ?? '') as Partial<LedgerFile> | null;
      if (!parsed || !Array.isArray(parsed.topics)) throw new Error('not a ledger');
      ledger.#broker = typeof parsed.broker === 'string' ? parsed.broker : null;
      for (const topic of parsed.topics) if (isClearable(topic)) ledger.#topics.add(topic);
      return { ledger, unreadable: false };
    } catch {
      return { ledger, unreadable: true };
    }
  }

  get broker(): string | null { return this.#broker; }
  topics(): string[] { return [...this.#topics]; }

  /** The broker the topics live on; another one forgets them. Returns how many were forgotten. */
  useBroker(broker: string): number {
    if (broker === this.#broker) return 0;
    const forgotten = this.#broker === null ? 0 : this.#topics.size;
    this.#broker = broker;
    this.#topics.clear();
    this.#disk.save();
    return forgotten;
  }

  /** A retained message for this topic was queued: the broker will hold it. */
  add(topic: string): void {
    if (this.#topics.has(topic) || !isClearable(topic)) return;
    this.#topics.add(topic);
    this.#disk.save();
  }

  /** The broker acknowledged the empty retained message: nothing of Mamori's is left there. */
  cleared(topic: string): void {
    if (this.#topics.delete(topic)) this.#disk.save();
  }

  async flush(): Promise<void> {
    await this.#disk.flush();
  }
}
