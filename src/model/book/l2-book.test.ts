import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BookUpdate, BookUpdateAction, type BookLevelUpdate } from '../data/book-update.js';
import type { InstrumentId } from '../identifiers/instrument-id.js';
import { Price } from '../types/price.js';
import { Quantity } from '../types/quantity.js';
import { L2Book, type L2Level } from './l2-book.js';

const ID = 'BTCUSD.SIM' as InstrumentId;
const level = (price: string, size: string): BookLevelUpdate => ({
  price: Price.parse(price),
  size: Quantity.parse(size),
});
let seq = 0;
const update = (action: BookUpdateAction, bids: BookLevelUpdate[], asks: BookLevelUpdate[]): BookUpdate => {
  seq++;
  return new BookUpdate(ID, action, bids, asks, seq, seq, seq * 1000, seq * 1000);
};
const text = (levels: L2Level[]): string[] => levels.map((l) => `${l.price.toString()}@${l.size.toString()}`);

describe('L2Book', () => {
  it('a snapshot replaces both sides; levels come best first whatever order they arrived in', () => {
    const book = new L2Book(ID);
    book.apply(update(BookUpdateAction.DELTA, [level('1.00', '9')], [level('9.00', '9')]));
    book.apply(
      update(
        BookUpdateAction.SNAPSHOT,
        [level('99.98', '2'), level('99.99', '1.5'), level('99.97', '3')],
        [level('100.02', '4'), level('100.01', '1')],
      ),
    );
    assert.deepEqual(text(book.bids()), ['99.99@1.5', '99.98@2', '99.97@3']);
    assert.deepEqual(text(book.asks()), ['100.01@1', '100.02@4']);
    assert.equal(book.sequence, seq);
    assert.deepEqual(book.depth, { bids: 3, asks: 2 });
  });

  it('a delta sets the sizes it names, adds new levels in place and removes zero-size ones', () => {
    const book = new L2Book(ID);
    book.apply(
      update(BookUpdateAction.SNAPSHOT, [level('99.99', '1'), level('99.97', '3')], [level('100.01', '1')]),
    );
    book.apply(
      update(
        BookUpdateAction.DELTA,
        [level('99.98', '5'), level('99.99', '0'), level('99.97', '7')],
        [level('100.00', '2'), level('100.05', '0')],
      ),
    );
    assert.deepEqual(text(book.bids()), ['99.98@5', '99.97@7']);
    assert.deepEqual(text(book.asks()), ['100.00@2', '100.01@1']);
    assert.deepEqual(text(book.bids(1)), ['99.98@5']);
    assert.equal(book.bestAsk()?.price.toString(), '100.00');
    assert.equal(book.updates, 2);
  });

  it('property: equals a map of price → size rebuilt from the same updates', () => {
    const levelArb = fc.record({
      tick: fc.integer({ min: 1, max: 40 }),
      size: fc.integer({ min: 0, max: 5 }),
    });
    const updateArb = fc.record({
      snapshot: fc.boolean(),
      bids: fc.array(levelArb, { maxLength: 8 }),
      asks: fc.array(levelArb, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.array(updateArb, { minLength: 1, maxLength: 40 }), (updates) => {
        const book = new L2Book(ID);
        const model = { bids: new Map<number, number>(), asks: new Map<number, number>() };
        const toLevels = (ls: { tick: number; size: number }[]) =>
          ls.map((l) => ({ price: Price.fromRaw(l.tick, 2), size: Quantity.fromRaw(l.size, 0) }));
        for (const u of updates) {
          book.apply(
            update(
              u.snapshot ? BookUpdateAction.SNAPSHOT : BookUpdateAction.DELTA,
              toLevels(u.bids),
              toLevels(u.asks),
            ),
          );
          if (u.snapshot) {
            model.bids.clear();
            model.asks.clear();
          }
          for (const [side, ls] of [
            [model.bids, u.bids],
            [model.asks, u.asks],
          ] as const)
            for (const l of ls) {
              if (l.size === 0) side.delete(l.tick);
              else side.set(l.tick, l.size);
            }
        }
        const expect = (side: Map<number, number>, descending: boolean) =>
          [...side]
            .sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0]))
            .map(([tick, size]) => `${Price.fromRaw(tick, 2).toString()}@${size}`);
        assert.deepEqual(text(book.bids()), expect(model.bids, true));
        assert.deepEqual(text(book.asks()), expect(model.asks, false));
      }),
      { numRuns: 500 },
    );
  });
});
