import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { instrumentId, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import { DuplicateFilter } from './duplicate-filter.js';

const A = instrumentId('BTCUSDT', 'SIM');
const B = instrumentId('ETHUSDT', 'SIM');

/**
 * The definition: every id a string in a set, a ring of the last `capacity` accepted ids for
 * eviction (the filter before its integer fast path).
 */
class ReferenceFilter {
  readonly #windows = new Map<InstrumentId, { ring: (string | undefined)[]; set: Set<string>; head: number }>();

  constructor(private readonly capacity: number) {}

  accept(id: InstrumentId, tradeId: string): boolean {
    let w = this.#windows.get(id);
    if (w === undefined) {
      w = { ring: new Array<string | undefined>(this.capacity), set: new Set(), head: 0 };
      this.#windows.set(id, w);
    }
    if (w.set.has(tradeId)) return false;
    const evicted = w.ring[w.head];
    if (evicted !== undefined) w.set.delete(evicted);
    w.ring[w.head] = tradeId;
    w.head = (w.head + 1) % w.ring.length;
    w.set.add(tradeId);
    return true;
  }

  size(id: InstrumentId): number {
    return this.#windows.get(id)?.set.size ?? 0;
  }
}

/** One step: an instrument and an id, or "the next id of a rising counter" (`step` ahead). */
type Op = { readonly b: boolean } & ({ readonly id: string } | { readonly step: number });

const NOT_CANONICAL = ['007', '00', '-1', '+3', '1e3', ' 5', '5 ', '3.0', '', 'abc', '٣', '0x1f', '1_000'];
const op: fc.Arbitrary<Op> = fc.record({
  b: fc.boolean(),
  x: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }).map((step) => ({ step })) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => ({ id: String(n) })) },
    { weight: 1, arbitrary: fc.constantFrom(...NOT_CANONICAL).map((id) => ({ id })) },
    // Around the 15-digit edge of the fast path, and past it (16 digits and more stay strings).
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(999_999_999_999_990n, 9_999_999_999_999_990n, 9_007_199_254_740_990n)
        .chain((base) => fc.integer({ min: 0, max: 12 }).map((d) => ({ id: String(base + BigInt(d)) }))),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 3 }).map((id) => ({ id })) },
  ),
}).map(({ b, x }) => ({ b, ...x }));

test('duplicate filter: the same answers and sizes as the set-and-ring definition', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.array(op, { maxLength: 400 }), (capacity, ops) => {
      const fast = new DuplicateFilter(capacity);
      const reference = new ReferenceFilter(capacity);
      const counters = new Map<InstrumentId, number>([
        [A, 0],
        [B, 0],
      ]);
      for (const [i, o] of ops.entries()) {
        const instrument = o.b ? B : A;
        let id: string;
        if ('step' in o) {
          const next = (counters.get(instrument) ?? 0) + o.step;
          counters.set(instrument, next);
          id = String(next);
        } else id = o.id;
        assert.equal(fast.accept(instrument, id), reference.accept(instrument, id), `op ${i}: ${JSON.stringify(id)}`);
        assert.equal(fast.size(instrument), reference.size(instrument), `size after op ${i}`);
      }
    }),
    { numRuns: 2_000 },
  );
});

test('duplicate filter: long rising runs with resends, past the queue compaction', () => {
  // Capacity 3,000 and 20,000 trades: the queues compact several times; every 7th trade is
  // resent 5 ids later (a duplicate while still in the window), every 1,000th far later.
  const capacity = 3_000;
  const fast = new DuplicateFilter(capacity);
  const reference = new ReferenceFilter(capacity);
  let rejected = 0;
  for (let i = 1; i <= 20_000; i++) {
    const ids = [String(1_000_000 + i)];
    if (i % 7 === 0) ids.push(String(1_000_000 + i - 5));
    if (i % 1000 === 0) ids.push(String(1_000_000 + i - 4_000), `x${i % 3_500}`);
    for (const id of ids) {
      const ok = fast.accept(A, id);
      assert.equal(ok, reference.accept(A, id), `trade ${i}, id ${id}`);
      if (!ok) rejected++;
    }
    assert.equal(fast.size(A), reference.size(A));
  }
  assert.ok(rejected > 2_800); // the in-window resends (i % 7)
});

test('duplicate filter: the fast-path ring grows while its oldest entries have left', () => {
  // 3 fast ids, 7 others, then rising ids: the first ones leave the window before the ring of
  // fast ids fills up and grows; then every id is looked up again.
  const f = new DuplicateFilter(10);
  const reference = new ReferenceFilter(10);
  const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const rising = Array.from({ length: 12 }, (_, i) => String(i + 4));
  for (const id of ['1', '2', '3', ...letters, ...rising, ...rising.slice().reverse(), ...letters, '1', '15'])
    assert.equal(f.accept(A, id), reference.accept(A, id), id);
  assert.equal(f.size(A), reference.size(A));
});

test('duplicate filter: canonical integers only; 007 and 7 are different ids', () => {
  const f = new DuplicateFilter(10);
  assert.equal(f.accept(A, '7'), true);
  assert.equal(f.accept(A, '007'), true);
  assert.equal(f.accept(A, '7'), false);
  assert.equal(f.accept(A, '007'), false);
  assert.equal(f.accept(A, '12'), true);
  assert.equal(f.accept(A, '9'), true); // out of order, new
  assert.equal(f.accept(A, '9'), false);
  assert.equal(f.accept(A, '12'), false);
  assert.equal(f.size(A), 4);
});

test('duplicate filter: ids past 2^53 stay strings, so neighbours a double cannot tell apart differ', () => {
  const f = new DuplicateFilter(10);
  assert.equal(f.accept(A, '9007199254740993'), true);
  assert.equal(f.accept(A, '9007199254740992'), true);
  assert.equal(f.accept(A, '9007199254740993'), false);
});
