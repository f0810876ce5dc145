// The on-disk outbox: every message waits here until the broker acknowledged it (QoS 1 PUBACK), so
// nothing is lost while the broker is away or the box restarts. One JSON file in the data directory,
// mode 0600, written atomically (temp file + rename). Bounded: a retained topic keeps only its
// newest message (an older state is worthless), and beyond the caps the oldest events go first.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ChainedJsonFile } from './chained-file.js';

export interface OutboxMessage {
  id: string;
  topic: string;
  payload: string;
  retain: boolean;
}

export const OUTBOX_LIMITS = { messages: 5000, bytes: 8 * 1024 * 1024 } as const;

export class Outbox {
  #messages: OutboxMessage[] = [];
  #bytes = 0;
  #dropped = 0;
  readonly #disk: ChainedJsonFile;

  private constructor(readonly file: string, private readonly limits: { messages: number; bytes: number }) {
    this.#disk = new ChainedJsonFile(file, () => this.#messages);
  }

  /** Opens the outbox; an unreadable file starts it empty (what it held is logged by the caller as lost). */
  static async open(file: string, limits: { messages: number; bytes: number } = OUTBOX_LIMITS): Promise<{ outbox: Outbox; unreadable: boolean }> {
    const outbox = new Outbox(file, limits);
    let unreadable = false;
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '[]' : null));
    try {
      const parsed = JSON.parse(text ?? '') as unknown;
      if (!Array.isArray(parsed)) throw new Error('not a list');
      for (const m of parsed as OutboxMessage[]) {
        if (typeof m?.topic === 'string' && typeof m.payload === 'string' && typeof m.retain === 'boolean') outbox.#push({ id: String(m.id ?? randomUUID()), topic: m.topic, payload: m.payload, retain: m.retain });
      }
    } catch {
      unreadable = true;
    }
    return { outbox, unreadable };
  }

  get size(): number { return this.#messages.length; }
  get bytes(): number { return this.#bytes; }
  /** Messages dropped because the outbox was full (oldest events first), since it was opened. */
  get dropped(): number { return this.#dropped; }
  peek(): OutboxMessage | undefined { return this.#messages[0]; }

  add(topic: string, payload: string, retain: boolean): void {
    if (retain) this.#remove((m) => m.retain && m.topic === topic);
    this.#push({ id: randomUUID(), topic, payload, retain });
    while (this.#messages.length > this.limits.messages || this.#bytes > this.limits.bytes) {
      const oldestEvent = this.#messages.findIndex((m) => !m.retain);
      this.#removeAt(oldestEvent === -1 ? 0 : oldestEvent);
      this.#dropped += 1;
    }
    this.#disk.save();
  }

  /** The broker acknowledged this message: it leaves the outbox. False if a newer message of its retained topic had already replaced it. */
  acknowledged(id: string): boolean {
    if (this.#remove((m) => m.id === id) === 0) return false;
    this.#disk.save();
    return true;
  }

  /** Resolves once the outbox as it is now is on disk. */
  async flush(): Promise<void> {
    await this.#disk.flush();
  }

  #push(message: OutboxMessage): void {
    this.#messages.push(message);
    this.#bytes += message.topic.length + message.payload.length;
  }

  #removeAt(index: number): void {
    const [gone] = this.#messages.splice(index, 1);
    if (gone) this.#bytes -= gone.topic.length + gone.payload.length;
  }

  #remove(match: (m: OutboxMessage) => boolean): number {
    let removed = 0;
    for (let i = this.#messages.length - 1; i >= 0; i -= 1) {
      if (match(this.#messages[i]!)) { this.#removeAt(i); removed += 1; }
    }
    return removed;
  }
}
