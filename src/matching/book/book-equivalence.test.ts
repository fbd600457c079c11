/**
 * Property tests: the fast {@link OrderBook} against the naive {@link ReferenceBook} on random
 * streams of every operation (valid and invalid), over a narrow price range so that orders cross
 * often, with 1–3 owners. After every command both books must have emitted the same events (in
 * the same number of listener calls) and show the same state, and both must pass their own
 * invariant checks.
 *
 * Commands are generated without knowing the book; ids, targets and times are resolved while
 * replaying (a fresh id, a reused one, an index into the ids used so far, a delta from the clock),
 * so shrinking keeps sequences meaningful. A failure prints the resolved sequence as code.
 *
 * `BOOK_EQUIVALENCE_RUNS` (environment) overrides the number of runs of each property.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeEvent, snapshotOf } from '../../../test/support/book-contract.js';
import {
  BookOrderType,
  BookSide,
  BookTimeInForce,
  SelfTradePrevention,
  type BookEvent,
  type BookOptions,
  type MatchingBook,
  type ModifyOrder,
  type NewOrder,
} from './book-types.js';
import { OrderBook } from './order-book.js';
import { ReferenceBook } from './reference-book.js';

const RUNS = Number(process.env.BOOK_EQUIVALENCE_RUNS ?? 200);
/** With `BOOK_EQUIVALENCE_STATS=1`, prints how often each event kind (and rejection reason) occurred. */
const STATS = process.env.BOOK_EQUIVALENCE_STATS === '1';
const eventCounts = new Map<string, number>();
const MAX_COMMANDS = 60;

type CheckedBook = MatchingBook & { checkInvariants(): void };

// -------------------------------------------------------------------------------------------------
// Generated commands (unresolved) and their arbitraries
// -------------------------------------------------------------------------------------------------

/** How a submit picks its id: a new one, one used before (duplicate), or an invalid one. */
type IdPick =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'reuse'; readonly pick: number }
  | { readonly kind: 'bad'; readonly id: number };

/** An order without id; `expireDelta` becomes `expireTime = clock + expireDelta`. */
type OrderShape = Omit<NewOrder, 'id' | 'expireTime'> & { readonly expireDelta?: number };

type GeneratedCommand =
  | { readonly kind: 'submit'; readonly id: IdPick; readonly order: OrderShape; readonly timeDelta?: number }
  | { readonly kind: 'cancel'; readonly target: number; readonly timeDelta?: number }
  | {
      readonly kind: 'modify';
      readonly target: number;
      readonly change: Omit<ModifyOrder, 'id'>;
      readonly timeDelta?: number;
    }
  | {
      readonly kind: 'cancelAll';
      readonly owner?: number;
      readonly side?: BookSide;
      readonly timeDelta?: number;
    }
  | { readonly kind: 'advanceTime'; readonly delta: number }
  | { readonly kind: 'setPosition'; readonly owner: number; readonly position: number };

/** A resolved command: what both books are given. */
type Command =
  | { readonly kind: 'submit'; readonly order: NewOrder; readonly time?: number }
  | { readonly kind: 'cancel'; readonly id: number; readonly time?: number }
  | { readonly kind: 'modify'; readonly change: ModifyOrder; readonly time?: number }
  | {
      readonly kind: 'cancelAll';
      readonly filter: { readonly owner?: number; readonly side?: BookSide };
      readonly time?: number;
    }
  | { readonly kind: 'advanceTime'; readonly time: number }
  | { readonly kind: 'setPosition'; readonly owner: number; readonly position: number };

const LIMIT_LIKE: readonly BookOrderType[] = [
  BookOrderType.LIMIT,
  BookOrderType.STOP_LIMIT,
  BookOrderType.LIMIT_IF_TOUCHED,
];
const FIXED_TRIGGER: readonly BookOrderType[] = [
  BookOrderType.STOP_MARKET,
  BookOrderType.STOP_LIMIT,
  BookOrderType.MARKET_IF_TOUCHED,
  BookOrderType.LIMIT_IF_TOUCHED,
];
const TRAILING: readonly BookOrderType[] = [
  BookOrderType.TRAILING_STOP_MARKET,
  BookOrderType.TRAILING_STOP_LIMIT,
];

/** Mostly `common`, sometimes `rare`. */
function mostly<A>(common: fc.Arbitrary<A>, rare: fc.Arbitrary<A>, commonWeight = 12): fc.Arbitrary<A> {
  return fc.oneof({ weight: commonWeight, arbitrary: common }, { weight: 1, arbitrary: rare });
}

const sometimes = (weight: number) =>
  fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(false) }, { weight, arbitrary: fc.constant(true) });

/** A narrow band of prices, so that orders cross and stops trigger; rarely invalid. */
const priceArb = mostly(fc.integer({ min: 96, max: 104 }), fc.constantFrom(0, -1, 100.5));
const quantityArb = mostly(fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, -2, 1.5));
const timeDeltaArb = fc.option(fc.integer({ min: -50, max: 300 }), { nil: undefined, freq: 3 });

const typeArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(BookOrderType.LIMIT) },
  { weight: 3, arbitrary: fc.constant(BookOrderType.MARKET) },
  { weight: 1, arbitrary: fc.constant(BookOrderType.STOP_MARKET) },
  { weight: 1, arbitrary: fc.constant(BookOrderType.STOP_LIMIT) },
  { weight: 1, arbitrary: fc.constant(BookOrderType.MARKET_IF_TOUCHED) },
  { weight: 1, arbitrary: fc.constant(BookOrderType.LIMIT_IF_TOUCHED) },
  { weight: 1, arbitrary: fc.constant(BookOrderType.TRAILING_STOP_MARKET) },
  { weight: 1, arbitrary: fc.constant(BookOrderType.TRAILING_STOP_LIMIT) },
);

/**
 * Every field drawn independently; unless `noisy`, fields that the type neither needs nor allows
 * are dropped so that most orders are valid. Noisy orders keep everything (mostly INVALID_ORDER).
 */
const orderShapeArb: fc.Arbitrary<OrderShape> = fc
  .record({
    side: fc.constantFrom(BookSide.BUY, BookSide.SELL),
    type: typeArb,
    quantity: quantityArb,
    price: priceArb,
    triggerPrice: priceArb,
    trailing: fc.constantFrom('offset', 'offset', 'bps', 'bps', 'both', 'none'),
    trailingOffset: mostly(fc.integer({ min: 1, max: 4 }), fc.constant(0)),
    trailingBps: mostly(fc.constantFrom(1, 20, 50, 150, 250), fc.constantFrom(0, 10_000, 2.5)),
    limitOffset: fc.option(mostly(fc.integer({ min: 0, max: 3 }), fc.constant(-1)), { nil: undefined }),
    timeInForce: fc.option(fc.constantFrom(...Object.values(BookTimeInForce)), { nil: undefined, freq: 2 }),
    expireDelta: fc.integer({ min: -20, max: 700 }),
    postOnly: sometimes(2),
    reduceOnly: sometimes(1),
    hidden: sometimes(1),
    iceberg: sometimes(2),
    displayQuantity: mostly(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 9)),
    owner: fc.integer({ min: 0, max: 3 }),
    selfTradePrevention: fc.option(fc.constantFrom(...Object.values(SelfTradePrevention)), {
      nil: undefined,
    }),
    noisy: sometimes(1),
  })
  .map((g): OrderShape => {
    const type = g.type;
    const market = type === BookOrderType.MARKET;
    const limitLike = LIMIT_LIKE.includes(type);
    let timeInForce = g.timeInForce;
    if (!g.noisy && market && timeInForce !== undefined && timeInForce !== 'IOC' && timeInForce !== 'FOK') {
      timeInForce = undefined;
    }
    const keep = <V>(applies: boolean, value: V): V | undefined => (g.noisy || applies ? value : undefined);
    // Unless noisy: exactly one trailing offset, post-only only where it is allowed, a display
    // quantity below the quantity, reduce-only only for owners that can have a position.
    const trailing = g.noisy || g.trailing === 'bps' ? g.trailing : 'offset';
    const trailingOffset = trailing === 'offset' || trailing === 'both' ? g.trailingOffset : undefined;
    const trailingBps = trailing === 'bps' || trailing === 'both' ? g.trailingBps : undefined;
    const restable =
      timeInForce === undefined || timeInForce === 'GTC' || timeInForce === 'DAY' || timeInForce === 'GTD';
    const icebergOk =
      limitLike && g.iceberg && !g.hidden && Number.isSafeInteger(g.quantity) && g.quantity > 1;
    const displayQuantity = g.noisy ? g.displayQuantity : Math.min(g.displayQuantity, g.quantity - 1);
    const shape: OrderShape = {
      side: g.side,
      type,
      quantity: g.quantity,
      price: keep(limitLike, g.price),
      triggerPrice: keep(FIXED_TRIGGER.includes(type), g.triggerPrice),
      trailingOffset: keep(TRAILING.includes(type), trailingOffset),
      trailingBps: keep(TRAILING.includes(type), trailingBps),
      limitOffset: keep(type === BookOrderType.TRAILING_STOP_LIMIT, g.limitOffset),
      timeInForce,
      expireDelta: keep(timeInForce === 'GTD', g.expireDelta),
      postOnly: keep(type === BookOrderType.LIMIT && restable, g.postOnly) || undefined,
      reduceOnly: keep(g.owner !== 0, g.reduceOnly) || undefined,
      hidden: keep(limitLike && !g.iceberg, g.hidden) || undefined,
      displayQuantity: keep(icebergOk, displayQuantity),
      owner: g.owner,
      selfTradePrevention: g.selfTradePrevention,
    };
    return withoutUndefined(shape);
  });

const idPickArb: fc.Arbitrary<IdPick> = fc.oneof(
  { weight: 20, arbitrary: fc.constant({ kind: 'fresh' } as const) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'reuse', pick }) as const) },
  { weight: 1, arbitrary: fc.constantFrom(0, -3, 2.5).map((id) => ({ kind: 'bad', id }) as const) },
);

const commandArb: fc.Arbitrary<GeneratedCommand> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(
      { kind: fc.constant('submit' as const), id: idPickArb, order: orderShapeArb, timeDelta: timeDeltaArb },
      { requiredKeys: ['kind', 'id', 'order'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      { kind: fc.constant('cancel' as const), target: fc.nat(), timeDelta: timeDeltaArb },
      { requiredKeys: ['kind', 'target'] },
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        kind: fc.constant('modify' as const),
        target: fc.nat(),
        change: fc.record(
          {
            price: priceArb,
            triggerPrice: priceArb,
            quantity: mostly(fc.integer({ min: 1, max: 10 }), fc.constant(0)),
          },
          { requiredKeys: [] },
        ),
        timeDelta: timeDeltaArb,
      },
      { requiredKeys: ['kind', 'target', 'change'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        kind: fc.constant('cancelAll' as const),
        owner: fc.integer({ min: 0, max: 3 }),
        side: fc.constantFrom(BookSide.BUY, BookSide.SELL),
        timeDelta: timeDeltaArb,
      },
      { requiredKeys: ['kind'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('advanceTime' as const),
      delta: fc.integer({ min: -100, max: 600 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('setPosition' as const),
      owner: fc.integer({ min: 1, max: 3 }),
      position: fc.integer({ min: -10, max: 10 }),
    }),
  },
);

/** Book options: mostly unit tick and lot; a short session so DAY orders expire within a run. */
const optionsArb: fc.Arbitrary<{ tickSize: number; lotSize: number; shortSession: boolean }> = fc.record({
  tickSize: fc.constantFrom(1, 1, 1, 2),
  lotSize: fc.constantFrom(1, 1, 1, 2),
  shortSession: fc.boolean(),
});

// -------------------------------------------------------------------------------------------------
// Replay
// -------------------------------------------------------------------------------------------------

function withoutUndefined<V extends object>(value: V): V {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as V;
}

/** Turns generated commands into concrete ones, given the ids used so far and the clock. */
class Resolver {
  private readonly usedIds: number[] = [];
  private nextId = 1;

  /** @param liveIds the ids of the reference book's live orders (cancel and modify mostly aim at them) */
  resolve(generated: GeneratedCommand, clock: number, liveIds: readonly number[]): Command {
    const at = (delta: number | undefined) => (delta === undefined ? undefined : Math.max(0, clock + delta));
    switch (generated.kind) {
      case 'submit': {
        const { expireDelta, ...rest } = generated.order;
        const time = at(generated.timeDelta);
        const order: NewOrder = withoutUndefined({
          ...rest,
          id: this.submitId(generated.id),
          expireTime: expireDelta === undefined ? undefined : (time ?? clock) + expireDelta,
        });
        return withoutUndefined({ kind: 'submit', order, time });
      }
      case 'cancel':
        return withoutUndefined({
          kind: 'cancel',
          id: this.target(generated.target, liveIds),
          time: at(generated.timeDelta),
        });
      case 'modify':
        return withoutUndefined({
          kind: 'modify',
          change: { id: this.target(generated.target, liveIds), ...generated.change },
          time: at(generated.timeDelta),
        });
      case 'cancelAll':
        return withoutUndefined({
          kind: 'cancelAll',
          filter: withoutUndefined({ owner: generated.owner, side: generated.side }),
          time: at(generated.timeDelta),
        });
      case 'advanceTime':
        return { kind: 'advanceTime', time: Math.max(0, clock + generated.delta) };
      case 'setPosition':
        return generated;
    }
  }

  private submitId(pick: IdPick): number {
    if (pick.kind === 'bad') return pick.id;
    if (pick.kind === 'reuse' && this.usedIds.length > 0)
      return this.usedIds[pick.pick % this.usedIds.length];
    const id = this.nextId++;
    this.usedIds.push(id);
    return id;
  }

  /** An id used before (live or not), or one never used when there is none. */
  /** Three times in four a live order (if any), else any id used before, or one never used. */
  private target(pick: number, liveIds: readonly number[]): number {
    if (liveIds.length > 0 && pick % 4 !== 0) return liveIds[(pick >> 2) % liveIds.length];
    return this.usedIds.length === 0 ? 999 : this.usedIds[pick % this.usedIds.length];
  }

  /** Every id submitted so far, to compare `order(id)`. */
  ids(): readonly number[] {
    return this.usedIds;
  }
}

function apply(book: MatchingBook, command: Command): void {
  switch (command.kind) {
    case 'submit':
      return book.submit(command.order, command.time);
    case 'cancel':
      return book.cancel(command.id, command.time);
    case 'modify':
      return book.modify(command.change, command.time);
    case 'cancelAll':
      return book.cancelAll(command.filter, command.time);
    case 'advanceTime':
      return book.advanceTime(command.time);
    case 'setPosition':
      return book.setPosition(command.owner, command.position);
  }
}

/** A command as a line of TypeScript, for failure reports. */
function asCode(command: Command): string {
  const time = 'time' in command && command.time !== undefined ? `, ${command.time}` : '';
  switch (command.kind) {
    case 'submit':
      return `book.submit(${JSON.stringify(command.order)}${time});`;
    case 'cancel':
      return `book.cancel(${command.id}${time});`;
    case 'modify':
      return `book.modify(${JSON.stringify(command.change)}${time});`;
    case 'cancelAll':
      return `book.cancelAll(${JSON.stringify(command.filter)}${time});`;
    case 'advanceTime':
      return `book.advanceTime(${command.time});`;
    case 'setPosition':
      return `book.setPosition(${command.owner}, ${command.position});`;
  }
}

/** Everything compared after each command, beyond {@link snapshotOf}. */
function fullState(book: MatchingBook, ids: readonly number[]): unknown {
  return {
    snapshot: snapshotOf(book),
    depth2: [book.depth(BookSide.BUY, 2), book.depth(BookSide.SELL, 2)],
    reads: [book.spread(), book.mid(), book.microprice(), book.imbalance(), book.imbalance(3)],
    position0: book.position(0),
    byId: ids.map((id) => {
      const view = book.order(id);
      return view === undefined ? undefined : withoutUndefined(view);
    }),
  };
}

/** A book with its listener's deliveries. */
function recorded(
  make: (options: BookOptions) => CheckedBook,
  options: BookOptions,
): { book: CheckedBook; deliveries: BookEvent[][] } {
  const deliveries: BookEvent[][] = [];
  const book = make({ ...options, onEvents: (events) => deliveries.push([...events]) });
  return { book, deliveries };
}

/** Replays the commands through both books, comparing after every step; throws with the sequence on a difference. */
function replayBoth(
  optionsDraw: { tickSize: number; lotSize: number; shortSession: boolean },
  generated: readonly GeneratedCommand[],
): void {
  const options: BookOptions = {
    tickSize: optionsDraw.tickSize,
    lotSize: optionsDraw.lotSize,
    ...(optionsDraw.shortSession ? { sessionEnd: (t: number) => (Math.floor(t / 1000) + 1) * 1000 } : {}),
  };
  const fast = recorded((o) => new OrderBook(o), options);
  const reference = recorded((o) => new ReferenceBook(o), options);
  const resolver = new Resolver();
  const done: Command[] = [];
  for (const g of generated) {
    const liveIds = reference.book.orders().map((o) => o.id);
    const command = resolver.resolve(g, reference.book.time, liveIds);
    done.push(command);
    try {
      compareStep(fast, reference, command, resolver.ids());
    } catch (error) {
      const header = optionsDraw.shortSession
        ? `const book = new OrderBook({ tickSize: ${options.tickSize}, lotSize: ${options.lotSize}, sessionEnd: (t) => (Math.floor(t / 1000) + 1) * 1000 });`
        : `const book = new OrderBook({ tickSize: ${options.tickSize}, lotSize: ${options.lotSize} });`;
      const script = [header, ...done.map(asCode)].join('\n');
      // A new error: fast-check reports the stack, which holds the message of construction time.
      throw new Error(`${(error as Error).message}\n--- after the last of these commands ---\n${script}`, {
        cause: error,
      });
    }
  }
}

function compareStep(
  fast: { book: CheckedBook; deliveries: BookEvent[][] },
  reference: { book: CheckedBook; deliveries: BookEvent[][] },
  command: Command,
  ids: readonly number[],
): void {
  const fastCalls = fast.deliveries.length;
  const referenceCalls = reference.deliveries.length;
  apply(reference.book, command);
  apply(fast.book, command);
  reference.book.checkInvariants();
  fast.book.checkInvariants();
  const newFast = fast.deliveries.slice(fastCalls);
  const newReference = reference.deliveries.slice(referenceCalls);
  assert.ok(newReference.length <= 1, 'the reference delivered one command in several calls');
  if (STATS) {
    for (const event of newReference.flat()) {
      const key =
        event.kind === 'rejected' || event.kind === 'canceled' ? `${event.kind} ${event.reason}` : event.kind;
      eventCounts.set(key, (eventCounts.get(key) ?? 0) + 1);
    }
  }
  assert.equal(newFast.length, newReference.length, 'number of listener calls for the command');
  assert.deepEqual(
    newFast.map((events) => events.map(normalizeEvent)),
    newReference.map((events) => events.map(normalizeEvent)),
    'events of the command (fast = actual, reference = expected)',
  );
  assert.deepEqual(
    fullState(fast.book, ids),
    fullState(reference.book, ids),
    'state after the command (fast = actual, reference = expected)',
  );
}

// -------------------------------------------------------------------------------------------------
// Properties
// -------------------------------------------------------------------------------------------------

describe('OrderBook ≡ ReferenceBook on random command streams', () => {
  after(() => {
    if (STATS) console.log([...eventCounts].sort((a, b) => b[1] - a[1]));
  });

  test('every operation, valid and invalid', () => {
    fc.assert(
      fc.property(
        optionsArb,
        fc.array(commandArb, { minLength: 1, maxLength: MAX_COMMANDS, size: 'max' }),
        (options, commands) => replayBoth(options, commands),
      ),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('unit tick and lot, fresh ids, mostly valid orders: longer books, more triggers', () => {
    const validSubmit = fc.record(
      {
        kind: fc.constant('submit' as const),
        id: fc.constant({ kind: 'fresh' } as const),
        order: orderShapeArb.filter((o) => Number.isSafeInteger(o.quantity) && o.quantity > 0),
        timeDelta: timeDeltaArb,
      },
      { requiredKeys: ['kind', 'id', 'order'] },
    );
    const streams = fc.array(
      fc.oneof({ weight: 6, arbitrary: validSubmit }, { weight: 1, arbitrary: commandArb }),
      { minLength: 1, maxLength: MAX_COMMANDS, size: 'max' },
    );
    fc.assert(
      fc.property(streams, (commands) =>
        replayBoth({ tickSize: 1, lotSize: 1, shortSession: true }, commands),
      ),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });

  test('fill-or-kill, icebergs, self-trade prevention and reduce-only among two owners', () => {
    // The rare interactions: a FOK count must follow match order exactly (iceberg slices going
    // behind other orders, own orders, reduce-only makers and takers with small positions).
    const focusedOrder = fc
      .tuple(
        orderShapeArb,
        fc.record({
          fok: sometimes(4),
          owner: fc.constantFrom(1, 2),
          selfTradePrevention: fc.constantFrom(...Object.values(SelfTradePrevention)),
          iceberg: sometimes(4),
          displayQuantity: fc.integer({ min: 1, max: 2 }),
          reduceOnly: sometimes(3),
        }),
      )
      .map(([order, focus]): OrderShape => {
        const limitLike = LIMIT_LIKE.includes(order.type);
        const iceberg = focus.iceberg && limitLike && !order.hidden && order.quantity > 2;
        return withoutUndefined({
          ...order,
          owner: focus.owner,
          selfTradePrevention: focus.selfTradePrevention,
          reduceOnly: focus.reduceOnly || undefined,
          postOnly: focus.fok ? undefined : order.postOnly,
          timeInForce: focus.fok ? BookTimeInForce.FOK : order.timeInForce,
          expireDelta: focus.fok ? undefined : order.expireDelta,
          displayQuantity: iceberg ? focus.displayQuantity : order.displayQuantity,
        });
      });
    const submit = fc.record(
      {
        kind: fc.constant('submit' as const),
        id: fc.constant({ kind: 'fresh' } as const),
        order: focusedOrder,
        timeDelta: fc.constant(undefined),
      },
      { requiredKeys: ['kind', 'id', 'order'] },
    );
    const position = fc.record({
      kind: fc.constant('setPosition' as const),
      owner: fc.constantFrom(1, 2),
      position: fc.integer({ min: -6, max: 6 }),
    });
    const streams = fc.array(
      fc.oneof(
        { weight: 8, arbitrary: submit },
        { weight: 2, arbitrary: position },
        { weight: 1, arbitrary: commandArb },
      ),
      { minLength: 1, maxLength: MAX_COMMANDS, size: 'max' },
    );
    fc.assert(
      fc.property(streams, (commands) =>
        replayBoth({ tickSize: 1, lotSize: 1, shortSession: false }, commands),
      ),
      { numRuns: RUNS, includeErrorInReport: true },
    );
  });
});
