/**
 * The price levels of the fast book, both sides. A level holds two FIFO queues of order slots
 * (displayed, then hidden) threaded through the order store's `next`/`prev`, plus running
 * totals of what it shows. Each side keeps its non-empty levels in an array sorted so that the
 * **best level is last**: taking out the best level (the common case when a sweep empties it)
 * is a pop, and new levels usually land near the end, so inserting moves few entries.
 */
export class PriceLevels {
  // Level columns (a level is a small integer; freed levels are reused).
  price = new Float64Array(64);
  /** Head and tail of the displayed queue; −1 when empty. */
  head = new Int32Array(64);
  tail = new Int32Array(64);
  /** Head and tail of the hidden queue; −1 when empty. */
  hiddenHead = new Int32Array(64);
  hiddenTail = new Int32Array(64);
  /** Σ displayed quantity of the displayed queue. */
  shown = new Float64Array(64);
  /** Orders in the displayed queue. */
  shownOrders = new Int32Array(64);
  /** Orders in both queues. */
  orders = new Int32Array(64);
  #free: number[] = [];
  #used = 0;

  /** Per side (0 buy, 1 sell): level numbers sorted best-last, their prices, and a price index. */
  readonly sorted: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];
  readonly sortedPrice: [Float64Array, Float64Array] = [new Float64Array(64), new Float64Array(64)];
  readonly count: [number, number] = [0, 0];
  /**
   * Price → level + 1 (0: none), per side, over a window of prices `[#base, #base + length)`:
   * a typed-array lookup instead of a Map (whose lookups and rehashing showed in the replay
   * profile). The window grows to cover new prices while it spans at most MAX_WINDOW ticks;
   * prices beyond that go to `#far`.
   */
  readonly #window: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  readonly #base: [number, number] = [0, 0];
  readonly #far: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  static readonly MAX_WINDOW = 1 << 20;

  /** The level at `price` on `side`, or −1. */
  find(side: number, price: number): number {
    const offset = price - this.#base[side];
    const window = this.#window[side];
    if (offset >= 0 && offset < window.length) return window[offset] - 1;
    return (this.#far[side].get(price) ?? 0) - 1;
  }

  #index(side: number, price: number, value: number): void {
    let offset = price - this.#base[side];
    let window = this.#window[side];
    if (offset < 0 || offset >= window.length) {
      if (!this.#cover(side, price)) {
        if (value === 0) this.#far[side].delete(price);
        else this.#far[side].set(price, value);
        return;
      }
      offset = price - this.#base[side];
      window = this.#window[side];
    }
    window[offset] = value;
  }

  /** Grows the side's window to include `price`, keeping it centred; false if it would get too wide. */
  #cover(side: number, price: number): boolean {
    const old = this.#window[side];
    const base = this.#base[side];
    if (old.length === 0) {
      const window = new Int32Array(1024);
      this.#window[side] = window;
      this.#base[side] = price - 512;
      return true;
    }
    const low = Math.min(base, price);
    const high = Math.max(base + old.length, price + 1);
    let length = old.length * 2;
    while (length < (high - low) * 2) length *= 2;
    if (length > PriceLevels.MAX_WINDOW) return false;
    const newBase = low - Math.floor((length - (high - low)) / 2);
    const window = new Int32Array(length);
    window.set(old, base - newBase);
    this.#window[side] = window;
    this.#base[side] = newBase;
    return true;
  }

  /** The best level of `side` (any order, hidden included), or −1. */
  best(side: number): number {
    const n = this.count[side];
    return n === 0 ? -1 : this.sorted[side][n - 1];
  }

  /** Creates the (empty) level at `price` on `side` and files it in price order. */
  add(side: number, price: number): number {
    const level = this.#allocate();
    this.price[level] = price;
    this.head[level] = this.tail[level] = this.hiddenHead[level] = this.hiddenTail[level] = -1;
    this.shown[level] = 0;
    this.shownOrders[level] = this.orders[level] = 0;
    let n = this.count[side];
    if (n === this.sorted[side].length) this.#growSide(side);
    const levels = this.sorted[side];
    const prices = this.sortedPrice[side];
    // Bids ascend (best = highest = last), asks descend (best = lowest = last). Find the
    // insertion point scanning from the best end: new levels are mostly near the touch.
    const bids = side === 0;
    let i = n;
    while (i > 0 && (bids ? prices[i - 1] > price : prices[i - 1] < price)) i--;
    // Shift by hand: the few entries between here and the best end are cheaper to move than a
    // copyWithin call costs.
    for (let j = n; j > i; j--) {
      levels[j] = levels[j - 1];
      prices[j] = prices[j - 1];
    }
    levels[i] = level;
    prices[i] = price;
    this.count[side] = ++n;
    this.#index(side, price, level + 1);
    return level;
  }

  /** Removes an empty level. */
  remove(side: number, level: number): void {
    const price = this.price[level];
    const n = this.count[side];
    const levels = this.sorted[side];
    if (levels[n - 1] !== level) {
      const prices = this.sortedPrice[side];
      let i = n - 1;
      while (levels[i] !== level) i--;
      for (let j = i; j < n - 1; j++) {
        levels[j] = levels[j + 1];
        prices[j] = prices[j + 1];
      }
    }
    this.count[side] = n - 1;
    this.#index(side, price, 0);
    this.#free.push(level);
  }

  #allocate(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    if (this.#used === this.price.length) this.#grow();
    return this.#used++;
  }

  #grow(): void {
    const size = this.price.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.price = f64(this.price);
    this.head = i32(this.head);
    this.tail = i32(this.tail);
    this.hiddenHead = i32(this.hiddenHead);
    this.hiddenTail = i32(this.hiddenTail);
    this.shown = f64(this.shown);
    this.shownOrders = i32(this.shownOrders);
    this.orders = i32(this.orders);
  }

  #growSide(side: number): void {
    const size = this.sorted[side].length * 2;
    const levels = new Int32Array(size);
    levels.set(this.sorted[side]);
    const prices = new Float64Array(size);
    prices.set(this.sortedPrice[side]);
    this.sorted[side] = levels;
    this.sortedPrice[side] = prices;
  }
}
