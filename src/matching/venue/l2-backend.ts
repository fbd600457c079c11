import type { BookSide, ModifyOrder, NewOrder } from '../book/book-types.js';
import { L2FillSimulator, type L2FillEvent, type L2FillOptions } from './l2-fill-simulator.js';
import type { BackendSink, VenueBackend } from './venue-backend.js';

/**
 * A venue backend on an {@link L2FillSimulator}: for backtests on L2 data. The data fed in
 * drives our fills and is passed on to us as market data (`level` and `trade` events).
 */
export class L2Backend implements VenueBackend {
  /** The simulator (read-only use: it shows our estimated queue positions now). */
  readonly simulator: L2FillSimulator;
  readonly #sink: BackendSink;
  #nextTradeId = 1;

  constructor(options: Omit<L2FillOptions, 'onEvents'>, sink: BackendSink) {
    this.#sink = sink;
    this.simulator = new L2FillSimulator({ ...options, onEvents: (events) => this.#onEvents(events) });
  }

  submit(order: NewOrder, time: number): void {
    this.simulator.submit(order, time);
  }

  modify(change: ModifyOrder, time: number): void {
    this.simulator.modify(change, time);
  }

  cancel(id: number, time: number): void {
    this.simulator.cancel(id, time);
  }

  cancelAll(side: BookSide | undefined, time: number): void {
    this.simulator.cancelAll(side, time);
  }

  advanceTime(time: number): void {
    this.simulator.advanceTime(time);
  }

  /** An L2 update from the data: passed on as market data, then applied to our queue positions. */
  onLevel(side: BookSide, price: number, quantity: number, time: number): void {
    this.#sink({ kind: 'level', side, price, quantity, time: Math.max(time, this.simulator.time) });
    this.simulator.onLevel(side, price, quantity, time);
  }

  /** A trade from the data: passed on as market data, then applied to our queue positions. */
  onTrade(price: number, quantity: number, aggressor: BookSide, time: number): void {
    const tradeId = this.#nextTradeId++;
    this.#sink({
      kind: 'trade',
      tradeId,
      price,
      quantity,
      aggressor,
      time: Math.max(time, this.simulator.time),
    });
    this.simulator.onTrade(price, quantity, aggressor, time);
  }

  #onEvents(events: readonly L2FillEvent[]): void {
    for (const event of events) this.#sink(event);
  }
}
