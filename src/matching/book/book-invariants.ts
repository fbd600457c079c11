import { BUY, SELL } from './order-codes.js';
import { ORDER_FLAG, type OrderIndex, type OrderStore } from './order-store.js';
import type { PriceLevels } from './price-levels.js';

/**
 * Throws if the fast book's structures disagree with each other: level order and price index,
 * queue links and tails, per-level totals, order quantities and slices, the id index, a crossed
 * book, and the count of stored orders (resting + `waiting` conditional ones).
 */
export function checkBookInvariants(o: OrderStore, l: PriceLevels, index: OrderIndex, waiting: number): void {
  let resting = 0;
  for (let s = 0; s < 2; s++) {
    let previous = s === BUY ? -Infinity : Infinity;
    for (let i = 0; i < l.count[s]; i++) {
      const level = l.sorted[s][i];
      const price = l.price[level];
      if (s === BUY ? price <= previous : price >= previous)
        fail(`side ${s} levels out of order at ${price}`);
      previous = price;
      if (l.sortedPrice[s][i] !== price) fail(`level ${price}: sorted price mismatch`);
      if (l.find(s, price) !== level) fail(`level ${price}: price index mismatch`);
      let shown = 0;
      let shownOrders = 0;
      let count = 0;
      for (const [head, hidden] of [
        [l.head[level], false],
        [l.hiddenHead[level], true],
      ] as const) {
        let prev = -1;
        for (let slot = head; slot >= 0; slot = o.next[slot]) {
          count++;
          if (o.prev[slot] !== prev) fail(`order ${o.id[slot]}: broken prev link`);
          if (o.level[slot] !== level) fail(`order ${o.id[slot]}: wrong level`);
          if (o.price[slot] !== price || o.side[slot] !== s) fail(`order ${o.id[slot]}: wrong price or side`);
          if (!(o.open[slot] > 0) || o.open[slot] + o.filled[slot] !== o.quantity[slot]) {
            fail(`order ${o.id[slot]}: open ${o.open[slot]} inconsistent`);
          }
          if (index.slotOf(o.id[slot]) !== slot) fail(`order ${o.id[slot]}: index mismatch`);
          if (((o.flags[slot] & ORDER_FLAG.HIDDEN) !== 0) !== hidden)
            fail(`order ${o.id[slot]}: in the wrong queue`);
          if (!hidden) {
            if (!(o.displayed[slot] > 0) || o.displayed[slot] > o.open[slot]) {
              fail(`order ${o.id[slot]}: displayed ${o.displayed[slot]} out of range`);
            }
            shown += o.displayed[slot];
            shownOrders++;
          }
          prev = slot;
        }
        if ((hidden ? l.hiddenTail[level] : l.tail[level]) !== prev) fail(`level ${price}: wrong tail`);
      }
      if (count === 0) fail(`level ${price} is empty`);
      if (count !== l.orders[level] || shownOrders !== l.shownOrders[level] || shown !== l.shown[level]) {
        fail(
          `level ${price}: totals ${l.orders[level]}/${l.shownOrders[level]}/${l.shown[level]} ≠ ${count}/${shownOrders}/${shown}`,
        );
      }
      resting += count;
    }
  }
  const bid = l.best(BUY);
  const ask = l.best(SELL);
  if (bid >= 0 && ask >= 0 && l.price[bid] >= l.price[ask]) fail('the book is crossed');
  if (resting + waiting !== o.size)
    fail(`${o.size} orders stored, ${resting} resting + ${waiting} conditional`);
}

function fail(message: string): never {
  throw new Error(`OrderBook invariant broken: ${message}`);
}
