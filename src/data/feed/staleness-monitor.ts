import type { Clock } from '../../core/clock.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/** A change of an instrument's freshness, from {@link StalenessMonitor.check}. */
export interface StalenessChange {
  readonly instrumentId: InstrumentId;
  readonly stale: boolean;
  /** µs since its last message (at the check). */
  readonly ageUs: number;
}

/**
 * Heartbeat per instrument: when did we last hear of it, and is that too long ago? Time comes
 * from the injected clock, so a test drives staleness with a TestClock. An instrument becomes
 * watched when subscribed (so one that never sends anything turns stale too).
 */
export class StalenessMonitor {
  readonly #lastSeen = new Map<InstrumentId, number>();
  readonly #stale = new Set<InstrumentId>();

  constructor(
    private readonly clock: Clock,
    /** An instrument silent longer than this is stale. */
    readonly staleAfterUs: number,
  ) {
    if (!(staleAfterUs > 0)) throw new RangeError('staleAfterUs must be > 0');
  }

  /** Starts watching an instrument (its silence counts from now). */
  watch(id: InstrumentId): void {
    if (!this.#lastSeen.has(id)) this.#lastSeen.set(id, this.clock.timestampUs());
  }

  unwatch(id: InstrumentId): void {
    this.#lastSeen.delete(id);
    this.#stale.delete(id);
  }

  /** Records a message of `id` received at `tsInit`. */
  seen(id: InstrumentId, tsInit: number): void {
    this.#lastSeen.set(id, tsInit);
  }

  /** µs since the last message of `id` (undefined if not watched). */
  ageUs(id: InstrumentId): number | undefined {
    const last = this.#lastSeen.get(id);
    return last === undefined ? undefined : this.clock.timestampUs() - last;
  }

  /** Watched instruments with their ages, in watch order. */
  ages(): Map<InstrumentId, number> {
    const now = this.clock.timestampUs();
    return new Map([...this.#lastSeen].map(([id, last]) => [id, now - last]));
  }

  isStale(id: InstrumentId): boolean {
    return this.#stale.has(id);
  }

  get staleInstruments(): InstrumentId[] {
    return [...this.#stale];
  }

  /** Re-evaluates every instrument; returns those that turned stale or fresh since the last check. */
  check(): StalenessChange[] {
    const now = this.clock.timestampUs();
    const changes: StalenessChange[] = [];
    for (const [id, last] of this.#lastSeen) {
      const ageUs = now - last;
      const stale = ageUs > this.staleAfterUs;
      if (stale === this.#stale.has(id)) continue;
      if (stale) this.#stale.add(id);
      else this.#stale.delete(id);
      changes.push({ instrumentId: id, stale, ageUs });
    }
    return changes;
  }
}
