import { BUY, STP_CANCEL_MAKER } from './order-codes.js';
import { ORDER_FLAG, type OrderStore } from './order-store.js';
import type { PriceLevels } from './price-levels.js';

/**
 * Whether a FOK taker would fill completely if matched now: a dry run of the book's sweep on
 * copies of what it would change (each maker's open quantity and shown slice, the queue
 * order as iceberg slices move to the back, the positions reduce-only orders consult).
 * Only FOK orders pay for it.
 */
export function wouldFillCompletely(
  o: OrderStore,
  l: PriceLevels,
  taker: number,
  positionOf: (owner: number) => number,
): boolean {
  const side = o.side[taker];
  const opposite = 1 - side;
  const limited = (o.flags[taker] & ORDER_FLAG.HAS_PRICE) !== 0;
  const limit = o.price[taker];
  const owner = o.owner[taker];
  const stp = owner === 0 ? 0 : o.selfTradePrevention[taker];
  const reduceOnly = (o.flags[taker] & ORDER_FLAG.REDUCE_ONLY) !== 0;
  const positions = new Map<number, number>();
  const position = (who: number) => positions.get(who) ?? positionOf(who);
  const reducible = (who: number, whoSide: number) => (whoSide === BUY ? -position(who) : position(who));
  const move = (who: number, signed: number) => {
    if (who !== 0) positions.set(who, position(who) + signed);
  };
  let need = o.open[taker];
  const sorted = l.sorted[opposite];
  for (let i = l.count[opposite] - 1; i >= 0 && need > 0; i--) {
    const level = sorted[i];
    const price = l.price[level];
    if (limited && (side === BUY ? price > limit : price < limit)) return false;
    // The level's queue as the sweep would meet it: displayed orders (with their slices),
    // then hidden ones; a used-up iceberg slice re-enters at the back of the displayed part.
    const shown: { slot: number; open: number; slice: number }[] = [];
    for (let m = l.head[level]; m >= 0; m = o.next[m])
      shown.push({ slot: m, open: o.open[m], slice: o.displayed[m] });
    const hidden: { slot: number; open: number; slice: number }[] = [];
    for (let m = l.hiddenHead[level]; m >= 0; m = o.next[m])
      hidden.push({ slot: m, open: o.open[m], slice: o.open[m] });
    let s = 0;
    let h = 0;
    while (need > 0 && (s < shown.length || h < hidden.length)) {
      const inShown = s < shown.length;
      const maker = inShown ? shown[s] : hidden[h];
      const drop = () => (inShown ? s++ : h++);
      let quantity = need;
      if (reduceOnly) {
        const left = reducible(owner, side);
        if (left <= 0) return false;
        if (left < quantity) quantity = left;
      }
      const makerOwner = o.owner[maker.slot];
      if (stp !== 0 && makerOwner === owner) {
        if (stp !== STP_CANCEL_MAKER) return false;
        drop();
        continue;
      }
      if (maker.slice < quantity) quantity = maker.slice;
      const makerReduceOnly = (o.flags[maker.slot] & ORDER_FLAG.REDUCE_ONLY) !== 0;
      if (makerReduceOnly) {
        const left = reducible(makerOwner, o.side[maker.slot]);
        if (left <= 0) {
          drop();
          continue;
        }
        if (left < quantity) quantity = left;
      }
      need -= quantity;
      const signed = side === BUY ? quantity : -quantity;
      move(owner, signed);
      move(makerOwner, -signed);
      maker.open -= quantity;
      maker.slice -= quantity;
      if (maker.open === 0 || (makerReduceOnly && reducible(makerOwner, o.side[maker.slot]) <= 0)) {
        drop();
      } else if (inShown && maker.slice === 0) {
        drop();
        shown.push({
          slot: maker.slot,
          open: maker.open,
          slice: Math.min(o.displayQuantity[maker.slot], maker.open),
        });
      }
    }
  }
  return need === 0;
}
