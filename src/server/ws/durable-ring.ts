/**
 * The last N durable stream messages, by seq, for clients resuming after a reconnect. Seqs are
 * assigned here, one after another from 1, so the entry of a seq is found by arithmetic.
 */
export interface DurableEntry {
  readonly seq: number;
  readonly topic: string;
  /** The serialized message, as sent. */
  readonly text: string;
}

export class DurableRing {
  readonly capacity: number;
  readonly #entries: (DurableEntry | undefined)[];
  #lastSeq = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity ${capacity}`);
    this.capacity = capacity;
    this.#entries = new Array<DurableEntry | undefined>(capacity);
  }

  /** The latest seq assigned (0 before the first). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The oldest seq still kept (lastSeq + 1 when empty). */
  get oldestSeq(): number {
    return Math.max(1, this.#lastSeq - this.capacity + 1);
  }

  /** The seq the next {@link append} assigns. */
  get nextSeq(): number {
    return this.#lastSeq + 1;
  }

  /** Stores the message of the next seq (the caller built `text` with {@link nextSeq}). */
  append(topic: string, text: string): DurableEntry {
    const seq = ++this.#lastSeq;
    const entry = { seq, topic, text };
    this.#entries[seq % this.capacity] = entry;
    return entry;
  }

  /**
   * The kept entries after `seq`, oldest first, and whether some after it are no longer kept
   * (`gap`). A seq beyond the last one cannot come from this ring's run: also a gap.
   */
  after(seq: number): { entries: DurableEntry[]; gap: boolean } {
    if (seq > this.#lastSeq) return { entries: [], gap: true };
    const from = Math.max(seq + 1, this.oldestSeq);
    const entries: DurableEntry[] = [];
    for (let s = from; s <= this.#lastSeq; s++) entries.push(this.#entries[s % this.capacity]!);
    return { entries, gap: from > seq + 1 };
  }
}
