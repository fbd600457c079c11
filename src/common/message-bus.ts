/** A handler of messages published on a topic. */
export type Handler<T> = (message: T) => void;

/**
 * A named channel. Publishing calls every subscriber synchronously, in subscription
 * order: dispatch inside the kernel is deterministic and single-threaded.
 * Hold on to a `Topic` on hot paths to publish without a name lookup.
 */
export class Topic<T> {
  #handlers: Handler<T>[] = [];

  constructor(readonly name: string) {}

  get hasSubscribers(): boolean {
    return this.#handlers.length > 0;
  }

  subscribe(handler: Handler<T>): () => void {
    // Copy on write, so a handler that (un)subscribes during dispatch does not disturb it.
    this.#handlers = [...this.#handlers, handler];
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      // Remove this one subscription, even if the same function was subscribed twice.
      const at = this.#handlers.indexOf(handler);
      this.#handlers = [...this.#handlers.slice(0, at), ...this.#handlers.slice(at + 1)];
    };
  }

  publish(message: T): void {
    const handlers = this.#handlers;
    for (let i = 0; i < handlers.length; i++) handlers[i](message);
  }
}

/**
 * The kernel's publish/subscribe hub. Topics are created on first use; names follow
 * `kind.detail`, e.g. `data.bars.AAPL.SIM`, `events.order.sma-cross-001`.
 */
export class MessageBus {
  readonly #topics = new Map<string, Topic<unknown>>();

  /** The topic of that name, created if new. */
  topic<T>(name: string): Topic<T> {
    let topic = this.#topics.get(name);
    if (topic === undefined) {
      topic = new Topic<unknown>(name);
      this.#topics.set(name, topic);
    }
    return topic as Topic<T>;
  }

  subscribe<T>(name: string, handler: Handler<T>): () => void {
    return this.topic<T>(name).subscribe(handler);
  }

  publish<T>(name: string, message: T): void {
    this.#topics.get(name)?.publish(message);
  }
}
