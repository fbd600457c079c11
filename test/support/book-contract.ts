/**
 * The shared test suite of the matching core: every rule of docs/matching.md, run against any
 * {@link MatchingBook} (the fast `OrderBook` and the naive `ReferenceBook` both run it). The exact
 * event lists asserted here are the contract.
 *
 * Conventions of the suite: `rejected` events are compared without their free-text `message`
 * (checked to be a non-empty string), and properties whose value is `undefined` are ignored, so
 * `{ price: undefined }` and `{}` compare equal. Every command's events must arrive in at most one
 * listener call, and `checkInvariants()` runs after every command.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BookOrderType,
  BookReason,
  BookSide,
  BookTimeInForce,
  SelfTradePrevention,
  type BookEvent,
  type BookOptions,
  type MatchingBook,
  type ModifyOrder,
  type NewOrder,
} from '../../src/matching/book/book-types.js';

/** A book under test: the shared interface plus its self-check. */
export type ContractBook = MatchingBook & { checkInvariants(): void };

/** Makes a fresh book under test. */
export type BookFactory = (options?: BookOptions) => ContractBook;

const BUY = BookSide.BUY;
const SELL = BookSide.SELL;
const T = BookOrderType;
const TIF = BookTimeInForce;
const R = BookReason;
const STP = SelfTradePrevention;
const DAY_US = 86_400_000_000;

// -------------------------------------------------------------------------------------------------
// Normalizing what a book reports, so that tests compare values, not representation details
// -------------------------------------------------------------------------------------------------

/** Drops properties whose value is `undefined`. */
function withoutUndefined<V extends object>(value: V): V {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as V;
}

/** An event as the suite compares it: no undefined properties, no rejection message. */
export function normalizeEvent(event: BookEvent): BookEvent {
  const plain = withoutUndefined(event) as BookEvent & { message?: string };
  if (plain.kind !== 'rejected') return plain;
  assert.equal(typeof plain.message, 'string', `rejected ${plain.id}: message must be a string`);
  assert.ok((plain.message as string).length > 0, `rejected ${plain.id}: message must not be empty`);
  const { message: _message, ...rest } = plain;
  return rest as BookEvent;
}

/** Everything observable about a book's state (positions of owners 1–3). */
export function snapshotOf(book: MatchingBook): unknown {
  return {
    orders: book.orders().map(withoutUndefined),
    bids: book.depth(BUY),
    asks: book.depth(SELL),
    bestBid: book.bestBid(),
    bestAsk: book.bestAsk(),
    lastTradePrice: book.lastTradePrice(),
    stats: { ...book.stats },
    time: book.time,
    positions: [1, 2, 3].map((owner) => book.position(owner)),
  };
}

/** A book under test with its listener: runs commands and returns each one's events. */
class Harness {
  readonly book: ContractBook;
  private readonly deliveries: BookEvent[][] = [];

  constructor(make: BookFactory, options: BookOptions = {}) {
    this.book = make({ ...options, onEvents: (events) => this.deliveries.push([...events]) });
  }

  /** Runs one command; its events must come in one call (none if it has none). Checks invariants. */
  run(command: (book: ContractBook) => void): BookEvent[] {
    const before = this.deliveries.length;
    command(this.book);
    const calls = this.deliveries.length - before;
    assert.ok(calls <= 1, `one command delivered its events in ${calls} calls`);
    this.book.checkInvariants();
    if (calls === 0) return [];
    const events = this.deliveries[this.deliveries.length - 1];
    assert.ok(events.length > 0, 'the listener was called with no events');
    return events.map(normalizeEvent);
  }

  submit(order: NewOrder, time?: number): BookEvent[] {
    return this.run((b) => b.submit(order, time));
  }

  cancel(id: number, time?: number): BookEvent[] {
    return this.run((b) => b.cancel(id, time));
  }

  modify(change: ModifyOrder, time?: number): BookEvent[] {
    return this.run((b) => b.modify(change, time));
  }

  cancelAll(filter?: { owner?: number; side?: BookSide }, time?: number): BookEvent[] {
    return this.run((b) => b.cancelAll(filter, time));
  }

  advance(time: number): BookEvent[] {
    return this.run((b) => b.advanceTime(time));
  }

  /** Submits orders that must all be accepted without trading (setup). */
  rest(...orders: NewOrder[]): void {
    for (const order of orders) {
      assert.deepEqual(this.submit(order), [accepted(order.id, this.book.time)], `setting up ${order.id}`);
    }
  }

  snapshot(): unknown {
    return snapshotOf(this.book);
  }

  /** Runs a command that must be rejected with `reason` and leave the book exactly as it was. */
  expectRejected(command: (book: ContractBook) => void, id: number, reason: BookReason, time = 0): void {
    const before = this.snapshot();
    assert.deepEqual(this.run(command), [rejected(id, reason, time)]);
    assert.deepEqual(this.snapshot(), before, `a ${reason} rejection changed the book`);
  }
}

// -------------------------------------------------------------------------------------------------
// Order and event builders
// -------------------------------------------------------------------------------------------------

type Extra = Partial<Omit<NewOrder, 'id' | 'side' | 'quantity'>>;

function limit(id: number, side: BookSide, price: number, quantity: number, extra: Extra = {}): NewOrder {
  return { id, side, type: T.LIMIT, price, quantity, ...extra };
}

function market(id: number, side: BookSide, quantity: number, extra: Extra = {}): NewOrder {
  return { id, side, type: T.MARKET, quantity, ...extra };
}

function conditional(
  id: number,
  type: BookOrderType,
  side: BookSide,
  quantity: number,
  extra: Extra,
): NewOrder {
  return { id, side, type, quantity, ...extra };
}

function accepted(id: number, time = 0): BookEvent {
  return { kind: 'accepted', id, time };
}

function rejected(id: number, reason: BookReason, time = 0): BookEvent {
  return { kind: 'rejected', id, reason, time } as unknown as BookEvent;
}

function canceled(id: number, reason: BookReason, remaining: number, time = 0): BookEvent {
  return { kind: 'canceled', id, reason, remaining, time };
}

function expired(id: number, remaining: number, time: number): BookEvent {
  return { kind: 'expired', id, remaining, time };
}

function replenished(id: number, displayed: number, time = 0): BookEvent {
  return { kind: 'replenished', id, displayed, time };
}

/** `price`: the trigger price that was reached (fixed, or the trailing level). */
function triggered(id: number, price: number, time = 0): BookEvent {
  return { kind: 'triggered', id, price, time };
}

function modified(
  id: number,
  fields: { price?: number; triggerPrice?: number; quantity: number; lostPriority: boolean },
  time = 0,
): BookEvent {
  return withoutUndefined({ kind: 'modified', id, ...fields, time });
}

interface TradeSpec {
  readonly n: number;
  readonly maker: number;
  readonly taker: number;
  /** The taker's side. */
  readonly side: BookSide;
  readonly price: number;
  readonly qty: number;
  readonly makerLeft: number;
  readonly takerLeft: number;
  readonly makerOwner?: number;
  readonly takerOwner?: number;
  readonly time?: number;
}

function trade(t: TradeSpec): BookEvent {
  return {
    kind: 'trade',
    tradeId: t.n,
    makerId: t.maker,
    takerId: t.taker,
    makerOwner: t.makerOwner ?? 0,
    takerOwner: t.takerOwner ?? 0,
    aggressor: t.side,
    price: t.price,
    quantity: t.qty,
    makerRemaining: t.makerLeft,
    takerRemaining: t.takerLeft,
    time: t.time ?? 0,
  };
}

/** Trades once at `price` between two anonymous orders (ids `id`, `id + 1`), to set the last trade price. */
function printTrade(h: Harness, id: number, price: number): void {
  h.rest(limit(id, SELL, price, 1));
  const events = h.submit(limit(id + 1, BUY, price, 1));
  assert.equal(events.filter((e) => e.kind === 'trade').length, 1);
  assert.equal(h.book.lastTradePrice(), price);
}

// -------------------------------------------------------------------------------------------------
// The suite
// -------------------------------------------------------------------------------------------------

/**
 * Registers the contract suite (node:test `describe`/`test` blocks) for one book implementation.
 *
 * @param label name shown in the test report, e.g. `'OrderBook'`
 * @param make makes a fresh book with the given options
 */
export function runBookContract(label: string, make: BookFactory): void {
  const fresh = (options: BookOptions = {}) => new Harness(make, options);

  describe(`${label}: validation`, () => {
    describe('rejections leave the book unchanged', () => {
      /** A book with some state, so "unchanged" means something. */
      const busy = (options: BookOptions = {}) => {
        const h = fresh(options);
        const lot = options.lotSize ?? 1;
        const tick = options.tickSize ?? 1;
        h.rest(limit(1, BUY, 100 * tick, 5 * lot), limit(2, SELL, 102 * tick, 5 * lot, { owner: 1 }));
        h.rest(limit(3, BUY, 99 * tick, 4 * lot, { hidden: true }));
        h.rest(conditional(4, T.STOP_MARKET, SELL, lot, { triggerPrice: 90 * tick }));
        h.submit(market(5, BUY, 2 * lot));
        h.book.setPosition(1, 3 * lot);
        return h;
      };

      test('INVALID_ORDER_ID: not a safe integer ≥ 1', () => {
        const h = busy();
        for (const id of [0, -1, 1.5, Number.NaN, 2 ** 53]) {
          h.expectRejected((b) => b.submit(limit(id, BUY, 100, 1)), id, R.INVALID_ORDER_ID);
        }
      });

      test('DUPLICATE_ORDER_ID: any id accepted before, live or not', () => {
        const h = busy();
        h.cancel(1);
        for (const id of [1, 2, 4, 5]) {
          // 1 canceled, 2 live, 4 a waiting stop, 5 a filled market order
          h.expectRejected((b) => b.submit(limit(id, BUY, 90, 1)), id, R.DUPLICATE_ORDER_ID);
        }
      });

      test('a rejected id is not "seen": it can be used again', () => {
        const h = busy();
        h.expectRejected((b) => b.submit(limit(9, BUY, 100, 0)), 9, R.INVALID_QUANTITY);
        assert.deepEqual(h.submit(limit(9, BUY, 100, 1)), [accepted(9)]);
      });

      test('INVALID_QUANTITY: not a safe integer > 0', () => {
        const h = busy();
        for (const quantity of [0, -3, 2.5, Number.NaN, 2 ** 53]) {
          h.expectRejected((b) => b.submit(limit(9, BUY, 100, quantity)), 9, R.INVALID_QUANTITY);
        }
      });

      test('QUANTITY_OFF_LOT: not a multiple of lotSize', () => {
        const h = busy({ lotSize: 10 });
        h.expectRejected((b) => b.submit(limit(9, BUY, 1000, 15)), 9, R.QUANTITY_OFF_LOT);
        h.expectRejected((b) => b.submit(market(9, SELL, 5)), 9, R.QUANTITY_OFF_LOT);
        assert.deepEqual(h.submit(limit(9, BUY, 90, 20)), [accepted(9)]);
      });

      const invalidShapes: readonly [string, Omit<NewOrder, 'id'>][] = [
        ['LIMIT without price', { side: BUY, type: T.LIMIT, quantity: 1 }],
        ['STOP_LIMIT without price', { side: BUY, type: T.STOP_LIMIT, quantity: 1, triggerPrice: 105 }],
        [
          'LIMIT_IF_TOUCHED without price',
          { side: BUY, type: T.LIMIT_IF_TOUCHED, quantity: 1, triggerPrice: 95 },
        ],
        ['STOP_MARKET without triggerPrice', { side: BUY, type: T.STOP_MARKET, quantity: 1 }],
        ['STOP_LIMIT without triggerPrice', { side: BUY, type: T.STOP_LIMIT, quantity: 1, price: 100 }],
        ['MARKET_IF_TOUCHED without triggerPrice', { side: BUY, type: T.MARKET_IF_TOUCHED, quantity: 1 }],
        ['trailing with no offset', { side: SELL, type: T.TRAILING_STOP_MARKET, quantity: 1 }],
        [
          'trailing with both offsets',
          { side: SELL, type: T.TRAILING_STOP_MARKET, quantity: 1, trailingOffset: 2, trailingBps: 10 },
        ],
        ['trailingOffset 0', { side: SELL, type: T.TRAILING_STOP_MARKET, quantity: 1, trailingOffset: 0 }],
        [
          'trailingOffset 1.5',
          { side: SELL, type: T.TRAILING_STOP_MARKET, quantity: 1, trailingOffset: 1.5 },
        ],
        ['trailingBps 0', { side: SELL, type: T.TRAILING_STOP_LIMIT, quantity: 1, trailingBps: 0 }],
        ['trailingBps 10000', { side: SELL, type: T.TRAILING_STOP_LIMIT, quantity: 1, trailingBps: 10_000 }],
        ['trailingBps 2.5', { side: SELL, type: T.TRAILING_STOP_LIMIT, quantity: 1, trailingBps: 2.5 }],
        [
          'limitOffset on TRAILING_STOP_MARKET',
          { side: SELL, type: T.TRAILING_STOP_MARKET, quantity: 1, trailingOffset: 2, limitOffset: 1 },
        ],
        [
          'limitOffset on STOP_LIMIT',
          { side: SELL, type: T.STOP_LIMIT, quantity: 1, price: 99, triggerPrice: 99, limitOffset: 0 },
        ],
        [
          'limitOffset -1',
          { side: SELL, type: T.TRAILING_STOP_LIMIT, quantity: 1, trailingOffset: 2, limitOffset: -1 },
        ],
        ['MARKET GTC', { side: BUY, type: T.MARKET, quantity: 1, timeInForce: TIF.GTC }],
        ['MARKET DAY', { side: BUY, type: T.MARKET, quantity: 1, timeInForce: TIF.DAY }],
        ['MARKET GTD', { side: BUY, type: T.MARKET, quantity: 1, timeInForce: TIF.GTD, expireTime: 10 }],
        ['postOnly MARKET', { side: BUY, type: T.MARKET, quantity: 1, postOnly: true }],
        [
          'postOnly STOP_LIMIT',
          { side: BUY, type: T.STOP_LIMIT, quantity: 1, price: 100, triggerPrice: 100, postOnly: true },
        ],
        [
          'postOnly IOC',
          { side: BUY, type: T.LIMIT, quantity: 1, price: 90, timeInForce: TIF.IOC, postOnly: true },
        ],
        [
          'postOnly FOK',
          { side: BUY, type: T.LIMIT, quantity: 1, price: 90, timeInForce: TIF.FOK, postOnly: true },
        ],
        ['hidden MARKET', { side: BUY, type: T.MARKET, quantity: 1, hidden: true }],
        [
          'hidden STOP_MARKET',
          { side: BUY, type: T.STOP_MARKET, quantity: 1, triggerPrice: 105, hidden: true },
        ],
        [
          'hidden TRAILING_STOP_LIMIT',
          { side: BUY, type: T.TRAILING_STOP_LIMIT, quantity: 1, trailingOffset: 2, hidden: true },
        ],
        ['displayQuantity on MARKET', { side: BUY, type: T.MARKET, quantity: 4, displayQuantity: 1 }],
        [
          'hidden iceberg',
          { side: BUY, type: T.LIMIT, quantity: 4, price: 90, hidden: true, displayQuantity: 1 },
        ],
        ['displayQuantity 0', { side: BUY, type: T.LIMIT, quantity: 4, price: 90, displayQuantity: 0 }],
        [
          'displayQuantity = quantity',
          { side: BUY, type: T.LIMIT, quantity: 4, price: 90, displayQuantity: 4 },
        ],
        [
          'displayQuantity > quantity',
          { side: BUY, type: T.LIMIT, quantity: 4, price: 90, displayQuantity: 5 },
        ],
        ['displayQuantity 1.5', { side: BUY, type: T.LIMIT, quantity: 4, price: 90, displayQuantity: 1.5 }],
        ['expireTime on GTC', { side: BUY, type: T.LIMIT, quantity: 1, price: 90, expireTime: 1000 }],
        [
          'expireTime on DAY',
          { side: BUY, type: T.LIMIT, quantity: 1, price: 90, timeInForce: TIF.DAY, expireTime: 9 },
        ],
        [
          'GTD without expireTime',
          { side: BUY, type: T.LIMIT, quantity: 1, price: 90, timeInForce: TIF.GTD },
        ],
        // A field the type does not use is not allowed.
        ['price on MARKET', { side: BUY, type: T.MARKET, quantity: 1, price: 100 }],
        [
          'price on STOP_MARKET',
          { side: BUY, type: T.STOP_MARKET, quantity: 1, triggerPrice: 105, price: 105 },
        ],
        [
          'price on TRAILING_STOP_LIMIT',
          { side: BUY, type: T.TRAILING_STOP_LIMIT, quantity: 1, trailingOffset: 2, price: 100 },
        ],
        ['triggerPrice on LIMIT', { side: BUY, type: T.LIMIT, quantity: 1, price: 90, triggerPrice: 90 }],
        [
          'triggerPrice on TRAILING_STOP_MARKET',
          { side: BUY, type: T.TRAILING_STOP_MARKET, quantity: 1, trailingOffset: 2, triggerPrice: 90 },
        ],
        ['trailingOffset on LIMIT', { side: BUY, type: T.LIMIT, quantity: 1, price: 90, trailingOffset: 2 }],
        [
          'trailingBps on STOP_MARKET',
          { side: BUY, type: T.STOP_MARKET, quantity: 1, triggerPrice: 105, trailingBps: 20 },
        ],
      ];
      for (const [name, shape] of invalidShapes) {
        test(`INVALID_ORDER: ${name}`, () => {
          const h = busy();
          h.expectRejected((b) => b.submit({ id: 9, ...shape }), 9, R.INVALID_ORDER);
        });
      }

      test('INVALID_ORDER: displayQuantity off the lot', () => {
        const h = busy({ lotSize: 10 });
        h.expectRejected((b) => b.submit(limit(9, BUY, 90, 40, { displayQuantity: 15 })), 9, R.INVALID_ORDER);
        assert.deepEqual(h.submit(limit(9, BUY, 90, 40, { displayQuantity: 10 })), [accepted(9)]);
      });

      test('INVALID_PRICE: price or triggerPrice not a safe integer > 0', () => {
        const h = busy();
        for (const price of [0, -5, 100.5, Number.NaN]) {
          h.expectRejected((b) => b.submit(limit(9, BUY, price, 1)), 9, R.INVALID_PRICE);
          h.expectRejected(
            (b) => b.submit(conditional(9, T.STOP_MARKET, BUY, 1, { triggerPrice: price })),
            9,
            R.INVALID_PRICE,
          );
          h.expectRejected(
            (b) => b.submit(conditional(9, T.STOP_LIMIT, BUY, 1, { price: 100, triggerPrice: price })),
            9,
            R.INVALID_PRICE,
          );
        }
      });

      test('PRICE_OFF_TICK: price or triggerPrice not a multiple of tickSize', () => {
        const h = busy({ tickSize: 5 });
        h.expectRejected((b) => b.submit(limit(9, BUY, 497, 1)), 9, R.PRICE_OFF_TICK);
        h.expectRejected(
          (b) => b.submit(conditional(9, T.LIMIT_IF_TOUCHED, BUY, 1, { price: 495, triggerPrice: 493 })),
          9,
          R.PRICE_OFF_TICK,
        );
        assert.deepEqual(h.submit(limit(9, BUY, 495, 1)), [accepted(9)]);
      });

      test('EXPIRE_TIME_IN_PAST: GTD expireTime ≤ the command time (the clock if later)', () => {
        const h = busy();
        const gtd = (expireTime: number) => limit(9, BUY, 90, 1, { timeInForce: TIF.GTD, expireTime });
        h.advance(500);
        h.expectRejected((b) => b.submit(gtd(500)), 9, R.EXPIRE_TIME_IN_PAST, 500);
        h.expectRejected((b) => b.submit(gtd(499), 500), 9, R.EXPIRE_TIME_IN_PAST, 500);
        h.advance(1000);
        // time 600 is earlier than the clock: the command runs at 1000
        h.expectRejected((b) => b.submit(gtd(1000), 600), 9, R.EXPIRE_TIME_IN_PAST, 1000);
        assert.deepEqual(h.submit(gtd(1001), 600), [accepted(9, 1000)]);
      });

      test('POST_ONLY_WOULD_CROSS: would trade against a displayed or a hidden order', () => {
        const h = busy();
        // best displayed ask 102, hidden bid 99 below the displayed bid 100 (3 of order 1 left)
        h.expectRejected(
          (b) => b.submit(limit(9, BUY, 102, 1, { postOnly: true })),
          9,
          R.POST_ONLY_WOULD_CROSS,
        );
        h.expectRejected(
          (b) => b.submit(limit(9, SELL, 100, 1, { postOnly: true })),
          9,
          R.POST_ONLY_WOULD_CROSS,
        );
        h.cancel(1);
        assert.equal(h.book.bestBid(), undefined, 'only the hidden bid is left');
        h.expectRejected(
          (b) => b.submit(limit(9, SELL, 99, 1, { postOnly: true })),
          9,
          R.POST_ONLY_WOULD_CROSS,
        );
        assert.deepEqual(h.submit(limit(9, SELL, 100, 1, { postOnly: true })), [accepted(9)]);
      });

      test('REDUCE_ONLY_WOULD_INCREASE: flat, on the order side, or smaller than the quantity', () => {
        const h = busy();
        const reduce = (side: BookSide, quantity: number, owner: number) =>
          limit(9, side, side === BUY ? 90 : 110, quantity, { reduceOnly: true, owner });
        // owner 1 is long 3; owner 2 is flat
        h.expectRejected((b) => b.submit(reduce(SELL, 1, 2)), 9, R.REDUCE_ONLY_WOULD_INCREASE);
        h.expectRejected((b) => b.submit(reduce(BUY, 1, 1)), 9, R.REDUCE_ONLY_WOULD_INCREASE);
        h.expectRejected((b) => b.submit(reduce(SELL, 4, 1)), 9, R.REDUCE_ONLY_WOULD_INCREASE);
        assert.deepEqual(h.submit(reduce(SELL, 3, 1)), [accepted(9)]);
        h.book.setPosition(2, -2);
        h.expectRejected((b) => b.submit({ ...reduce(BUY, 3, 2), id: 10 }), 10, R.REDUCE_ONLY_WOULD_INCREASE);
        assert.deepEqual(h.submit({ ...reduce(BUY, 2, 2), id: 10 }), [accepted(10)]);
      });
    });

    describe('checks run in the documented order', () => {
      const cases: readonly [string, NewOrder, BookReason][] = [
        ['bad id before bad quantity', limit(0, BUY, 100, 0), R.INVALID_ORDER_ID],
        ['duplicate id before bad quantity', limit(1, BUY, 100, 0), R.DUPLICATE_ORDER_ID],
        [
          'bad quantity before missing price',
          { id: 9, side: BUY, type: T.LIMIT, quantity: -1 },
          R.INVALID_QUANTITY,
        ],
        [
          'off-lot quantity before missing price',
          { id: 9, side: BUY, type: T.LIMIT, quantity: 3 },
          R.QUANTITY_OFF_LOT,
        ],
        ['invalid shape before bad price', limit(9, BUY, -1, 2, { displayQuantity: 2 }), R.INVALID_ORDER],
        [
          'bad price before off-tick trigger',
          conditional(9, T.STOP_LIMIT, BUY, 2, { price: 0, triggerPrice: 101 }),
          R.INVALID_PRICE,
        ],
        [
          'field by field: an off-tick price before an invalid trigger price',
          conditional(9, T.STOP_LIMIT, BUY, 2, { price: 101, triggerPrice: -2 }),
          R.PRICE_OFF_TICK,
        ],
        [
          'off tick before expire time',
          limit(9, BUY, 101, 2, { timeInForce: TIF.GTD, expireTime: 0 }),
          R.PRICE_OFF_TICK,
        ],
        [
          'expire time before post-only',
          limit(9, SELL, 100, 2, { timeInForce: TIF.GTD, expireTime: 0, postOnly: true }),
          R.EXPIRE_TIME_IN_PAST,
        ],
        [
          'post-only before reduce-only',
          limit(9, SELL, 100, 2, { postOnly: true, reduceOnly: true, owner: 2 }),
          R.POST_ONLY_WOULD_CROSS,
        ],
      ];
      for (const [name, order, reason] of cases) {
        test(name, () => {
          const h = fresh({ lotSize: 2, tickSize: 2 });
          h.rest(limit(1, BUY, 100, 2));
          h.expectRejected((b) => b.submit(order), order.id, reason);
        });
      }
    });

    test('a valid order is accepted first; defaults: GTC, owner 0, no self-trade prevention', () => {
      const h = fresh();
      assert.deepEqual(h.submit(limit(1, BUY, 100, 3)), [accepted(1)]);
      assert.deepEqual(withoutUndefined(h.book.order(1) as object), {
        id: 1,
        side: BUY,
        type: T.LIMIT,
        owner: 0,
        price: 100,
        quantity: 3,
        filled: 0,
        open: 3,
        displayed: 3,
        triggered: false,
        timeInForce: TIF.GTC,
      });
      assert.deepEqual(h.submit(market(2, SELL, 1)), [
        accepted(2),
        trade({ n: 1, maker: 1, taker: 2, side: SELL, price: 100, qty: 1, makerLeft: 2, takerLeft: 0 }),
      ]);
    });
  });

  describe(`${label}: limit and market orders`, () => {
    test('a limit order that does not cross rests at its price', () => {
      const h = fresh();
      assert.deepEqual(h.submit(limit(1, BUY, 100, 5)), [accepted(1)]);
      assert.deepEqual(h.submit(limit(2, SELL, 101, 3)), [accepted(2)]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 100, quantity: 5, orders: 1 }]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 101, quantity: 3, orders: 1 }]);
      assert.equal(h.book.stats.trades, 0);
    });

    test('price-time priority; trade ids count from 1; the remainder trades the next level', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 101, 5), limit(2, SELL, 100, 5), limit(3, SELL, 100, 5));
      assert.deepEqual(h.submit(limit(4, BUY, 101, 12)), [
        accepted(4),
        trade({ n: 1, maker: 2, taker: 4, side: BUY, price: 100, qty: 5, makerLeft: 0, takerLeft: 7 }),
        trade({ n: 2, maker: 3, taker: 4, side: BUY, price: 100, qty: 5, makerLeft: 0, takerLeft: 2 }),
        trade({ n: 3, maker: 1, taker: 4, side: BUY, price: 101, qty: 2, makerLeft: 3, takerLeft: 0 }),
      ]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 101, quantity: 3, orders: 1 }]);
      assert.equal(h.book.lastTradePrice(), 101);
    });

    test('trades at the maker price, not the taker limit', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 5));
      assert.deepEqual(h.submit(limit(2, SELL, 95, 3)), [
        accepted(2),
        trade({ n: 1, maker: 1, taker: 2, side: SELL, price: 100, qty: 3, makerLeft: 2, takerLeft: 0 }),
      ]);
    });

    test('a taker never trades beyond its limit; its remainder rests', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2), limit(2, SELL, 102, 2));
      assert.deepEqual(h.submit(limit(3, BUY, 101, 5)), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 3 }),
      ]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 101, quantity: 3, orders: 1 }]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 102, quantity: 2, orders: 1 }]);
      assert.deepEqual(
        h.book.orders().map((o) => [o.id, o.filled, o.open]),
        [
          [3, 2, 3],
          [2, 0, 2],
        ],
      );
    });

    test('a partial fill of a resting order keeps its place', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5), limit(2, SELL, 100, 5));
      h.submit(limit(3, BUY, 100, 2));
      assert.deepEqual(h.submit(limit(4, BUY, 100, 4)), [
        accepted(4),
        trade({ n: 2, maker: 1, taker: 4, side: BUY, price: 100, qty: 3, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 3, maker: 2, taker: 4, side: BUY, price: 100, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('MARKET takes any price; its remainder is canceled NO_LIQUIDITY and counted', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2), limit(2, SELL, 150, 3));
      assert.deepEqual(h.submit(market(3, BUY, 10)), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 8 }),
        trade({ n: 2, maker: 2, taker: 3, side: BUY, price: 150, qty: 3, makerLeft: 0, takerLeft: 5 }),
        canceled(3, R.NO_LIQUIDITY, 5),
      ]);
      assert.deepEqual(h.submit(market(4, SELL, 7)), [accepted(4), canceled(4, R.NO_LIQUIDITY, 7)]);
      assert.deepEqual(h.book.stats, {
        trades: 2,
        tradedVolume: 5,
        cancelOk: 0,
        cancelledVolume: 0,
        marketUnfilled: 12,
      });
      assert.deepEqual(h.book.orders(), []);
    });

    test('IOC: what cannot fill at once is canceled IOC_REMAINDER', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2), limit(2, SELL, 101, 2));
      assert.deepEqual(h.submit(limit(3, BUY, 100, 5, { timeInForce: TIF.IOC })), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 3 }),
        canceled(3, R.IOC_REMAINDER, 3),
      ]);
      assert.deepEqual(h.submit(limit(4, BUY, 100, 1, { timeInForce: TIF.IOC })), [
        accepted(4),
        canceled(4, R.IOC_REMAINDER, 1),
      ]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [2],
      );
      assert.equal(h.book.stats.marketUnfilled, 0);
    });

    test('MARKET FOK fills completely at once', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2), limit(2, SELL, 105, 5));
      assert.deepEqual(h.submit(market(3, BUY, 4, { timeInForce: TIF.FOK })), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 2 }),
        trade({ n: 2, maker: 2, taker: 3, side: BUY, price: 105, qty: 2, makerLeft: 3, takerLeft: 0 }),
      ]);
    });
  });

  describe(`${label}: fill or kill`, () => {
    test('FOK that cannot fill: FOK_UNFILLABLE and the book is unchanged', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2), limit(2, SELL, 102, 5));
      const before = h.snapshot();
      // only 2 lots at acceptable prices (≤ 101)
      assert.deepEqual(h.submit(limit(3, BUY, 101, 3, { timeInForce: TIF.FOK })), [
        accepted(3),
        canceled(3, R.FOK_UNFILLABLE, 3),
      ]);
      assert.deepEqual(h.submit(market(4, BUY, 8, { timeInForce: TIF.FOK })), [
        accepted(4),
        canceled(4, R.FOK_UNFILLABLE, 8),
      ]);
      assert.deepEqual(h.snapshot(), before, 'FOK_UNFILLABLE changes nothing else (stats included)');
      assert.deepEqual(
        h.submit(limit(3, BUY, 101, 1)),
        [rejected(3, R.DUPLICATE_ORDER_ID)],
        'its id is used',
      );
    });

    test('FOK that can fill trades across levels', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2), limit(2, SELL, 102, 5));
      assert.deepEqual(h.submit(limit(3, BUY, 102, 3, { timeInForce: TIF.FOK })), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 2, maker: 2, taker: 3, side: BUY, price: 102, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('FOK counts hidden orders and iceberg reserves', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 6, { displayQuantity: 2 }), limit(2, SELL, 100, 3, { hidden: true }));
      assert.deepEqual(h.book.depth(SELL), [{ price: 100, quantity: 2, orders: 1 }]);
      const before = h.snapshot();
      assert.deepEqual(h.submit(limit(3, BUY, 100, 10, { timeInForce: TIF.FOK })), [
        accepted(3),
        canceled(3, R.FOK_UNFILLABLE, 10),
      ]);
      assert.deepEqual(h.snapshot(), before);
      assert.deepEqual(h.submit(limit(4, BUY, 100, 9, { timeInForce: TIF.FOK })), [
        accepted(4),
        trade({ n: 1, maker: 1, taker: 4, side: BUY, price: 100, qty: 2, makerLeft: 4, takerLeft: 7 }),
        replenished(1, 2),
        trade({ n: 2, maker: 1, taker: 4, side: BUY, price: 100, qty: 2, makerLeft: 2, takerLeft: 5 }),
        replenished(1, 2),
        trade({ n: 3, maker: 1, taker: 4, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 3 }),
        trade({ n: 4, maker: 2, taker: 4, side: BUY, price: 100, qty: 3, makerLeft: 0, takerLeft: 0 }),
      ]);
    });

    test('FOK with CANCEL_MAKER skips the own orders when counting', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 3, { owner: 1 }), limit(2, SELL, 100, 3, { owner: 2 }));
      const fok = (id: number, quantity: number) =>
        limit(id, BUY, 100, quantity, {
          owner: 1,
          timeInForce: TIF.FOK,
          selfTradePrevention: STP.CANCEL_MAKER,
        });
      const before = h.snapshot();
      assert.deepEqual(h.submit(fok(3, 4)), [accepted(3), canceled(3, R.FOK_UNFILLABLE, 4)]);
      assert.deepEqual(h.snapshot(), before, 'the own order was not canceled');
      assert.deepEqual(h.submit(fok(4, 3)), [
        accepted(4),
        canceled(1, R.SELF_TRADE, 3),
        trade({
          n: 1,
          maker: 2,
          taker: 4,
          side: BUY,
          price: 100,
          qty: 3,
          makerLeft: 0,
          takerLeft: 0,
          makerOwner: 2,
          takerOwner: 1,
        }),
      ]);
    });

    for (const mode of [STP.CANCEL_TAKER, STP.CANCEL_BOTH]) {
      test(`FOK with ${mode} stops counting at the first own order`, () => {
        const h = fresh();
        h.rest(
          limit(1, SELL, 100, 3, { owner: 2 }),
          limit(2, SELL, 100, 3, { owner: 1 }),
          limit(3, SELL, 100, 3, { owner: 2 }),
        );
        const fok = (id: number, quantity: number) =>
          limit(id, BUY, 100, quantity, { owner: 1, timeInForce: TIF.FOK, selfTradePrevention: mode });
        const before = h.snapshot();
        assert.deepEqual(h.submit(fok(4, 4)), [accepted(4), canceled(4, R.FOK_UNFILLABLE, 4)]);
        assert.deepEqual(h.snapshot(), before);
        assert.deepEqual(h.submit(fok(5, 3)), [
          accepted(5),
          trade({
            n: 1,
            maker: 1,
            taker: 5,
            side: BUY,
            price: 100,
            qty: 3,
            makerLeft: 0,
            takerLeft: 0,
            makerOwner: 2,
            takerOwner: 1,
          }),
        ]);
      });
    }

    test('FOK counts a reduce-only maker only for what it would trade', () => {
      const h = fresh();
      h.book.setPosition(1, 3);
      h.rest(limit(1, SELL, 100, 3, { owner: 1, reduceOnly: true }), limit(2, SELL, 100, 2));
      h.book.setPosition(1, 1);
      const before = h.snapshot();
      // order 1 can trade 1 lot (its owner's position), so 3 lots are available, not 5
      assert.deepEqual(h.submit(limit(3, BUY, 100, 4, { timeInForce: TIF.FOK })), [
        accepted(3),
        canceled(3, R.FOK_UNFILLABLE, 4),
      ]);
      assert.deepEqual(h.snapshot(), before, 'the reduce-only maker was not touched');
      assert.deepEqual(h.submit(limit(4, BUY, 100, 3, { timeInForce: TIF.FOK })), [
        accepted(4),
        trade({
          n: 1,
          maker: 1,
          taker: 4,
          side: BUY,
          price: 100,
          qty: 1,
          makerLeft: 2,
          takerLeft: 2,
          makerOwner: 1,
        }),
        canceled(1, R.REDUCE_ONLY, 2),
        trade({ n: 2, maker: 2, taker: 4, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 0 }),
      ]);
    });

    test('FOK counts in match order: an iceberg next slice goes behind an own order (CANCEL_TAKER)', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5, { owner: 2, displayQuantity: 1 }), limit(2, SELL, 100, 5, { owner: 1 }));
      const before = h.snapshot();
      // match order: 1's first slice, then own order 2 (1's next slice is behind it) → only 1 lot
      assert.deepEqual(
        h.submit(
          limit(3, BUY, 100, 2, { owner: 1, timeInForce: TIF.FOK, selfTradePrevention: STP.CANCEL_TAKER }),
        ),
        [accepted(3), canceled(3, R.FOK_UNFILLABLE, 2)],
      );
      assert.deepEqual(h.snapshot(), before);
    });
  });

  describe(`${label}: hidden orders and icebergs`, () => {
    test('a hidden order rests without showing in L2', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 5, { hidden: true }));
      assert.deepEqual(h.book.depth(BUY), []);
      assert.equal(h.book.bestBid(), undefined);
      assert.equal(h.book.order(1)?.displayed, 0);
      assert.equal(h.book.order(1)?.open, 5);
      h.rest(limit(2, BUY, 99, 2));
      assert.equal(h.book.bestBid(), 99, 'a level with only hidden orders is not shown');
    });

    test('hidden orders trade after the displayed ones of their level, even if older', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 5, { hidden: true }), limit(2, BUY, 100, 3));
      assert.deepEqual(h.book.depth(BUY), [{ price: 100, quantity: 3, orders: 1 }]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [2, 1],
        'orders() lists the level in match order',
      );
      assert.deepEqual(h.submit(limit(3, SELL, 100, 4)), [
        accepted(3),
        trade({ n: 1, maker: 2, taker: 3, side: SELL, price: 100, qty: 3, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 2, maker: 1, taker: 3, side: SELL, price: 100, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('a hidden order at a better price trades first', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 2), limit(2, BUY, 101, 2, { hidden: true }));
      assert.deepEqual(h.submit(limit(3, SELL, 100, 3)), [
        accepted(3),
        trade({ n: 1, maker: 2, taker: 3, side: SELL, price: 101, qty: 2, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 2, maker: 1, taker: 3, side: SELL, price: 100, qty: 1, makerLeft: 1, takerLeft: 0 }),
      ]);
    });

    test('a hidden order as taker trades like any other', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2));
      assert.deepEqual(h.submit(limit(2, BUY, 100, 3, { hidden: true })), [
        accepted(2),
        trade({ n: 1, maker: 1, taker: 2, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 1 }),
      ]);
      assert.deepEqual(h.book.depth(BUY), []);
      assert.equal(h.book.order(2)?.displayed, 0);
    });

    test('iceberg: shows one slice; a used-up slice is replenished at the back of the level', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 6, { displayQuantity: 2 }), limit(2, SELL, 100, 3));
      assert.deepEqual(h.book.depth(SELL), [{ price: 100, quantity: 5, orders: 2 }]);
      assert.equal(h.book.order(1)?.displayed, 2);
      // the taker is larger than the slice: order 2 trades before the next slice
      assert.deepEqual(h.submit(limit(3, BUY, 100, 7)), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 4, takerLeft: 5 }),
        replenished(1, 2),
        trade({ n: 2, maker: 2, taker: 3, side: BUY, price: 100, qty: 3, makerLeft: 0, takerLeft: 2 }),
        trade({ n: 3, maker: 1, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 2, takerLeft: 0 }),
        replenished(1, 2),
      ]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 100, quantity: 2, orders: 1 }]);
    });

    test('iceberg: a replenished slice loses priority to an order that joined after the first slice', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 4, { displayQuantity: 2 }), limit(2, SELL, 100, 1));
      h.submit(limit(3, BUY, 100, 2)); // uses up slice 1 → replenished behind order 2
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [2, 1],
      );
      assert.deepEqual(h.submit(limit(4, BUY, 100, 1)), [
        accepted(4),
        trade({ n: 2, maker: 2, taker: 4, side: BUY, price: 100, qty: 1, makerLeft: 0, takerLeft: 0 }),
      ]);
    });

    test('iceberg: the last slice is what is left; a partial slice keeps its place', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5, { displayQuantity: 2 }), limit(2, SELL, 100, 4));
      assert.deepEqual(h.submit(limit(3, BUY, 100, 1)), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 100, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
      assert.equal(h.book.order(1)?.displayed, 1);
      assert.deepEqual(h.submit(limit(4, BUY, 100, 6)), [
        accepted(4),
        trade({ n: 2, maker: 1, taker: 4, side: BUY, price: 100, qty: 1, makerLeft: 3, takerLeft: 5 }),
        replenished(1, 2),
        trade({ n: 3, maker: 2, taker: 4, side: BUY, price: 100, qty: 4, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 4, maker: 1, taker: 4, side: BUY, price: 100, qty: 1, makerLeft: 2, takerLeft: 0 }),
      ]);
      assert.deepEqual(h.submit(limit(5, BUY, 100, 3)), [
        accepted(5),
        trade({ n: 5, maker: 1, taker: 5, side: BUY, price: 100, qty: 1, makerLeft: 1, takerLeft: 2 }),
        replenished(1, 1),
        trade({ n: 6, maker: 1, taker: 5, side: BUY, price: 100, qty: 1, makerLeft: 0, takerLeft: 1 }),
      ]);
      assert.deepEqual(h.book.depth(SELL), []);
      assert.deepEqual(h.book.depth(BUY), [{ price: 100, quantity: 1, orders: 1 }]);
    });

    test('iceberg: its reserve trades before the hidden queue of its level', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 3, { hidden: true }), limit(2, BUY, 100, 4, { displayQuantity: 2 }));
      assert.deepEqual(h.submit(limit(3, SELL, 100, 5)), [
        accepted(3),
        trade({ n: 1, maker: 2, taker: 3, side: SELL, price: 100, qty: 2, makerLeft: 2, takerLeft: 3 }),
        replenished(2, 2),
        trade({ n: 2, maker: 2, taker: 3, side: SELL, price: 100, qty: 2, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 3, maker: 1, taker: 3, side: SELL, price: 100, qty: 1, makerLeft: 2, takerLeft: 0 }),
      ]);
    });

    test('iceberg as taker trades its whole quantity, then rests showing a slice', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5));
      assert.deepEqual(h.submit(limit(2, BUY, 100, 9, { displayQuantity: 3 })), [
        accepted(2),
        trade({ n: 1, maker: 1, taker: 2, side: BUY, price: 100, qty: 5, makerLeft: 0, takerLeft: 4 }),
      ]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 100, quantity: 3, orders: 1 }]);
      assert.equal(h.book.order(2)?.open, 4);
    });
  });

  describe(`${label}: self-trade prevention`, () => {
    /** Own (owner 1) order first in line, then owner 2's. */
    const ownFirst = () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5, { owner: 1 }), limit(2, SELL, 100, 5, { owner: 2 }));
      return h;
    };
    const taker = (mode: SelfTradePrevention, quantity = 8) =>
      limit(3, BUY, 100, quantity, { owner: 1, selfTradePrevention: mode });

    test('CANCEL_TAKER: the taker is canceled SELF_TRADE and matching stops', () => {
      const h = ownFirst();
      assert.deepEqual(h.submit(taker(STP.CANCEL_TAKER)), [accepted(3), canceled(3, R.SELF_TRADE, 8)]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [1, 2],
      );
    });

    test('CANCEL_TAKER after trading with other owners', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 3, { owner: 2 }), limit(2, SELL, 100, 5, { owner: 1 }));
      assert.deepEqual(h.submit(taker(STP.CANCEL_TAKER)), [
        accepted(3),
        trade({
          n: 1,
          maker: 1,
          taker: 3,
          side: BUY,
          price: 100,
          qty: 3,
          makerLeft: 0,
          takerLeft: 5,
          makerOwner: 2,
          takerOwner: 1,
        }),
        canceled(3, R.SELF_TRADE, 5),
      ]);
    });

    test('CANCEL_MAKER: the own maker is canceled SELF_TRADE and matching goes on', () => {
      const h = ownFirst();
      assert.deepEqual(h.submit(taker(STP.CANCEL_MAKER)), [
        accepted(3),
        canceled(1, R.SELF_TRADE, 5),
        trade({
          n: 1,
          maker: 2,
          taker: 3,
          side: BUY,
          price: 100,
          qty: 5,
          makerLeft: 0,
          takerLeft: 3,
          makerOwner: 2,
          takerOwner: 1,
        }),
      ]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 100, quantity: 3, orders: 1 }]);
      assert.deepEqual(h.book.depth(SELL), []);
      assert.equal(h.book.stats.cancelOk, 0, 'self-trade cancellations are not cancel commands');
    });

    test('CANCEL_BOTH: maker then taker are canceled SELF_TRADE', () => {
      const h = ownFirst();
      assert.deepEqual(h.submit(taker(STP.CANCEL_BOTH)), [
        accepted(3),
        canceled(1, R.SELF_TRADE, 5),
        canceled(3, R.SELF_TRADE, 8),
      ]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [2],
      );
    });

    test('CANCEL_MAKER cancels an iceberg maker whole (reserve included)', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 9, { owner: 1, displayQuantity: 2 }));
      assert.deepEqual(h.submit(taker(STP.CANCEL_MAKER, 2)), [accepted(3), canceled(1, R.SELF_TRADE, 9)]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 100, quantity: 2, orders: 1 }]);
    });

    test('NONE lets an owner trade with itself; its position does not change', () => {
      const h = ownFirst();
      assert.deepEqual(h.submit(taker(STP.NONE, 2)), [
        accepted(3),
        trade({
          n: 1,
          maker: 1,
          taker: 3,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 3,
          takerLeft: 0,
          makerOwner: 1,
          takerOwner: 1,
        }),
      ]);
      assert.equal(h.book.position(1), 0);
    });

    test("only the taker's mode counts, and owner 0 never self-trades", () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2, { owner: 1, selfTradePrevention: STP.CANCEL_BOTH }));
      h.rest(limit(2, SELL, 100, 2, { selfTradePrevention: STP.CANCEL_BOTH }));
      assert.deepEqual(h.submit(limit(3, BUY, 100, 4, { selfTradePrevention: STP.CANCEL_BOTH })), [
        accepted(3),
        trade({
          n: 1,
          maker: 1,
          taker: 3,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 0,
          takerLeft: 2,
          makerOwner: 1,
        }),
        trade({ n: 2, maker: 2, taker: 3, side: BUY, price: 100, qty: 2, makerLeft: 0, takerLeft: 0 }),
      ]);
      h.rest(limit(4, SELL, 101, 2, { owner: 1, selfTradePrevention: STP.CANCEL_TAKER }));
      assert.deepEqual(h.submit(limit(5, BUY, 101, 1, { owner: 1 })), [
        accepted(5),
        trade({
          n: 3,
          maker: 4,
          taker: 5,
          side: BUY,
          price: 101,
          qty: 1,
          makerLeft: 1,
          takerLeft: 0,
          makerOwner: 1,
          takerOwner: 1,
        }),
      ]);
    });

    test('a MARKET taker canceled by self-trade prevention is not NO_LIQUIDITY', () => {
      const h = ownFirst();
      assert.deepEqual(h.submit(market(3, BUY, 4, { owner: 1, selfTradePrevention: STP.CANCEL_TAKER })), [
        accepted(3),
        canceled(3, R.SELF_TRADE, 4),
      ]);
    });
  });

  describe(`${label}: reduce-only and positions`, () => {
    test('positions follow the fills of each non-zero owner; setPosition overrides', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5, { owner: 1 }), limit(2, SELL, 101, 5));
      h.submit(limit(3, BUY, 101, 7, { owner: 2 }));
      assert.equal(h.book.position(1), -5);
      assert.equal(h.book.position(2), 7);
      assert.equal(h.book.position(0), 0);
      assert.equal(h.book.position(3), 0);
      h.book.setPosition(2, -4);
      assert.equal(h.book.position(2), -4);
      h.submit(market(4, SELL, 3, { owner: 1 }));
      assert.equal(h.book.position(1), -5, 'nothing to sell into');
    });

    test('a reduce-only order within the position trades normally', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(limit(1, BUY, 100, 10));
      assert.deepEqual(h.submit(market(2, SELL, 5, { owner: 1, reduceOnly: true })), [
        accepted(2),
        trade({
          n: 1,
          maker: 1,
          taker: 2,
          side: SELL,
          price: 100,
          qty: 5,
          makerLeft: 5,
          takerLeft: 0,
          takerOwner: 1,
        }),
      ]);
      assert.equal(h.book.position(1), 0);
    });

    test('a triggered reduce-only taker trades at most the remaining position; the rest is REDUCE_ONLY', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(conditional(1, T.STOP_MARKET, SELL, 5, { triggerPrice: 100, owner: 1, reduceOnly: true }));
      h.book.setPosition(1, 3);
      h.rest(limit(2, BUY, 100, 10, { owner: 2 }));
      assert.deepEqual(h.submit(limit(3, SELL, 100, 1, { owner: 3 })), [
        accepted(3),
        trade({
          n: 1,
          maker: 2,
          taker: 3,
          side: SELL,
          price: 100,
          qty: 1,
          makerLeft: 9,
          takerLeft: 0,
          makerOwner: 2,
          takerOwner: 3,
        }),
        triggered(1, 100),
        trade({
          n: 2,
          maker: 2,
          taker: 1,
          side: SELL,
          price: 100,
          qty: 3,
          makerLeft: 6,
          takerLeft: 2,
          makerOwner: 2,
          takerOwner: 1,
        }),
        canceled(1, R.REDUCE_ONLY, 2),
      ]);
      assert.deepEqual(
        [1, 2, 3].map((o) => h.book.position(o)),
        [0, 4, -1],
      );
    });

    test('a triggered reduce-only order with no position left is canceled REDUCE_ONLY at once', () => {
      const h = fresh();
      h.book.setPosition(1, -2);
      h.rest(
        conditional(1, T.STOP_LIMIT, BUY, 2, { price: 105, triggerPrice: 100, owner: 1, reduceOnly: true }),
        limit(2, SELL, 104, 5),
      );
      h.book.setPosition(1, 0);
      printTradeAndExpect(h, 10, 100, [triggered(1, 100), canceled(1, R.REDUCE_ONLY, 2)]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 104, quantity: 5, orders: 1 }]);
    });

    test('a resting reduce-only maker whose owner is flat is canceled REDUCE_ONLY when reached', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(limit(1, SELL, 100, 5, { owner: 1, reduceOnly: true }), limit(2, SELL, 101, 5));
      h.book.setPosition(1, 0);
      assert.deepEqual(h.submit(limit(3, BUY, 101, 3, { owner: 2 })), [
        accepted(3),
        canceled(1, R.REDUCE_ONLY, 5),
        trade({
          n: 1,
          maker: 2,
          taker: 3,
          side: BUY,
          price: 101,
          qty: 3,
          makerLeft: 2,
          takerLeft: 0,
          takerOwner: 2,
        }),
      ]);
    });

    test('a resting reduce-only maker whose position flipped is canceled REDUCE_ONLY', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(limit(1, SELL, 100, 5, { owner: 1, reduceOnly: true }));
      h.book.setPosition(1, -1);
      assert.deepEqual(h.submit(market(2, BUY, 3)), [
        accepted(2),
        canceled(1, R.REDUCE_ONLY, 5),
        canceled(2, R.NO_LIQUIDITY, 3),
      ]);
    });

    test('a reduce-only maker trades at most the position; the rest of it is canceled REDUCE_ONLY', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(limit(1, SELL, 100, 5, { owner: 1, reduceOnly: true }), limit(2, SELL, 100, 5, { owner: 3 }));
      h.book.setPosition(1, 2);
      assert.deepEqual(h.submit(limit(3, BUY, 100, 4, { owner: 2 })), [
        accepted(3),
        trade({
          n: 1,
          maker: 1,
          taker: 3,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 3,
          takerLeft: 2,
          makerOwner: 1,
          takerOwner: 2,
        }),
        canceled(1, R.REDUCE_ONLY, 3),
        trade({
          n: 2,
          maker: 2,
          taker: 3,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 3,
          takerLeft: 0,
          makerOwner: 3,
          takerOwner: 2,
        }),
      ]);
      assert.deepEqual(
        [1, 2, 3].map((o) => h.book.position(o)),
        [0, 4, -2],
      );
    });

    test('a reduce-only maker with position left stays live after a smaller trade', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(limit(1, SELL, 100, 5, { owner: 1, reduceOnly: true }));
      h.book.setPosition(1, 4);
      assert.deepEqual(h.submit(limit(2, BUY, 100, 2)), [
        accepted(2),
        trade({
          n: 1,
          maker: 1,
          taker: 2,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 3,
          takerLeft: 0,
          makerOwner: 1,
        }),
      ]);
      assert.equal(h.book.order(1)?.open, 3);
      assert.equal(h.book.position(1), 2);
    });
  });

  describe(`${label}: conditional orders`, () => {
    test('a stop waits off the book: in orders() after the resting ones, not in L2', () => {
      const h = fresh();
      h.rest(
        conditional(5, T.STOP_MARKET, BUY, 2, { triggerPrice: 101 }),
        limit(2, SELL, 102, 5),
        conditional(3, T.STOP_LIMIT, SELL, 1, { triggerPrice: 90, price: 89 }),
        limit(4, BUY, 95, 1),
      );
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [4, 2, 3, 5],
      );
      assert.deepEqual(withoutUndefined(h.book.order(3) as object), {
        id: 3,
        side: SELL,
        type: T.STOP_LIMIT,
        owner: 0,
        price: 89,
        triggerPrice: 90,
        quantity: 1,
        filled: 0,
        open: 1,
        displayed: 0,
        triggered: false,
        timeInForce: TIF.GTC,
      });
      assert.deepEqual(h.book.depth(BUY), [{ price: 95, quantity: 1, orders: 1 }]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 102, quantity: 5, orders: 1 }]);
    });

    test('STOP_MARKET buy triggers when the last trade reaches its trigger, then trades as MARKET', () => {
      const h = fresh();
      h.rest(
        conditional(1, T.STOP_MARKET, BUY, 2, { triggerPrice: 101 }),
        limit(2, SELL, 100, 1),
        limit(3, SELL, 101, 1),
        limit(4, SELL, 102, 5),
      );
      assert.deepEqual(h.submit(market(5, BUY, 1)), [
        accepted(5),
        trade({ n: 1, maker: 2, taker: 5, side: BUY, price: 100, qty: 1, makerLeft: 0, takerLeft: 0 }),
      ]);
      assert.deepEqual(h.submit(market(6, BUY, 1)), [
        accepted(6),
        trade({ n: 2, maker: 3, taker: 6, side: BUY, price: 101, qty: 1, makerLeft: 0, takerLeft: 0 }),
        triggered(1, 101),
        trade({ n: 3, maker: 4, taker: 1, side: BUY, price: 102, qty: 2, makerLeft: 3, takerLeft: 0 }),
      ]);
      assert.equal(h.book.order(1), undefined);
    });

    test('STOP sell triggers at last ≤ trigger; with no trade yet it waits', () => {
      const h = fresh();
      h.rest(conditional(1, T.STOP_MARKET, SELL, 1, { triggerPrice: 1000 }), limit(2, BUY, 90, 5));
      assert.equal(h.book.order(1)?.triggered, false, 'no last trade: no trigger');
      h.rest(limit(3, SELL, 99, 1));
      assert.deepEqual(h.submit(limit(4, BUY, 99, 1)), [
        accepted(4),
        trade({ n: 1, maker: 3, taker: 4, side: BUY, price: 99, qty: 1, makerLeft: 0, takerLeft: 0 }),
        triggered(1, 1000),
        trade({ n: 2, maker: 2, taker: 1, side: SELL, price: 90, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('a condition that holds on acceptance triggers in the same command', () => {
      const h = fresh();
      printTrade(h, 10, 100);
      h.rest(limit(1, BUY, 98, 3));
      assert.deepEqual(h.submit(conditional(2, T.STOP_MARKET, SELL, 2, { triggerPrice: 100 })), [
        accepted(2),
        triggered(2, 100),
        trade({ n: 2, maker: 1, taker: 2, side: SELL, price: 98, qty: 2, makerLeft: 1, takerLeft: 0 }),
      ]);
    });

    test('STOP_LIMIT: triggered, it rests at its limit (time in force from then on)', () => {
      const h = fresh();
      h.rest(conditional(1, T.STOP_LIMIT, BUY, 3, { triggerPrice: 100, price: 101 }), limit(2, SELL, 101, 1));
      printTradeAndExpect(h, 10, 100, [
        triggered(1, 100),
        trade({ n: 2, maker: 2, taker: 1, side: BUY, price: 101, qty: 1, makerLeft: 0, takerLeft: 2 }),
      ]);
      assert.deepEqual(withoutUndefined(h.book.order(1) as object), {
        id: 1,
        side: BUY,
        type: T.STOP_LIMIT,
        owner: 0,
        price: 101,
        quantity: 3,
        filled: 1,
        open: 2,
        displayed: 2,
        triggered: true,
        timeInForce: TIF.GTC,
      });
      assert.deepEqual(h.book.depth(BUY), [{ price: 101, quantity: 2, orders: 1 }]);
    });

    test('a triggered IOC STOP_LIMIT cancels its remainder; a triggered FOK STOP_MARKET may be unfillable', () => {
      const h = fresh();
      h.rest(
        conditional(1, T.STOP_LIMIT, BUY, 3, { triggerPrice: 100, price: 101, timeInForce: TIF.IOC }),
        conditional(2, T.STOP_MARKET, BUY, 9, { triggerPrice: 100, timeInForce: TIF.FOK }),
        limit(3, SELL, 101, 2),
      );
      printTradeAndExpect(h, 10, 100, [
        triggered(1, 100),
        trade({ n: 2, maker: 3, taker: 1, side: BUY, price: 101, qty: 2, makerLeft: 0, takerLeft: 1 }),
        canceled(1, R.IOC_REMAINDER, 1),
        triggered(2, 100),
        canceled(2, R.FOK_UNFILLABLE, 9),
      ]);
    });

    test('a triggered STOP_MARKET that finds no liquidity is canceled NO_LIQUIDITY', () => {
      const h = fresh();
      h.rest(conditional(1, T.STOP_MARKET, BUY, 3, { triggerPrice: 100 }));
      printTradeAndExpect(h, 10, 100, [triggered(1, 100), canceled(1, R.NO_LIQUIDITY, 3)]);
      assert.equal(h.book.stats.marketUnfilled, 3);
    });

    test('MARKET_IF_TOUCHED buy triggers at last ≤ trigger; LIMIT_IF_TOUCHED sell at last ≥ trigger', () => {
      const h = fresh();
      h.rest(
        conditional(1, T.MARKET_IF_TOUCHED, BUY, 1, { triggerPrice: 95 }),
        conditional(2, T.LIMIT_IF_TOUCHED, SELL, 1, { triggerPrice: 105, price: 104 }),
      );
      printTradeAndExpect(h, 10, 100, []);
      printTradeAndExpect(h, 12, 96, []);
      printTradeAndExpect(h, 14, 95, [triggered(1, 95), canceled(1, R.NO_LIQUIDITY, 1)]);
      printTradeAndExpect(h, 16, 104, []);
      printTradeAndExpect(h, 18, 105, [triggered(2, 105)]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 104, quantity: 1, orders: 1 }]);
    });

    test('an owner own fill triggers its own stop, whose trade triggers a further stop', () => {
      const h = fresh();
      h.rest(
        limit(1, SELL, 100, 2, { owner: 1 }),
        conditional(2, T.STOP_MARKET, BUY, 1, { triggerPrice: 100, owner: 1 }),
        limit(3, SELL, 101, 5, { owner: 3 }),
        conditional(4, T.STOP_MARKET, BUY, 1, { triggerPrice: 101, owner: 2 }),
      );
      assert.deepEqual(h.submit(limit(5, BUY, 100, 2, { owner: 2 })), [
        accepted(5),
        trade({
          n: 1,
          maker: 1,
          taker: 5,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 0,
          takerLeft: 0,
          makerOwner: 1,
          takerOwner: 2,
        }),
        triggered(2, 100),
        trade({
          n: 2,
          maker: 3,
          taker: 2,
          side: BUY,
          price: 101,
          qty: 1,
          makerLeft: 4,
          takerLeft: 0,
          makerOwner: 3,
          takerOwner: 1,
        }),
        triggered(4, 101),
        trade({
          n: 3,
          maker: 3,
          taker: 4,
          side: BUY,
          price: 101,
          qty: 1,
          makerLeft: 3,
          takerLeft: 0,
          makerOwner: 3,
          takerOwner: 2,
        }),
      ]);
      assert.deepEqual(
        [1, 2, 3].map((o) => h.book.position(o)),
        [-1, 3, -2],
      );
    });

    test('orders whose conditions hold trigger by ascending id, not submission order', () => {
      const h = fresh();
      h.rest(
        conditional(7, T.STOP_MARKET, BUY, 1, { triggerPrice: 100 }),
        conditional(3, T.STOP_MARKET, BUY, 1, { triggerPrice: 99 }),
        limit(1, SELL, 105, 5),
      );
      printTradeAndExpect(h, 10, 100, [
        triggered(3, 99),
        trade({ n: 2, maker: 1, taker: 3, side: BUY, price: 105, qty: 1, makerLeft: 4, takerLeft: 0 }),
        triggered(7, 100),
        trade({ n: 3, maker: 1, taker: 7, side: BUY, price: 105, qty: 1, makerLeft: 3, takerLeft: 0 }),
      ]);
    });

    test('trailing stop (offset): the sell trigger follows the highest trade price', () => {
      const h = fresh();
      printTrade(h, 10, 100);
      h.rest(conditional(1, T.TRAILING_STOP_MARKET, SELL, 1, { trailingOffset: 3 }), limit(2, BUY, 90, 5));
      assert.equal(h.book.order(1)?.triggerPrice, 97);
      printTradeAndExpect(h, 12, 105, []);
      assert.equal(h.book.order(1)?.triggerPrice, 102);
      printTradeAndExpect(h, 14, 103, []);
      assert.equal(h.book.order(1)?.triggerPrice, 102, 'a lower trade does not move a sell trail down');
      printTradeAndExpect(h, 16, 102, [
        triggered(1, 102),
        trade({ n: 5, maker: 2, taker: 1, side: SELL, price: 90, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('trailing stop (bps): offset = round-half-up(reference × bps / 10000)', () => {
      const h = fresh();
      printTrade(h, 10, 1000);
      h.rest(
        conditional(1, T.TRAILING_STOP_MARKET, SELL, 1, { trailingBps: 25 }), // 2.5 → 3
        conditional(2, T.TRAILING_STOP_MARKET, BUY, 1, { trailingBps: 24 }), // 2.4 → 2
        conditional(3, T.TRAILING_STOP_MARKET, SELL, 1, { trailingBps: 150 }), // 15
      );
      assert.deepEqual(
        [1, 2, 3].map((id) => h.book.order(id)?.triggerPrice),
        [997, 1002, 985],
      );
    });

    test('trailing buy: the trigger follows the lowest trade price; no trade yet → no reference', () => {
      const h = fresh();
      h.rest(conditional(1, T.TRAILING_STOP_MARKET, BUY, 1, { trailingOffset: 2 }), limit(2, SELL, 200, 5));
      assert.equal(h.book.order(1)?.triggerPrice, undefined);
      printTradeAndExpect(h, 10, 100, []);
      assert.equal(h.book.order(1)?.triggerPrice, 102);
      printTradeAndExpect(h, 12, 97, []);
      assert.equal(h.book.order(1)?.triggerPrice, 99);
      printTradeAndExpect(h, 14, 99, [
        triggered(1, 99),
        trade({ n: 4, maker: 2, taker: 1, side: BUY, price: 200, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('trailing references absorb every trade price of a step, not only the last', () => {
      const h = fresh();
      printTrade(h, 10, 100);
      h.rest(
        conditional(1, T.TRAILING_STOP_MARKET, SELL, 1, { trailingOffset: 5 }),
        limit(2, SELL, 101, 1),
        limit(3, SELL, 108, 1),
        limit(4, SELL, 104, 1),
      );
      // one sweep trades 101, 104, 108: the reference is 108 → trigger level 103
      h.submit(market(5, BUY, 3));
      assert.equal(h.book.order(1)?.triggerPrice, 103);
    });

    test('TRAILING_STOP_LIMIT: limit = trigger level ∓ limitOffset when it triggers', () => {
      const h = fresh();
      printTrade(h, 10, 100);
      h.rest(conditional(1, T.TRAILING_STOP_LIMIT, SELL, 2, { trailingOffset: 4, limitOffset: 2 }));
      assert.equal(h.book.order(1)?.price, undefined, 'no limit before it triggers');
      printTradeAndExpect(h, 12, 110, []);
      // sell: highest 110 → level 106 → limit 104
      printTradeAndExpect(h, 14, 106, [triggered(1, 106)]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 104, quantity: 2, orders: 1 }]);
      assert.equal(h.book.order(1)?.triggered, true);
      assert.equal(h.book.order(1)?.triggerPrice, undefined);
      h.rest(conditional(2, T.TRAILING_STOP_LIMIT, BUY, 2, { trailingOffset: 3, limitOffset: 1 }));
      assert.equal(h.book.order(2)?.triggerPrice, 109, 'the reference starts at the last trade, 106');
      assert.deepEqual(h.submit(market(20, BUY, 2)), [
        accepted(20),
        trade({ n: 4, maker: 1, taker: 20, side: BUY, price: 104, qty: 2, makerLeft: 0, takerLeft: 0 }),
      ]);
      assert.equal(h.book.order(2)?.triggerPrice, 107);
      // buy: lowest 104 → level 107 → limit 108
      printTradeAndExpect(h, 30, 107, [triggered(2, 107)]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 108, quantity: 2, orders: 1 }]);
    });

    test('a conditional DAY order expires untriggered; GTD ones too', () => {
      const h = fresh({ sessionEnd: (t) => t + 1000 });
      h.rest(
        conditional(1, T.STOP_MARKET, BUY, 1, { triggerPrice: 100, timeInForce: TIF.DAY }),
        conditional(2, T.STOP_LIMIT, SELL, 1, {
          triggerPrice: 90,
          price: 89,
          timeInForce: TIF.GTD,
          expireTime: 500,
        }),
      );
      assert.deepEqual(h.advance(500), [expired(2, 1, 500)]);
      assert.deepEqual(h.advance(1000), [expired(1, 1, 1000)]);
    });
  });

  describe(`${label}: modify`, () => {
    test('UNKNOWN_ORDER: never seen, filled, canceled', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 1), limit(2, BUY, 90, 1));
      h.submit(market(3, BUY, 1));
      h.cancel(2);
      for (const id of [1, 2, 3, 99])
        h.expectRejected((b) => b.modify({ id, quantity: 5 }), id, R.UNKNOWN_ORDER);
    });

    test('NOT_MODIFIABLE: price without a limit; trigger of a trailing, triggered or plain order', () => {
      const h = fresh();
      h.rest(
        conditional(1, T.STOP_MARKET, BUY, 1, { triggerPrice: 110 }),
        conditional(2, T.TRAILING_STOP_LIMIT, SELL, 1, { trailingOffset: 2 }),
        conditional(3, T.STOP_LIMIT, BUY, 1, { triggerPrice: 50, price: 50 }),
        limit(4, BUY, 40, 1),
      );
      printTrade(h, 10, 60); // triggers 3: it rests at 50
      assert.equal(h.book.order(3)?.triggered, true);
      h.expectRejected((b) => b.modify({ id: 1, price: 105 }), 1, R.NOT_MODIFIABLE);
      h.expectRejected((b) => b.modify({ id: 2, price: 55 }), 2, R.NOT_MODIFIABLE);
      h.expectRejected((b) => b.modify({ id: 2, triggerPrice: 55 }), 2, R.NOT_MODIFIABLE);
      h.expectRejected((b) => b.modify({ id: 3, triggerPrice: 55 }), 3, R.NOT_MODIFIABLE);
      h.expectRejected((b) => b.modify({ id: 4, triggerPrice: 55 }), 4, R.NOT_MODIFIABLE);
      // NOT_MODIFIABLE comes before the quantity and price checks
      h.expectRejected((b) => b.modify({ id: 1, price: 105, quantity: 0 }), 1, R.NOT_MODIFIABLE);
    });

    test('INVALID_QUANTITY (≤ filled, or not a positive safe integer), QUANTITY_OFF_LOT', () => {
      const h = fresh({ lotSize: 2 });
      h.rest(limit(1, SELL, 100, 10));
      h.submit(market(2, BUY, 4));
      for (const quantity of [4, 2, 0, -2, 5.5]) {
        h.expectRejected((b) => b.modify({ id: 1, quantity }), 1, R.INVALID_QUANTITY);
      }
      h.expectRejected((b) => b.modify({ id: 1, quantity: 7 }), 1, R.QUANTITY_OFF_LOT);
      assert.deepEqual(h.modify({ id: 1, quantity: 6 }), [
        modified(1, { price: 100, quantity: 6, lostPriority: false }),
      ]);
      assert.deepEqual(withoutUndefined(h.book.order(1) as object), {
        id: 1,
        side: SELL,
        type: T.LIMIT,
        owner: 0,
        price: 100,
        quantity: 6,
        filled: 4,
        open: 2,
        displayed: 2,
        triggered: false,
        timeInForce: TIF.GTC,
      });
    });

    test('INVALID_PRICE, PRICE_OFF_TICK, POST_ONLY_WOULD_CROSS', () => {
      const h = fresh({ tickSize: 5 });
      h.rest(
        limit(1, BUY, 100, 1, { postOnly: true }),
        limit(2, SELL, 110, 1, { hidden: true }),
        conditional(3, T.STOP_MARKET, BUY, 1, { triggerPrice: 200 }),
      );
      h.expectRejected((b) => b.modify({ id: 1, price: 0 }), 1, R.INVALID_PRICE);
      h.expectRejected((b) => b.modify({ id: 1, price: 102 }), 1, R.PRICE_OFF_TICK);
      h.expectRejected((b) => b.modify({ id: 3, triggerPrice: -5 }), 3, R.INVALID_PRICE);
      h.expectRejected((b) => b.modify({ id: 3, triggerPrice: 201 }), 3, R.PRICE_OFF_TICK);
      h.expectRejected((b) => b.modify({ id: 1, price: 110 }), 1, R.POST_ONLY_WOULD_CROSS);
      assert.deepEqual(h.modify({ id: 1, price: 105 }), [
        modified(1, { price: 105, quantity: 1, lostPriority: true }),
      ]);
    });

    test('a quantity decrease keeps time priority', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 5), limit(2, BUY, 100, 5));
      assert.deepEqual(h.modify({ id: 1, quantity: 3 }), [
        modified(1, { price: 100, quantity: 3, lostPriority: false }),
      ]);
      assert.deepEqual(h.submit(limit(3, SELL, 100, 4)), [
        accepted(3),
        trade({ n: 1, maker: 1, taker: 3, side: SELL, price: 100, qty: 3, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 2, maker: 2, taker: 3, side: SELL, price: 100, qty: 1, makerLeft: 4, takerLeft: 0 }),
      ]);
    });

    test('a quantity increase loses time priority', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 5), limit(2, BUY, 100, 5));
      assert.deepEqual(h.modify({ id: 1, quantity: 6 }), [
        modified(1, { price: 100, quantity: 6, lostPriority: true }),
      ]);
      assert.deepEqual(h.submit(limit(3, SELL, 100, 6)), [
        accepted(3),
        trade({ n: 1, maker: 2, taker: 3, side: SELL, price: 100, qty: 5, makerLeft: 0, takerLeft: 1 }),
        trade({ n: 2, maker: 1, taker: 3, side: SELL, price: 100, qty: 1, makerLeft: 5, takerLeft: 0 }),
      ]);
    });

    test('a price change loses time priority; the same price keeps it', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 1), limit(2, BUY, 100, 1), limit(3, BUY, 99, 1));
      assert.deepEqual(h.modify({ id: 1, price: 100 }), [
        modified(1, { price: 100, quantity: 1, lostPriority: false }),
      ]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [1, 2, 3],
      );
      assert.deepEqual(h.modify({ id: 3, price: 100 }), [
        modified(3, { price: 100, quantity: 1, lostPriority: true }),
      ]);
      h.modify({ id: 1, price: 99 });
      h.modify({ id: 1, price: 100 });
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [2, 3, 1],
      );
    });

    test('a limit moved across the spread trades at once as a taker; the remainder rests', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 101, 3), limit(2, SELL, 103, 3), limit(3, BUY, 100, 5));
      assert.deepEqual(h.modify({ id: 3, price: 102 }), [
        modified(3, { price: 102, quantity: 5, lostPriority: true }),
        trade({ n: 1, maker: 1, taker: 3, side: BUY, price: 101, qty: 3, makerLeft: 0, takerLeft: 2 }),
      ]);
      assert.deepEqual(h.book.depth(BUY), [{ price: 102, quantity: 2, orders: 1 }]);
      assert.deepEqual(h.book.depth(SELL), [{ price: 103, quantity: 3, orders: 1 }]);
    });

    test('a limit moved across with a new quantity fills completely', () => {
      const h = fresh();
      h.rest(limit(1, BUY, 100, 4), limit(2, SELL, 105, 5));
      assert.deepEqual(h.modify({ id: 2, price: 100, quantity: 2 }), [
        modified(2, { price: 100, quantity: 2, lostPriority: true }),
        trade({ n: 1, maker: 1, taker: 2, side: SELL, price: 100, qty: 2, makerLeft: 2, takerLeft: 0 }),
      ]);
      assert.equal(h.book.order(2), undefined);
    });

    test('modify of a waiting conditional order: trigger, limit and quantity, no priority', () => {
      const h = fresh();
      h.rest(conditional(1, T.STOP_LIMIT, BUY, 2, { triggerPrice: 110, price: 111 }));
      assert.deepEqual(h.modify({ id: 1, triggerPrice: 120, price: 121, quantity: 4 }), [
        modified(1, { price: 121, triggerPrice: 120, quantity: 4, lostPriority: false }),
      ]);
      assert.equal(h.book.order(1)?.triggerPrice, 120);
      assert.equal(h.book.order(1)?.price, 121);
      h.rest(conditional(2, T.TRAILING_STOP_MARKET, SELL, 2, { trailingOffset: 5 }));
      assert.deepEqual(h.modify({ id: 2, quantity: 1 }), [modified(2, { quantity: 1, lostPriority: false })]);
    });
  });

  describe(`${label}: cancel and cancel-all`, () => {
    test('cancel: a live order leaves with its open quantity; stats count it', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5), conditional(2, T.STOP_MARKET, BUY, 3, { triggerPrice: 120 }));
      h.submit(market(3, BUY, 2));
      assert.deepEqual(h.cancel(1, 50), [canceled(1, R.CANCELED, 3, 50)]);
      assert.deepEqual(h.cancel(2), [canceled(2, R.CANCELED, 3, 50)], 'the clock moved to 50');
      assert.deepEqual(h.book.orders(), []);
      assert.deepEqual(h.book.stats, {
        trades: 1,
        tradedVolume: 2,
        cancelOk: 2,
        cancelledVolume: 6,
        marketUnfilled: 0,
      });
    });

    test('cancel: unknown, filled or already canceled → UNKNOWN_ORDER, nothing changes', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 1), limit(2, BUY, 90, 1));
      h.submit(market(3, BUY, 1));
      h.cancel(2);
      for (const id of [1, 2, 3, 4, 0, -1]) h.expectRejected((b) => b.cancel(id), id, R.UNKNOWN_ORDER);
    });

    test('cancelAll: every live order matching the filter, in acceptance order', () => {
      const setup = () => {
        const h = fresh();
        h.rest(
          limit(9, BUY, 90, 1, { owner: 1 }),
          limit(4, SELL, 110, 2, { owner: 2 }),
          conditional(7, T.STOP_MARKET, SELL, 3, { triggerPrice: 80, owner: 1 }),
          limit(2, SELL, 111, 4, { owner: 1 }),
          limit(5, BUY, 91, 5, { owner: 2, hidden: true }),
        );
        return h;
      };
      let h = setup();
      assert.deepEqual(h.cancelAll({ owner: 1 }), [
        canceled(9, R.CANCELED, 1),
        canceled(7, R.CANCELED, 3),
        canceled(2, R.CANCELED, 4),
      ]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [5, 4],
      );
      assert.equal(h.book.stats.cancelOk, 3);
      assert.equal(h.book.stats.cancelledVolume, 8);
      h = setup();
      assert.deepEqual(h.cancelAll({ side: SELL }), [
        canceled(4, R.CANCELED, 2),
        canceled(7, R.CANCELED, 3),
        canceled(2, R.CANCELED, 4),
      ]);
      h = setup();
      assert.deepEqual(h.cancelAll({ owner: 2, side: BUY }), [canceled(5, R.CANCELED, 5)]);
      h = setup();
      assert.deepEqual(h.cancelAll(undefined, 30), [
        canceled(9, R.CANCELED, 1, 30),
        canceled(4, R.CANCELED, 2, 30),
        canceled(7, R.CANCELED, 3, 30),
        canceled(2, R.CANCELED, 4, 30),
        canceled(5, R.CANCELED, 5, 30),
      ]);
      assert.deepEqual(h.book.stats.cancelOk, 5);
      assert.deepEqual(h.cancelAll(), [], 'nothing to cancel: no events, no listener call');
      assert.deepEqual(setup().cancelAll({ owner: 3 }), []);
    });
  });

  describe(`${label}: time and expiry`, () => {
    test('DAY orders expire at sessionEnd(time of acceptance)', () => {
      const h = fresh({ sessionEnd: (t) => t + 1000 });
      h.rest(limit(1, BUY, 90, 2, { timeInForce: TIF.DAY }));
      assert.deepEqual(h.submit(limit(2, BUY, 91, 3, { timeInForce: TIF.DAY }), 200), [accepted(2, 200)]);
      assert.deepEqual(h.advance(999), []);
      assert.deepEqual(h.advance(1000), [expired(1, 2, 1000)]);
      assert.deepEqual(h.advance(1150), []);
      assert.deepEqual(h.advance(1250), [expired(2, 3, 1250)]);
      assert.equal(h.book.stats.cancelOk, 0, 'expiry is not a cancel');
    });

    test('the default session ends at the next UTC midnight', () => {
      const h = fresh();
      h.advance(5 * DAY_US + 123);
      h.rest(limit(1, BUY, 90, 2, { timeInForce: TIF.DAY }));
      assert.deepEqual(h.advance(6 * DAY_US - 1), []);
      assert.deepEqual(h.advance(6 * DAY_US), [expired(1, 2, 6 * DAY_US)]);
    });

    test('GTD orders expire at expireTime, by expiry then id; partial fills expire their open part', () => {
      const h = fresh();
      h.rest(
        limit(2, BUY, 90, 2, { timeInForce: TIF.GTD, expireTime: 300 }),
        limit(1, BUY, 91, 2, { timeInForce: TIF.GTD, expireTime: 300 }),
        limit(3, BUY, 92, 4, { timeInForce: TIF.GTD, expireTime: 200 }),
        limit(4, BUY, 89, 1, { timeInForce: TIF.GTD, expireTime: 401 }),
      );
      h.submit(market(5, SELL, 1));
      assert.deepEqual(h.advance(400), [expired(3, 3, 400), expired(1, 2, 400), expired(2, 2, 400)]);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [4],
      );
    });

    test('the clock never moves back; commands run at their time, or the clock if earlier', () => {
      const h = fresh();
      assert.equal(h.book.time, 0);
      h.advance(1000);
      assert.equal(h.book.time, 1000);
      h.advance(500);
      assert.equal(h.book.time, 1000);
      assert.deepEqual(h.submit(limit(1, BUY, 90, 1)), [accepted(1, 1000)]);
      assert.deepEqual(h.submit(limit(2, BUY, 90, 1), 10), [accepted(2, 1000)]);
      assert.deepEqual(h.submit(limit(3, SELL, 90, 1), 1500), [
        accepted(3, 1500),
        trade({
          n: 1,
          maker: 1,
          taker: 3,
          side: SELL,
          price: 90,
          qty: 1,
          makerLeft: 0,
          takerLeft: 0,
          time: 1500,
        }),
      ]);
      assert.equal(h.book.time, 1500, 'a command at a later time moves the clock');
      assert.deepEqual(h.cancel(99, 1200), [rejected(99, R.UNKNOWN_ORDER, 1500)]);
    });
  });

  describe(`${label}: event delivery`, () => {
    test("each command's events arrive in one listener call, after the command", () => {
      const calls: BookEvent[][] = [];
      let book: ContractBook | undefined = undefined;
      const seenDuring: number[] = [];
      book = make({
        onEvents: (events) => {
          calls.push([...events]);
          // the command has finished: its effects are visible
          seenDuring.push((book as ContractBook).stats.trades);
        },
      });
      book.submit(limit(1, SELL, 100, 1));
      book.submit(limit(2, SELL, 101, 1));
      book.submit(market(3, BUY, 5));
      assert.equal(calls.length, 3);
      assert.deepEqual(
        calls[2].map((e) => e.kind),
        ['accepted', 'trade', 'trade', 'canceled'],
      );
      assert.deepEqual(seenDuring, [0, 0, 2]);
    });

    test('commands without events do not call the listener', () => {
      let calls = 0;
      const book = make({ onEvents: () => calls++ });
      book.advanceTime(100);
      book.cancelAll();
      book.setPosition(1, 5);
      assert.equal(book.position(1), 5);
      assert.equal(calls, 0);
      book.cancel(1);
      assert.equal(calls, 1);
    });

    test('a book without a listener works the same', () => {
      const book = make();
      book.submit(limit(1, SELL, 100, 3));
      book.submit(limit(2, BUY, 100, 1));
      book.checkInvariants();
      assert.equal(book.stats.trades, 1);
      assert.equal(book.order(1)?.open, 2);
    });
  });

  describe(`${label}: reading the book`, () => {
    const sample = () => {
      const h = fresh();
      h.rest(
        limit(1, BUY, 99, 4),
        limit(2, BUY, 99, 6),
        limit(3, BUY, 98, 5),
        limit(4, BUY, 100, 7, { hidden: true }),
        limit(5, SELL, 101, 2),
        limit(6, SELL, 101, 12, { displayQuantity: 4 }),
        limit(7, SELL, 102, 8),
        limit(8, SELL, 103, 1, { hidden: true }),
      );
      return h;
    };

    test('best prices, spread and mid over displayed quantity', () => {
      const b = sample().book;
      assert.equal(b.bestBid(), 99, 'the hidden bid at 100 is not shown');
      assert.equal(b.bestAsk(), 101);
      assert.equal(b.spread(), 2);
      assert.equal(b.mid(), 100);
    });

    test('depth: displayed quantity and order count per level, best first', () => {
      const b = sample().book;
      assert.deepEqual(b.depth(BUY), [
        { price: 99, quantity: 10, orders: 2 },
        { price: 98, quantity: 5, orders: 1 },
      ]);
      assert.deepEqual(b.depth(SELL), [
        { price: 101, quantity: 6, orders: 2 },
        { price: 102, quantity: 8, orders: 1 },
      ]);
      assert.deepEqual(b.depth(BUY, 1), [{ price: 99, quantity: 10, orders: 2 }]);
      assert.deepEqual(b.depth(SELL, 5), b.depth(SELL));
    });

    test('microprice and imbalance', () => {
      const b = sample().book;
      // (99 × 6 + 101 × 10) / 16
      assert.equal(b.microprice(), 100.25);
      assert.equal(b.imbalance(), 0.25);
      assert.equal(b.imbalance(1), 0.25);
      assert.equal(b.imbalance(2), (15 - 14) / (15 + 14));
    });

    test('a half-tick mid; one-sided and empty books', () => {
      const h = fresh();
      assert.equal(h.book.bestBid(), undefined);
      assert.equal(h.book.bestAsk(), undefined);
      assert.equal(h.book.spread(), undefined);
      assert.equal(h.book.mid(), undefined);
      assert.equal(h.book.microprice(), undefined);
      assert.equal(h.book.imbalance(), 0);
      assert.deepEqual(h.book.depth(BUY), []);
      assert.equal(h.book.lastTradePrice(), undefined);
      h.rest(limit(1, BUY, 99, 3));
      assert.equal(h.book.spread(), undefined);
      assert.equal(h.book.mid(), undefined);
      assert.equal(h.book.microprice(), undefined);
      assert.equal(h.book.imbalance(), 1);
      h.rest(limit(2, SELL, 100, 1));
      assert.equal(h.book.mid(), 99.5);
      assert.equal(h.book.spread(), 1);
      assert.equal(h.book.microprice(), (99 * 1 + 100 * 3) / 4);
      assert.equal(h.book.imbalance(), 0.5);
      h.cancel(1);
      assert.equal(h.book.imbalance(), -1);
    });

    test('order() and orders() return live orders only', () => {
      const h = sample();
      assert.equal(h.book.order(42), undefined);
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [4, 1, 2, 3, 5, 6, 7, 8],
      );
      h.submit(market(9, SELL, 7));
      assert.equal(h.book.order(4), undefined, 'the hidden bid at 100 was filled');
    });

    test('stats over a life', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 5), limit(2, SELL, 101, 5), limit(3, BUY, 90, 4));
      h.submit(market(4, BUY, 7));
      h.submit(market(5, BUY, 4));
      h.cancel(3);
      h.submit(limit(6, BUY, 80, 2));
      h.cancelAll();
      assert.deepEqual(h.book.stats, {
        trades: 3,
        tradedVolume: 10,
        cancelOk: 2,
        cancelledVolume: 6,
        marketUnfilled: 1,
      });
    });
  });

  describe(`${label}: readings of docs/matching.md where it is silent`, () => {
    test('a command at a later time first expires what is due by then (even a rejected one)', () => {
      const h = fresh();
      h.rest(
        limit(1, SELL, 100, 2, { timeInForce: TIF.GTD, expireTime: 300 }),
        limit(2, SELL, 101, 2, { timeInForce: TIF.GTD, expireTime: 500 }),
      );
      assert.deepEqual(h.submit(limit(3, BUY, 100, 1), 300), [expired(1, 2, 300), accepted(3, 300)]);
      assert.equal(h.book.time, 300);
      assert.deepEqual(h.cancel(99, 600), [expired(2, 2, 600), rejected(99, R.UNKNOWN_ORDER, 600)]);
      assert.equal(h.book.time, 600);
    });

    test('after each triggered order the rest are re-evaluated against the new last trade price', () => {
      const h = fresh();
      h.rest(
        conditional(1, T.STOP_MARKET, BUY, 1, { triggerPrice: 100 }),
        conditional(2, T.STOP_MARKET, SELL, 1, { triggerPrice: 100 }),
        limit(3, SELL, 105, 1),
      );
      // a trade at 100 makes both hold; 1 goes first and trades at 105, so 2 no longer holds
      printTradeAndExpect(h, 10, 100, [
        triggered(1, 100),
        trade({ n: 2, maker: 3, taker: 1, side: BUY, price: 105, qty: 1, makerLeft: 0, takerLeft: 0 }),
      ]);
      assert.equal(h.book.order(2)?.triggered, false);
    });

    test('a stop modified to a trigger that already holds triggers in the same command', () => {
      const h = fresh();
      printTrade(h, 10, 100);
      h.rest(conditional(1, T.STOP_MARKET, SELL, 1, { triggerPrice: 90 }), limit(2, BUY, 95, 3));
      assert.deepEqual(h.modify({ id: 1, triggerPrice: 100 }), [
        modified(1, { triggerPrice: 100, quantity: 1, lostPriority: false }),
        triggered(1, 100),
        trade({ n: 2, maker: 2, taker: 1, side: SELL, price: 95, qty: 1, makerLeft: 2, takerLeft: 0 }),
      ]);
    });

    test('modify keeps an iceberg current slice, capped at the new open quantity', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 10, { displayQuantity: 4 }));
      h.submit(market(2, BUY, 2));
      assert.equal(h.book.order(1)?.displayed, 2);
      assert.deepEqual(h.modify({ id: 1, quantity: 12 }), [
        modified(1, { price: 100, quantity: 12, lostPriority: true }),
      ]);
      assert.equal(h.book.order(1)?.displayed, 2, 'losing priority does not refresh the slice');
      h.modify({ id: 1, price: 101 });
      assert.equal(h.book.order(1)?.displayed, 2);
      h.modify({ id: 1, quantity: 3 });
      assert.equal(h.book.order(1)?.displayed, 1, 'capped at the open quantity');
    });

    test('self-trade prevention applies before a spent reduce-only maker is canceled', () => {
      const h = fresh();
      h.book.setPosition(1, 2);
      h.rest(limit(1, SELL, 100, 2, { owner: 1, reduceOnly: true }));
      h.book.setPosition(1, 0);
      assert.deepEqual(h.submit(limit(2, BUY, 100, 1, { owner: 1, selfTradePrevention: STP.CANCEL_TAKER })), [
        accepted(2),
        canceled(2, R.SELF_TRADE, 1),
      ]);
    });

    test('owner 0 (anonymous) has no position: its reduce-only orders are rejected', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 100, 2));
      h.expectRejected(
        (b) => b.submit(limit(2, BUY, 100, 1, { reduceOnly: true })),
        2,
        R.REDUCE_ONLY_WOULD_INCREASE,
      );
      h.book.setPosition(0, -5);
      assert.equal(h.book.position(0), 0, 'setPosition(0, …) is ignored');
      h.expectRejected(
        (b) => b.submit(limit(2, BUY, 100, 1, { reduceOnly: true })),
        2,
        R.REDUCE_ONLY_WOULD_INCREASE,
      );
    });

    test('a reduce-only taker whose position is used up is canceled REDUCE_ONLY even with no liquidity left', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(
        conditional(1, T.STOP_LIMIT, SELL, 5, { triggerPrice: 100, price: 98, owner: 1, reduceOnly: true }),
        limit(2, BUY, 99, 2),
      );
      h.book.setPosition(1, 2);
      printTradeAndExpect(h, 10, 100, [
        triggered(1, 100),
        trade({
          n: 2,
          maker: 2,
          taker: 1,
          side: SELL,
          price: 99,
          qty: 2,
          makerLeft: 0,
          takerLeft: 3,
          takerOwner: 1,
        }),
        canceled(1, R.REDUCE_ONLY, 3),
      ]);
    });

    test('a reduce-only maker whose trade used up the position has the rest canceled at once', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(limit(1, SELL, 100, 5, { owner: 1, reduceOnly: true }));
      h.book.setPosition(1, 2);
      assert.deepEqual(h.submit(limit(2, BUY, 100, 2)), [
        accepted(2),
        trade({
          n: 1,
          maker: 1,
          taker: 2,
          side: BUY,
          price: 100,
          qty: 2,
          makerLeft: 3,
          takerLeft: 0,
          makerOwner: 1,
        }),
        canceled(1, R.REDUCE_ONLY, 3),
      ]);
    });

    test('modify: quantity ≤ filled is INVALID_QUANTITY before the lot check', () => {
      const h = fresh({ lotSize: 2 });
      h.rest(limit(1, SELL, 100, 10));
      h.submit(market(2, BUY, 4));
      h.expectRejected((b) => b.modify({ id: 1, quantity: 3 }), 1, R.INVALID_QUANTITY);
    });

    test('a FOK reduce-only taker larger than the remaining position is FOK_UNFILLABLE', () => {
      const h = fresh();
      h.book.setPosition(1, 5);
      h.rest(
        conditional(1, T.STOP_MARKET, SELL, 5, {
          triggerPrice: 100,
          owner: 1,
          reduceOnly: true,
          timeInForce: TIF.FOK,
        }),
        limit(2, BUY, 99, 10),
      );
      h.book.setPosition(1, 4);
      printTradeAndExpect(h, 10, 100, [triggered(1, 100), canceled(1, R.FOK_UNFILLABLE, 5)]);
    });

    test('orders() lists bids before asks', () => {
      const h = fresh();
      h.rest(limit(1, SELL, 101, 1), limit(2, BUY, 99, 1));
      assert.deepEqual(
        h.book.orders().map((o) => o.id),
        [2, 1],
      );
    });
  });
}

/** Like {@link printTrade}, asserting the events after the print trade (triggers and their effects). */
function printTradeAndExpect(h: Harness, id: number, price: number, after: BookEvent[]): void {
  h.rest(limit(id, SELL, price, 1));
  const events = h.submit(limit(id + 1, BUY, price, 1));
  assert.equal(events[0].kind, 'accepted');
  assert.equal(events[1].kind, 'trade');
  assert.equal(
    (events[1] as { makerId: number }).makerId,
    id,
    `the print trade at ${price} must hit order ${id}`,
  );
  assert.deepEqual(events.slice(2), after);
}
