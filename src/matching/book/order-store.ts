/**
 * The fast book's orders, as columns of typed arrays indexed by a slot number (struct of
 * arrays): no object per order, no garbage per order, and a resting order costs ~120 bytes.
 * Slots of orders that left the book are reused (a free stack). The price-level queues are
 * doubly linked lists threaded through `next`/`prev`.
 */
export class OrderStore {
  capacity: number;
  id!: Float64Array;
  price!: Float64Array;
  quantity!: Float64Array;
  filled!: Float64Array;
  /** quantity − filled. */
  open!: Float64Array;
  /** Shown slice: `open` for plain orders, the iceberg's current slice, 0 when hidden. */
  displayed!: Float64Array;
  /** Iceberg slice size; 0 for other orders. */
  displayQuantity!: Float64Array;
  owner!: Float64Array;
  /** Acceptance sequence number (cancel-all goes oldest first). */
  seq!: Float64Array;
  /** Expiry time in µs; Infinity when none. */
  expireTime!: Float64Array;
  /** 0 buy, 1 sell. */
  side!: Uint8Array;
  /** Index into BOOK_ORDER_TYPES. */
  type!: Uint8Array;
  /** Index into TIME_IN_FORCES. */
  timeInForce!: Uint8Array;
  /** Index into STP_MODES. */
  selfTradePrevention!: Uint8Array;
  /** Bit set of ORDER_FLAG values. */
  flags!: Uint8Array;
  next!: Int32Array;
  prev!: Int32Array;
  /** Price level holding the order; −1 when not resting (conditional, in flight). */
  level!: Int32Array;
  #free: Int32Array;
  #freeCount = 0;
  #used = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = 0;
    this.#free = new Int32Array(0);
    this.#grow(initialCapacity);
  }

  /** A slot for a new order (its columns hold stale values: the caller sets every one). */
  allocate(): number {
    if (this.#freeCount > 0) return this.#free[--this.#freeCount];
    if (this.#used === this.capacity) this.#grow(this.capacity * 2);
    return this.#used++;
  }

  release(slot: number): void {
    this.id[slot] = 0;
    this.level[slot] = -1;
    this.#free[this.#freeCount++] = slot;
  }

  /** Slots in use (live orders). */
  get size(): number {
    return this.#used - this.#freeCount;
  }

  #grow(capacity: number): void {
    const old = this.capacity;
    const f64 = (a: Float64Array | undefined) => {
      const b = new Float64Array(capacity);
      if (a) b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array | undefined) => {
      const b = new Uint8Array(capacity);
      if (a) b.set(a);
      return b;
    };
    const i32 = (a: Int32Array | undefined) => {
      const b = new Int32Array(capacity);
      if (a) b.set(a);
      return b;
    };
    this.id = f64(this.id);
    this.price = f64(this.price);
    this.quantity = f64(this.quantity);
    this.filled = f64(this.filled);
    this.open = f64(this.open);
    this.displayed = f64(this.displayed);
    this.displayQuantity = f64(this.displayQuantity);
    this.owner = f64(this.owner);
    this.seq = f64(this.seq);
    this.expireTime = f64(this.expireTime);
    this.side = u8(this.side);
    this.type = u8(this.type);
    this.timeInForce = u8(this.timeInForce);
    this.selfTradePrevention = u8(this.selfTradePrevention);
    this.flags = u8(this.flags);
    this.next = i32(this.next);
    this.prev = i32(this.prev);
    this.level = i32(this.level);
    const free = new Int32Array(capacity);
    free.set(this.#free.subarray(0, this.#freeCount));
    this.#free = free;
    this.level.fill(-1, old);
    this.capacity = capacity;
  }
}

/** Bits of `OrderStore.flags`. */
export const ORDER_FLAG = {
  HIDDEN: 1,
  POST_ONLY: 2,
  REDUCE_ONLY: 4,
  /** A conditional order (any STOP/IF_TOUCHED/TRAILING type). */
  CONDITIONAL: 8,
  /** A conditional order whose condition held. */
  TRIGGERED: 16,
  /** Has a limit price (LIMIT-like, or a triggered trailing stop limit). */
  HAS_PRICE: 32,
} as const;

/**
 * Order ids → slots. Ids below 2^24 (the usual case: counters) index a typed array directly;
 * larger ones go through a Map. Each entry also remembers ids that were seen but are no longer
 * live, for duplicate detection: 0 never seen, −1 seen and gone, slot + 1 live.
 */
export class OrderIndex {
  static readonly DIRECT_LIMIT = 1 << 24;
  #direct = new Int32Array(1024);
  #sparse = new Map<number, number>();

  /** The live slot of `id`, or −1. */
  slotOf(id: number): number {
    const v =
      id < OrderIndex.DIRECT_LIMIT
        ? id < this.#direct.length
          ? this.#direct[id]
          : 0
        : (this.#sparse.get(id) ?? 0);
    return v > 0 ? v - 1 : -1;
  }

  seen(id: number): boolean {
    return id < OrderIndex.DIRECT_LIMIT
      ? id < this.#direct.length && this.#direct[id] !== 0
      : this.#sparse.has(id);
  }

  setLive(id: number, slot: number): void {
    this.#set(id, slot + 1);
  }

  setGone(id: number): void {
    this.#set(id, -1);
  }

  #set(id: number, value: number): void {
    if (id < OrderIndex.DIRECT_LIMIT) {
      if (id >= this.#direct.length) {
        let size = this.#direct.length * 2;
        while (size <= id) size *= 2;
        const grown = new Int32Array(Math.min(size, OrderIndex.DIRECT_LIMIT));
        grown.set(this.#direct);
        this.#direct = grown;
      }
      this.#direct[id] = value;
    } else {
      this.#sparse.set(id, value);
    }
  }
}
