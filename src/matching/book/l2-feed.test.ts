import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OrderBook } from './order-book.js';
import { applyL2Deltas, L2Feed, l2Snapshot } from './l2-feed.js';

describe('L2Feed', () => {
  test('reports added, changed and removed levels (displayed quantity only)', () => {
    const book = new OrderBook();
    const feed = new L2Feed(book);
    assert.deepEqual(feed.snapshot(), { time: 0, bids: [], asks: [] });
    book.submit({ id: 1, side: 'BUY', type: 'LIMIT', price: 99, quantity: 5 });
    book.submit({ id: 2, side: 'SELL', type: 'LIMIT', price: 101, quantity: 7, displayQuantity: 2 });
    book.submit({ id: 3, side: 'SELL', type: 'LIMIT', price: 102, quantity: 4, hidden: true });
    assert.deepEqual(feed.next(), [
      { side: 'BUY', price: 99, quantity: 5, orders: 1 },
      { side: 'SELL', price: 101, quantity: 2, orders: 1 },
    ]);
    assert.deepEqual(feed.next(), [], 'nothing changed');
    book.submit({ id: 4, side: 'SELL', type: 'MARKET', quantity: 5 });
    book.submit({ id: 5, side: 'BUY', type: 'LIMIT', price: 100, quantity: 1 });
    assert.deepEqual(feed.next(), [
      { side: 'BUY', price: 100, quantity: 1, orders: 1 },
      { side: 'BUY', price: 99, quantity: 0, orders: 0 },
    ]);
  });

  test('a window of the best levels reports levels leaving and entering it', () => {
    const book = new OrderBook();
    const feed = new L2Feed(book, 1);
    book.submit({ id: 1, side: 'BUY', type: 'LIMIT', price: 99, quantity: 5 });
    feed.next();
    book.submit({ id: 2, side: 'BUY', type: 'LIMIT', price: 100, quantity: 3 });
    assert.deepEqual(feed.next(), [
      { side: 'BUY', price: 100, quantity: 3, orders: 1 },
      { side: 'BUY', price: 99, quantity: 0, orders: 0 },
    ]);
  });

  test('property: applying the deltas to the previous snapshot gives the book’s snapshot', () => {
    const command = fc.oneof(
      fc.record({
        kind: fc.constant('limit' as const),
        buy: fc.boolean(),
        price: fc.integer({ min: 95, max: 105 }),
        quantity: fc.integer({ min: 1, max: 9 }),
        display: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        hidden: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('market' as const),
        buy: fc.boolean(),
        quantity: fc.integer({ min: 1, max: 20 }),
      }),
      fc.record({ kind: fc.constant('cancel' as const), id: fc.integer({ min: 1, max: 40 }) }),
      fc.record({
        kind: fc.constant('modify' as const),
        id: fc.integer({ min: 1, max: 40 }),
        quantity: fc.integer({ min: 1, max: 9 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const book = new OrderBook();
        const feed = new L2Feed(book);
        let view = feed.snapshot();
        commands.forEach((c, i) => {
          const id = i + 1;
          const side = 'buy' in c && c.buy ? 'BUY' : 'SELL';
          if (c.kind === 'limit') {
            const iceberg = c.display !== undefined && c.display < c.quantity && !c.hidden;
            book.submit({
              id,
              side,
              type: 'LIMIT',
              price: c.price,
              quantity: c.quantity,
              ...(iceberg ? { displayQuantity: c.display } : {}),
              ...(c.hidden ? { hidden: true } : {}),
            });
          } else if (c.kind === 'market') book.submit({ id, side, type: 'MARKET', quantity: c.quantity });
          else if (c.kind === 'cancel') book.cancel(c.id);
          else book.modify({ id: c.id, quantity: c.quantity });
          view = applyL2Deltas(view, feed.next(), book.time);
          assert.deepEqual(view, l2Snapshot(book));
        });
      }),
      { numRuns: 200 },
    );
  });
});
