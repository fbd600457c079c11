import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../core/input-error.js';
import { Bar } from '../../model/data/bar.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { simpleInstrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { BarCatalog } from './bar-catalog.js';
import { TickCatalog } from './tick-catalog.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempCatalogDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qf-ticks-'));
  dirs.push(dir);
  return join(dir, 'catalog');
}

const ID = 'BTC/USDT.BINANCE' as InstrumentId;
const INSTRUMENT = simpleInstrument(ID, currency('USD'), 2, 5);
/** 2024-01-31T23:59:59.999998Z: the last µs of January is two ticks away. */
const END_OF_JANUARY = Date.UTC(2024, 0, 31, 23, 59, 59, 999) * 1000 + 998;
const SIDES = [AggressorSide.BUYER, AggressorSide.SELLER, AggressorSide.NONE];

/** `n` trades from `startUs`, one µs apart but every third sharing its predecessor's µs. */
function trades(startUs: number, n: number, firstId = 0): TradeTick[] {
  let ts = startUs;
  return Array.from({ length: n }, (_, i) => {
    if (i > 0 && i % 3 !== 0) ts++;
    const price = Price.fromRaw(4_213_456_789 + i * 7, 2);
    const size = Quantity.fromRaw(123_456_789 + i, 5);
    return new TradeTick(ID, price, size, SIDES[i % 3], String(firstId + i) as TradeId, ts, ts + 250);
  });
}

function quotes(startUs: number, n: number): QuoteTick[] {
  return Array.from({ length: n }, (_, i) => {
    const ts = startUs + i;
    return new QuoteTick(
      ID,
      Price.fromRaw(4_213_400_000 + i, 2),
      Price.fromRaw(4_213_400_100 + i, 2),
      Quantity.fromRaw(1_000 + i, 5),
      Quantity.fromRaw(2_000 + i, 5),
      ts,
      ts + 9,
    );
  });
}

const tradeFields = (t: TradeTick): unknown[] => [
  t.instrumentId,
  t.tsEvent,
  t.tsInit,
  t.price.raw,
  t.price.precision,
  t.size.raw,
  t.size.precision,
  t.aggressorSide,
  t.tradeId,
];
const quoteFields = (q: QuoteTick): unknown[] => [
  q.tsEvent,
  q.tsInit,
  q.bidPrice.toString(),
  q.askPrice.toString(),
  q.bidSize.toString(),
  q.askSize.toString(),
];

describe('TickCatalog', () => {
  test('trades round trip exactly across a day and month boundary, one file per instrument-day', async () => {
    const root = tempCatalogDir();
    const catalog = await TickCatalog.open(root, { create: true });
    const written = trades(END_OF_JANUARY, 9);
    const summary = await catalog.writeTrades(INSTRUMENT, written);
    assert.deepEqual(summary, { instrumentId: ID, kind: 'trades', ticks: 9, duplicates: 0, days: ['2024-01-31', '2024-02-01'] });
    assert.deepEqual((await catalog.readTrades(ID)).map(tradeFields), written.map(tradeFields));
    assert.deepEqual(catalog.days('trades', ID), ['2024-01-31', '2024-02-01']);
    assert.deepEqual(catalog.days('quotes', ID), []);
    assert.deepEqual(await catalog.extent('trades', ID), { rows: 9, firstUs: END_OF_JANUARY, lastUs: written[8].tsEvent });
    assert.equal(await catalog.extent('quotes', ID), undefined);
    assert.deepEqual(catalog.instrumentsWith('trades').map((i) => i.id), [ID]);
    assert.deepEqual(catalog.instrumentsWith('quotes'), []);
    catalog.close();
    const files = (readdirSync(join(root, 'trades'), { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet'));
    assert.deepEqual(files.sort(), [
      join('instrument_id=BTC%2FUSDT.BINANCE', 'date=2024-01-31', 'data.parquet'),
      join('instrument_id=BTC%2FUSDT.BINANCE', 'date=2024-02-01', 'data.parquet'),
    ]);
  });

  test('a range is [from, to) on tsEvent, equal timestamps all in or all out; an empty range is empty', async () => {
    const catalog = await TickCatalog.open(tempCatalogDir(), { create: true });
    const written = trades(END_OF_JANUARY, 9); // µs: +0 +1 +2 +2 +3 +4 +4 +5 +6; +2 is February
    await catalog.writeTrades(INSTRUMENT, written);
    const between = async (from: number, to: number): Promise<string[]> =>
      (await catalog.readTrades(ID, END_OF_JANUARY + from, END_OF_JANUARY + to)).map((t) => t.tradeId);
    assert.deepEqual(await between(1, 3), ['1', '2', '3']);
    assert.deepEqual(await between(2, 4), ['2', '3', '4']); // from the first µs of February
    assert.deepEqual(await between(4, 5), ['5', '6']);
    assert.deepEqual(await between(5, 100), ['7', '8']);
    assert.deepEqual(await between(7, 100), []);
    assert.deepEqual(await between(-100, 0), []);
    const columns = await catalog.readTradeColumns(ID, END_OF_JANUARY + 3);
    assert.equal(columns.length, 5);
    assert.deepEqual([...columns.side], [2, 0, 1, 2, 0]);
    assert.equal(columns.price[0], written[4].price.raw);
    catalog.close();
  });

  test('re-writing trades stores each trade id once; new ids in the same days are merged in order', async () => {
    const catalog = await TickCatalog.open(tempCatalogDir(), { create: true });
    await catalog.writeTrades(INSTRUMENT, trades(END_OF_JANUARY, 9));
    const again = await catalog.writeTrades(INSTRUMENT, trades(END_OF_JANUARY, 9));
    assert.equal(again.duplicates, 9);
    // Ids 6..8 again (but at other µs: the first write wins) plus 9..11 new, interleaved in time.
    const overlap = trades(END_OF_JANUARY + 4, 6, 6);
    const merged = await catalog.writeTrades(INSTRUMENT, overlap);
    assert.equal(merged.duplicates, 3);
    const all = await catalog.readTrades(ID);
    assert.deepEqual(
      all.map((t) => `${t.tsEvent - END_OF_JANUARY}:${t.tradeId}`),
      ['0:0', '1:1', '2:2', '2:3', '3:4', '4:5', '4:6', '5:7', '6:8', '6:9', '7:10', '8:11'],
    );
    // Within one call, a repeated id is stored once too.
    const twice = [...trades(END_OF_JANUARY + 100, 2, 50), ...trades(END_OF_JANUARY + 102, 2, 50)];
    const inBatch = await catalog.writeTrades(INSTRUMENT, twice);
    assert.equal(inBatch.duplicates, 2);
    assert.equal((await catalog.readTradeColumns(ID)).length, 14);
    catalog.close();
  });

  test('quotes round trip exactly; an identical quote (all but tsInit) is stored once', async () => {
    const catalog = await TickCatalog.open(tempCatalogDir(), { create: true });
    const written = quotes(END_OF_JANUARY, 4);
    assert.deepEqual((await catalog.writeQuotes(INSTRUMENT, written)).days, ['2024-01-31', '2024-02-01']);
    assert.deepEqual((await catalog.readQuotes(ID)).map(quoteFields), written.map(quoteFields));
    const restamped = written.map(
      (q) => new QuoteTick(ID, q.bidPrice, q.askPrice, q.bidSize, q.askSize, q.tsEvent, q.tsInit + 1000),
    );
    const changed = new QuoteTick(ID, Price.parse('42134000.05'), Price.parse('42134001.00'), Quantity.parse('0.01'), Quantity.parse('0.02'), END_OF_JANUARY + 1, 0);
    const summary = await catalog.writeQuotes(INSTRUMENT, [restamped[0], restamped[1], changed, changed, restamped[2]]);
    assert.equal(summary.duplicates, 4);
    const all = await catalog.readQuotes(ID);
    assert.deepEqual(all.map(quoteFields), [written[0], written[1], changed, written[2], written[3]].map(quoteFields));
    catalog.close();
  });

  test('bid and ask of different decimals are stored at the larger, exactly', async () => {
    const catalog = await TickCatalog.open(tempCatalogDir(), { create: true });
    const q = new QuoteTick(ID, Price.parse('100.5'), Price.parse('100.55'), Quantity.parse('3'), Quantity.parse('0.125'), 1, 1);
    await catalog.writeQuotes(INSTRUMENT, [q]);
    const [read] = await catalog.readQuotes(ID);
    assert.deepEqual([read.bidPrice.raw, read.askPrice.raw, read.bidPrice.precision], [10050, 10055, 2]);
    assert.ok(read.bidPrice.equals(q.bidPrice) && read.bidSize.equals(q.bidSize) && read.askSize.equals(q.askSize));
    catalog.close();
  });

  test('ticks and bars share one catalog folder and its instruments', async () => {
    const root = tempCatalogDir();
    const ticks = await TickCatalog.open(root, { create: true });
    await ticks.writeTrades(INSTRUMENT, trades(END_OF_JANUARY, 3));
    ticks.close();
    const bars = await BarCatalog.open(root);
    assert.deepEqual(bars.instruments().map((i) => i.id), [ID]);
    assert.deepEqual(await bars.readBars(ID), []);
    await bars.writeBars(INSTRUMENT, [new Bar(ID, 100, 101, 99, 100, 2, 5, 5, END_OF_JANUARY, END_OF_JANUARY)]);
    bars.close();
    const reopened = await TickCatalog.open(root);
    assert.equal((await reopened.readTrades(ID)).length, 3);
    assert.deepEqual(reopened.instrumentsWith('trades').map((i) => i.id), [ID]);
    reopened.close();
  });

  test('refuses unknown instruments, other definitions, decreasing times and empty trade ids', async () => {
    const catalog = await TickCatalog.open(tempCatalogDir(), { create: true });
    await assert.rejects(catalog.readTrades(ID), (e) => e instanceof InputError && /unknown instrument/.test(e.message));
    await catalog.writeTrades(INSTRUMENT, trades(END_OF_JANUARY, 2));
    await assert.rejects(
      catalog.writeQuotes(simpleInstrument(ID, currency('USD'), 3, 5), []),
      (e) => e instanceof InputError && /already in the catalog/.test(e.message),
    );
    await assert.rejects(catalog.writeTrades(INSTRUMENT, trades(END_OF_JANUARY, 3).reverse()), /must not decrease/);
    await assert.rejects(catalog.writeQuotes(INSTRUMENT, quotes(END_OF_JANUARY, 3).reverse()), /must not decrease/);
    const [t] = trades(END_OF_JANUARY, 1);
    const noId = new TradeTick(ID, t.price, t.size, t.aggressorSide, '' as TradeId, t.tsEvent, t.tsInit);
    await assert.rejects(catalog.writeTrades(INSTRUMENT, [noId]), /empty trade id/);
    assert.equal((await catalog.readTrades(ID)).length, 2);
    catalog.close();
  });

  test('property: any sequence of writes reads back as the first write of each trade id, in time order', async () => {
    // A trade's time is fixed by its id (a venue prints a trade once); what else a later write
    // says about the same id (price, side, tsInit) must not replace the first.
    const catalog = await TickCatalog.open(tempCatalogDir(), { create: true });
    const DAY = 86_400_000_000;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 15 }), { maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          const id = `P${run++}.SIM` as InstrumentId;
          const instrument = simpleInstrument(id, currency('USD'), 2, 0);
          const expected = new Map<string, TradeTick>();
          for (const [b, batch] of batches.entries()) {
            const ticks = batch
              .map((n) => {
                const ts = END_OF_JANUARY + (n % 3) * DAY + (n >> 2);
                const price = Price.fromRaw(100 + n + 1000 * b, 2);
                return new TradeTick(id, price, Quantity.fromRaw(1 + n, 0), SIDES[(n + b) % 3], String(n) as TradeId, ts, ts + b);
              })
              .sort((x, y) => x.tsEvent - y.tsEvent);
            for (const t of ticks) if (!expected.has(t.tradeId)) expected.set(t.tradeId, t);
            await catalog.writeTrades(instrument, ticks);
          }
          const read = await catalog.readTrades(id);
          assert.deepEqual(read.map((t) => t.tradeId).sort(), [...expected.keys()].sort());
          for (let i = 1; i < read.length; i++) assert.ok(read[i].tsEvent >= read[i - 1].tsEvent);
          for (const t of read) assert.deepEqual(tradeFields(t), tradeFields(expected.get(t.tradeId)!));
        },
      ),
      { numRuns: 25, seed: 7 },
    );
    catalog.close();
  });
});
