/** Longest sample kept and logged per kind (characters). */
const SAMPLE_CHARS = 200;

/** What {@link MalformedLog} knows about one kind of bad message. */
export interface MalformedKindStats {
  readonly count: number;
  /** The first message of this kind (truncated), with why it was refused. */
  readonly sample: string;
  readonly reason: string;
}

/**
 * Counts malformed messages by kind and logs each kind once, with a sample. A venue that starts
 * sending a new field format sends it thousands of times a second: one log line per kind tells
 * the operator what broke without flooding the log; the counts go to feed health.
 */
export class MalformedLog {
  readonly #kinds = new Map<string, { count: number; sample: string; reason: string }>();
  #total = 0;

  constructor(private readonly log: (line: string) => void) {}

  record(kind: string, sample: string, reason: string): void {
    this.#total++;
    const known = this.#kinds.get(kind);
    if (known !== undefined) {
      known.count++;
      return;
    }
    const cut = sample.length > SAMPLE_CHARS ? `${sample.slice(0, SAMPLE_CHARS)}…` : sample;
    this.#kinds.set(kind, { count: 1, sample: cut, reason });
    this.log(`malformed ${kind} message skipped (${reason}); further ones are only counted: ${cut}`);
  }

  get total(): number {
    return this.#total;
  }

  byKind(): ReadonlyMap<string, MalformedKindStats> {
    return this.#kinds;
  }
}
