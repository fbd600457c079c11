import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { InputError } from '../../core/input-error.js';
import { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { simpleInstrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { BarCatalog } from './bar-catalog.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempCatalogDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qf-catalog-'));
  dirs.push(dir);
  return join(dir, 'catalog');
}

const ID = 'BTCUSDT.BINANCE' as InstrumentId;
const INSTRUMENT = simpleInstrument(ID, currency('USD'), 2, 3);
const MINUTE = 60_000_000;
const JAN_31_2350 = Date.UTC(2024, 0, 31, 23, 50) * 1000;

/** `n` one-minute bars from `startUs`, prices around 42,000.00 with big raw values. */
function bars(startUs: number, n: number, priceOffset = 0): Bar[] {
  return Array.from({ length: n }, (_, i) => {
    const open = 4_200_000 + i + priceOffset;
    return new Bar(ID, open, open + 7, open - 5, open + 3, 2, 1_234_567 + i, 3, startUs + i * MINUTE, startUs + i * MINUTE + 17);
  });
}

const fields = (b: Bar): number[] => [
  b.tsEvent,
  b.tsInit,
  b.openRaw,
  b.highRaw,
  b.lowRaw,
  b.closeRaw,
  b.pricePrecision,
  b.volumeRaw,
  b.sizePrecision,
];

describe('BarCatalog', () => {
  test('round trip across a month boundary is exact, partitioned by month, range [from, to)', async () => {
    const root = tempCatalogDir();
    const catalog = await BarCatalog.open(root, { create: true });
    const written = bars(JAN_31_2350, 20);
    const summary = await catalog.writeBars(INSTRUMENT, written);
    assert.deepEqual(summary, { instrumentId: ID, bars: 20, replaced: 0, months: ['2024-01', '2024-02'] });
    assert.deepEqual(catalog.months(ID), ['2024-01', '2024-02']);
    assert.deepEqual((await catalog.readBars(ID)).map(fields), written.map(fields));
    const from = JAN_31_2350 + 5 * MINUTE;
    const to = JAN_31_2350 + 15 * MINUTE;
    const some = await catalog.readBars(ID, from, to);
    assert.deepEqual(some.map(fields), written.slice(5, 15).map(fields));
    const columns = await catalog.readColumns(ID, to);
    assert.equal(columns.length, 5);
    assert.equal(columns.open[0], written[15].openRaw);
    assert.deepEqual(await catalog.readBars(ID, 0, JAN_31_2350), []);
    catalog.close();

    const reopened = await BarCatalog.open(root);
    assert.deepEqual(reopened.instruments().map((i) => [i.id, String(i.tickSize), String(i.lotSize)]), [
      [ID, '0.01', '0.001'],
    ]);
    assert.equal((await reopened.readBars(ID)).length, 20);
    reopened.close();
    const monthDirs = readdirSync(join(root, 'bars', `instrument_id=${ID}`)).sort();
    assert.deepEqual(monthDirs, ['month=2024-01', 'month=2024-02']);
  });

  test('re-import: same timestamps are replaced (last write wins), others kept, no duplicates', async () => {
    const catalog = await BarCatalog.open(tempCatalogDir(), { create: true });
    await catalog.writeBars(INSTRUMENT, bars(JAN_31_2350, 20));
    const again = await catalog.writeBars(INSTRUMENT, bars(JAN_31_2350, 20));
    assert.equal(again.replaced, 20);
    const overlap = await catalog.writeBars(INSTRUMENT, bars(JAN_31_2350 + 15 * MINUTE, 10, 1000));
    assert.equal(overlap.replaced, 5);
    const all = await catalog.readBars(ID);
    assert.equal(all.length, 25);
    assert.equal(all[14].openRaw, 4_200_014);
    assert.equal(all[15].openRaw, 4_201_000);
    catalog.close();
  });

  test('unknown instrument, conflicting definition, missing catalog and unsorted bars are refused', async () => {
    const root = tempCatalogDir();
    await assert.rejects(BarCatalog.open(root), (e) => e instanceof InputError && /not a catalog/.test(e.message));
    const catalog = await BarCatalog.open(root, { create: true });
    await assert.rejects(
      catalog.readBars('ETHUSDT.BINANCE' as InstrumentId),
      (e) => e instanceof InputError && /unknown instrument ETHUSDT.BINANCE/.test(e.message),
    );
    await catalog.writeBars(INSTRUMENT, bars(JAN_31_2350, 2));
    await assert.rejects(
      catalog.writeBars(simpleInstrument(ID, currency('USD'), 4, 3), []),
      (e) => e instanceof InputError && /already in the catalog with tick size 0.01/.test(e.message),
    );
    await assert.rejects(catalog.writeBars(INSTRUMENT, bars(JAN_31_2350, 3).reverse()), RangeError);
    catalog.close();
  });
});
