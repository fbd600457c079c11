/**
 * The simulator's agenda: a binary min-heap of scheduled actions ordered by time (µs), then by
 * the order they were scheduled. The second key makes the run deterministic: two actions due at
 * the same microsecond always run first-scheduled first, whatever the heap's internal layout.
 */
export class EventQueue {
  // Parallel arrays instead of objects: the heap is the simulator's hottest structure.
  #times: number[] = [];
  #seqs: number[] = [];
  #actions: (() => void)[] = [];
  #nextSeq = 0;

  /** Number of pending actions. */
  get size(): number {
    return this.#times.length;
  }

  /** Time of the earliest pending action, if any. */
  peekTime(): number | undefined {
    return this.#times[0];
  }

  /** Schedules `action` at `time` (µs, an integer). */
  schedule(time: number, action: () => void): void {
    if (!Number.isSafeInteger(time)) throw new Error(`event time must be a safe integer µs, got ${time}`);
    const times = this.#times;
    const seqs = this.#seqs;
    const actions = this.#actions;
    const seq = this.#nextSeq++;
    let i = times.length;
    times.push(time);
    seqs.push(seq);
    actions.push(action);
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(time, seq, times[parent], seqs[parent])) break;
      times[i] = times[parent];
      seqs[i] = seqs[parent];
      actions[i] = actions[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    actions[i] = action;
  }

  /** Removes and returns the earliest action with its time, or `undefined` when empty. */
  pop(): { time: number; action: () => void } | undefined {
    const times = this.#times;
    const seqs = this.#seqs;
    const actions = this.#actions;
    const n = times.length;
    if (n === 0) return undefined;
    const top = { time: times[0], action: actions[0] };
    const lastTime = times.pop() as number;
    const lastSeq = seqs.pop() as number;
    const lastAction = actions.pop() as () => void;
    const size = n - 1;
    if (size > 0) {
      // Sift the last element down from the root.
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const right = left + 1;
        let child = left;
        if (right < size && before(times[right], seqs[right], times[left], seqs[left])) child = right;
        if (!before(times[child], seqs[child], lastTime, lastSeq)) break;
        times[i] = times[child];
        seqs[i] = seqs[child];
        actions[i] = actions[child];
        i = child;
      }
      times[i] = lastTime;
      seqs[i] = lastSeq;
      actions[i] = lastAction;
    }
    return top;
  }
}

function before(timeA: number, seqA: number, timeB: number, seqB: number): boolean {
  return timeA < timeB || (timeA === timeB && seqA < seqB);
}
