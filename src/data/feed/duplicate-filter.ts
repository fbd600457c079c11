import type { InstrumentId } from '../../model/identifiers/instrument-id.js';

/**
 * Suppresses trades seen before, by trade id per instrument. Venues resend trades after a
 * reconnect (and ccxt's watchTrades returns overlapping arrays), so the same id can arrive twice.
 * Memory is bounded: each instrument remembers its last `capacity` accepted ids, which covers any
 * realistic resend window. An id is accepted iff it is not among them.
 *
 * Most venues number trades with increasing integers, so the common case has a fast path: an id
 * that is a canonical decimal integer (`0` or no leading zero, at most 15 digits: exact as a
 * number) above the largest accepted so far cannot be a repeat, and is accepted without hashing
 * the string (a number goes into a ring instead). Every other id (out of order, resent, not
 * numeric) is checked exactly against the window: in a set of strings and, when numeric, among
 * the fast-path ids.
 */
export class DuplicateFilter {
  readonly #windows = new Map<InstrumentId, IdWindow>();

  constructor(private readonly capacity = 10_000) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
  }

  /** True the first time `(id, tradeId)` is seen (within the window), false for a duplicate. */
  accept(id: InstrumentId, tradeId: string): boolean {
    let window = this.#windows.get(id);
    if (window === undefined) {
      window = new IdWindow(this.capacity);
      this.#windows.set(id, window);
    }
    return window.add(tradeId);
  }

  /** Ids remembered for an instrument (≤ capacity). */
  size(id: InstrumentId): number {
    return this.#windows.get(id)?.size ?? 0;
  }
}

/**
 * The last `capacity` accepted ids of one instrument. A ring holds them in acceptance order, for
 * eviction: the id itself for the ids also kept in the set, `null` for a fast-path id. The
 * fast-path ids are kept as numbers in a second, growable ring of their own; they increase, so
 * the oldest is at its front (the one a `null` leaving the main ring stands for) and a lookup is
 * a bisection.
 */
class IdWindow {
  /** `undefined`: empty slot; `null`: a fast-path id; a string: an id in `#set`. */
  readonly #ring: (string | null | undefined)[];
  #head = 0;
  readonly #set = new Set<string>();
  /** The largest fast-path id accepted (−1 before any); only ever grows. */
  #max = -1;
  /** Fast-path ids, oldest at `#fastHead`; the length is a power of two (index by mask). */
  #fast = new Float64Array(8);
  #fastHead = 0;
  #fastCount = 0;

  constructor(capacity: number) {
    this.#ring = new Array<string | null | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.#set.size + this.#fastCount;
  }

  add(tradeId: string): boolean {
    const n = canonicalInteger(tradeId);
    const fast = n > this.#max; // above every id accepted so far, so not in the window (n = −1 never is)
    if (!fast && (this.#set.has(tradeId) || (n >= 0 && this.#hasFast(n)))) return false;
    const ring = this.#ring;
    const evicted = ring[this.#head];
    if (evicted === null) {
      this.#fastHead = (this.#fastHead + 1) & (this.#fast.length - 1);
      this.#fastCount--;
    } else if (evicted !== undefined) this.#set.delete(evicted);
    if (fast) {
      this.#max = n;
      ring[this.#head] = null;
      if (this.#fastCount === this.#fast.length) this.#grow();
      this.#fast[(this.#fastHead + this.#fastCount) & (this.#fast.length - 1)] = n;
      this.#fastCount++;
    } else {
      ring[this.#head] = tradeId;
      this.#set.add(tradeId);
    }
    if (++this.#head === ring.length) this.#head = 0;
    return true;
  }

  /** Doubles the fast-path ring (it never holds more than the window's capacity). */
  #grow(): void {
    const old = this.#fast;
    const mask = old.length - 1;
    const next = new Float64Array(old.length * 2);
    for (let i = 0; i < this.#fastCount; i++) next[i] = old[(this.#fastHead + i) & mask];
    this.#fast = next;
    this.#fastHead = 0;
  }

  /** Whether `n` is among the fast-path ids in the window (bisection: they increase). */
  #hasFast(n: number): boolean {
    const fast = this.#fast;
    const mask = fast.length - 1;
    let lo = 0;
    let hi = this.#fastCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = fast[(this.#fastHead + mid) & mask];
      if (v === n) return true;
      if (v < n) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * The value of a canonical decimal integer id (`0`, or digits without a leading zero, at most 15
 * of them so the number is exact), or −1 for any other string. Canonical only: `007` and `7` are
 * different ids and must not meet as the same number.
 */
function canonicalInteger(text: string): number {
  const length = text.length;
  if (length === 0 || length > 15) return -1;
  let value = text.charCodeAt(0) - 48;
  if (value < 0 || value > 9 || (value === 0 && length > 1)) return -1;
  for (let i = 1; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
