import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_KINDS, journalRecord, orderFilled } from '../../test/support/journal-records.js';
import { InvariantError } from '../core/assert.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, TradeId, VenueOrderId } from '../model/identifiers/order-ids.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { decodeRecord, decodeValue, encodeRecord, encodeValue } from './journal-codec.js';
import { JournalCorruptError } from './journal-corrupt-error.js';
import { RECORD_FIELDS, type JournalRecord } from './journal-record.js';

const roundTrip = (record: JournalRecord): JournalRecord => {
  const { kind, payload } = encodeRecord(record);
  return decodeRecord(1, kind, payload);
};

/** Asserts a JournalCorruptError for seq 42 whose message matches `pattern`. */
const corrupt = (kind: string, payload: string, pattern: RegExp): void => {
  assert.throws(
    () => decodeRecord(42, kind, payload),
    (error: unknown) =>
      error instanceof JournalCorruptError &&
      error.seq === 42 &&
      error.message.startsWith('journal record seq 42: ') &&
      pattern.test(error.message),
  );
};

describe('journal codec: records', () => {
  test('every record kind round-trips to an equal record with the same classes', () => {
    assert.deepEqual(new Set(ALL_KINDS), new Set(Object.keys(RECORD_FIELDS)));
    for (let n = 1; n <= ALL_KINDS.length * 2; n++) {
      const record = journalRecord(n);
      const back = roundTrip(record);
      assert.deepEqual(back, record, record.type);
    }
    const fill = roundTrip(orderFilled(7));
    assert.ok(fill.type === 'OrderFilled');
    assert.ok(
      fill.lastPx instanceof Price && fill.lastQty instanceof Quantity && fill.commission instanceof Money,
    );
    assert.deepEqual([fill.lastPx.raw, fill.lastPx.precision], [6_500_000 + ((7 * 104_729) % 100_000), 2]);
  });

  test('kind and time come from the record: tsUs for commands and snapshots, tsInit for events', () => {
    const submit = journalRecord(1);
    assert.ok(submit.type === 'SubmitOrder');
    assert.deepEqual(
      { kind: encodeRecord(submit).kind, tsUs: encodeRecord(submit).tsUs },
      { kind: 'SubmitOrder', tsUs: submit.tsUs },
    );
    const fill = orderFilled(3);
    assert.ok(fill.type === 'OrderFilled');
    assert.equal(encodeRecord(fill).tsUs, fill.tsInit);
    assert.notEqual(fill.tsInit, fill.tsEvent);
  });

  test('values are stored as raw integer and precision (and currency), not as decimal text', () => {
    const fill = orderFilled(2);
    assert.ok(fill.type === 'OrderFilled');
    const { payload } = encodeRecord(fill);
    assert.ok(payload.includes(`"lastPx":{"$":"P","r":${fill.lastPx.raw},"p":2}`), payload);
    assert.ok(payload.includes(`"lastQty":{"$":"Q","r":${fill.lastQty.raw},"p":5}`), payload);
    assert.ok(payload.includes(`"commission":{"$":"M","r":26,"c":"USDT","p":8}`), payload);
    assert.deepEqual(JSON.parse(payload).type, 'OrderFilled');
  });

  test('a record of unknown kind or missing a required field is refused when written', () => {
    const bogus = { type: 'OrderTeleported', tsUs: 1 } as unknown as JournalRecord;
    assert.throws(() => encodeRecord(bogus), /unknown kind "OrderTeleported"/);
    const fill = orderFilled(1) as unknown as Record<string, unknown>;
    const noPrice = { ...fill, lastPx: '65000.00' } as unknown as JournalRecord;
    assert.throws(() => encodeRecord(noPrice), /OrderFilled: field lastPx must be price, got string/);
    const noTime = { ...fill, tsInit: 1.5 } as unknown as JournalRecord;
    assert.throws(() => encodeRecord(noTime), /field tsInit must be integer/);
  });
});

describe('journal codec: stored rows that cannot be read name their seq', () => {
  const good = encodeRecord(orderFilled(1)).payload;

  test('malformed JSON', () =>
    corrupt('OrderFilled', good.slice(0, -5), /OrderFilled payload does not decode/));
  test('unknown kind', () => corrupt('OrderTeleported', good, /unknown record kind "OrderTeleported"/));
  test('row kind differs from the payload type', () =>
    corrupt('OrderCanceled', good, /row kind OrderCanceled but payload type "OrderFilled"/));
  test('payload not an object', () => corrupt('OrderFilled', '[1,2]', /payload is not an object/));
  test('unknown value tag', () =>
    corrupt('OrderFilled', good.replace('"$":"P"', '"$":"X"'), /unknown value tag \{"\$":"X"/));
  test('value tag with a non-integer raw', () =>
    corrupt('OrderFilled', good.replace(/"r":(\d+),"p":2/, '"r":1.5,"p":2'), /raw is not a safe integer/));
  test('negative quantity', () =>
    corrupt(
      'OrderFilled',
      good.replace(/"\$":"Q","r":(\d+)/, '"$":"Q","r":-1'),
      /Quantity cannot be negative/,
    ));
  test('missing field', () =>
    corrupt(
      'OrderFilled',
      good.replace(/"tradeId":"T-1",/, ''),
      /field tradeId must be string, got undefined/,
    ));
});

describe('journal codec: values', () => {
  test('$-keys of plain objects are escaped, so no caller object is read back as a tag', () => {
    const value = {
      $: 'P',
      r: 1,
      p: 2,
      $$x: [{ $: 'Q', r: 5, p: 0 }],
      nested: { $P: Price.fromRaw(5, 1) },
      // A computed key makes an own property named __proto__ (a literal key would set the prototype).
      ['__proto__']: 'own',
    };
    const back = decodeValue(encodeValue(value)) as Record<string, unknown>;
    assert.deepEqual(back, value);
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.ok(!(back instanceof Price));
  });

  test('Money keeps a currency code and precision the currency table does not know', () => {
    const money = Money.fromRaw(-123_456_789, { code: 'XYZ1', precision: 11 });
    const back = decodeValue(encodeValue({ m: money })) as { m: Money };
    assert.deepEqual(back.m, money);
    assert.equal(back.m.toString(), money.toString());
  });

  test('undefined properties are omitted, like an absent optional field', () => {
    assert.deepEqual(decodeValue(encodeValue({ a: 1, b: undefined })), { a: 1 });
  });

  test('what JSON would silently lose is refused', () => {
    class Position {
      qty = 1;
    }
    const bad: Array<[unknown, RegExp]> = [
      [{ x: Number.NaN }, /cannot journal NaN \(at x\)/],
      [{ x: Infinity }, /cannot journal Infinity/],
      [{ x: 1n }, /cannot journal a bigint/],
      [{ f: () => 1 }, /cannot journal a function/],
      [{ s: Symbol('s') }, /cannot journal a symbol/],
      [{ list: [1, undefined] }, /undefined inside an array \(at list\[1\]\)/],
      [{ m: new Map() }, /cannot journal a Map \(at m\)/],
      [{ p: new Position() }, /cannot journal a Position/],
      [undefined, /cannot journal a undefined/],
    ];
    for (const [value, pattern] of bad)
      assert.throws(
        () => encodeValue(value),
        (e) => e instanceof InvariantError && pattern.test((e as Error).message),
      );
  });

  test('property: any plain value with exact values anywhere round-trips deep-equal', () => {
    const precision = fc.integer({ min: 0, max: 16 });
    const raw = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    const price = fc.tuple(raw, precision).map(([r, p]) => Price.fromRaw(r, p));
    const quantity = fc.tuple(fc.maxSafeNat(), precision).map(([r, p]) => Quantity.fromRaw(r, p));
    const money = fc
      .tuple(raw, fc.string({ minLength: 1, maxLength: 6 }), precision)
      .map(([r, code, p]) => Money.fromRaw(r, { code, precision: p }));
    const leaf = fc.oneof(
      price,
      quantity,
      money,
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.oneof(fc.string(), fc.constantFrom('$', '$$', '$P', 'r', 'p', 'type'));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('tree'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('tree'), { maxKeys: 5, noNullPrototype: true }),
    }));
    fc.assert(
      fc.property(tree, (value) => {
        assert.deepEqual(decodeValue(encodeValue(value)), value);
      }),
      { numRuns: 500 },
    );
  });

  test('property: random OrderFilled records round-trip', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/);
    const precision = fc.integer({ min: 0, max: 16 });
    const fill = fc
      .record({
        clientOrderId: id,
        venueOrderId: id,
        tradeId: id,
        ts: fc.integer({ min: 0, max: 2 ** 52 }),
        qty: fc.tuple(fc.maxSafeNat(), precision),
        px: fc.tuple(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), precision),
        fee: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      })
      .map((f): JournalRecord => ({
        type: 'OrderFilled',
        clientOrderId: f.clientOrderId as ClientOrderId,
        strategyId: 's-1' as StrategyId,
        instrumentId: 'ETH/USDT.BINANCE' as InstrumentId,
        tsEvent: f.ts,
        tsInit: f.ts + 1,
        venueOrderId: f.venueOrderId as VenueOrderId,
        tradeId: f.tradeId as TradeId,
        side: 'SELL',
        lastQty: Quantity.fromRaw(...f.qty),
        lastPx: Price.fromRaw(...f.px),
        commission: Money.fromRaw(f.fee, { code: 'BNB', precision: 8 }),
        liquiditySide: 'MAKER',
      }));
    fc.assert(
      fc.property(fill, (record) => {
        assert.deepEqual(roundTrip(record), record);
      }),
      { numRuns: 300 },
    );
  });
});
