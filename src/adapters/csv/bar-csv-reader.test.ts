import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { US } from '../../core/clock.js';
import { InputError } from '../../core/input-error.js';
import { instrumentId, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { parseDecimal } from '../../model/types/fixed-point.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { instrumentIdFromFileName, parseBarsCsv, readBarsCsv } from './bar-csv-reader.js';
import { scanDecimal, scanned } from './csv-text.js';

const JAN2 = 1_704_153_600 * US.SECOND; // 2024-01-02T00:00:00Z
const HEADER = 'timestamp,open,high,low,close,volume';
const ROWS = [
  '2024-01-02,100.00,101.50,99.50,101.00,1000',
  '2024-01-03,101.00,102.00,100.50,101.50,1200',
  '2024-01-04,101.50,102.50,101.00,102.00,900',
];
const csv = (...lines: string[]): string => lines.join('\n') + '\n';

/** Asserts that parsing `text` throws an InputError located at `file:line` whose message matches `pattern`. */
function assertFails(
  text: string,
  line: number,
  pattern: RegExp,
  options = {},
  file = 'data/test.csv',
): InputError {
  let caught: unknown;
  try {
    parseBarsCsv(text, file, options);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.ok(
    caught.message.startsWith(`${file}:${line}`),
    `"${caught.message}" should start with ${file}:${line}`,
  );
  assert.match(caught.message, pattern);
  assert.equal(caught.location.file, file);
  assert.equal(caught.location.line, line);
  return caught;
}

function instrument(id: string, tick: string, lot = '1'): Instrument {
  const [symbol, venue] = id.split('.');
  return {
    id: instrumentId(symbol, venue),
    tickSize: Price.parse(tick),
    lotSize: Quantity.parse(lot),
    quoteCurrency: currency('USD'),
    multiplier: 1,
  };
}

test('reads bars exactly, with an instrument inferred from the file', () => {
  const { instrument: inst, bars } = parseBarsCsv(csv(HEADER, ...ROWS), 'data/aapl.csv');
  assert.equal(inst.id, 'AAPL.SIM');
  assert.equal(inst.tickSize.toString(), '0.1'); // 100.00 … 102.50: at most 1 significant decimal
  assert.equal(inst.lotSize.toString(), '1');
  assert.equal(inst.quoteCurrency.code, 'USD');
  assert.equal(inst.multiplier, 1);
  assert.equal(bars.length, 3);
  const [first] = bars;
  assert.equal(first.instrumentId, 'AAPL.SIM');
  assert.equal(first.tsEvent, JAN2);
  assert.equal(first.tsInit, JAN2);
  assert.deepEqual(
    [first.open, first.high, first.low, first.close].map((p) => [p.raw, p.precision]),
    [
      [1000, 1],
      [1015, 1],
      [995, 1],
      [1010, 1],
    ],
  );
  assert.equal(first.volume.raw, 1000);
  assert.equal(first.volume.precision, 0);
  assert.deepEqual(
    bars.map((b) => b.tsEvent),
    [JAN2, JAN2 + US.DAY, JAN2 + 2 * US.DAY],
  );
});

test('price precision is the most decimals seen, ignoring trailing zeros; all prices share it', () => {
  const text = csv(
    'timestamp,open,high,low,close',
    '2024-01-02,1.1,1.2,1.0,1.15',
    '2024-01-03,1.15,1.25,1.1,1.2340',
    '2024-01-04,1.2340,1.3000,1.2000,1.2500',
  );
  const { instrument: inst, bars } = parseBarsCsv(text, 'eurusd.csv');
  assert.equal(inst.tickSize.toString(), '0.001');
  assert.equal(inst.tickSize.raw, 1);
  for (const bar of bars) {
    for (const p of [bar.open, bar.high, bar.low, bar.close]) assert.equal(p.precision, 3);
  }
  assert.equal(bars[0].open.raw, 1100);
  assert.equal(bars[1].close.toString(), '1.234');
  assert.equal(bars[2].close.raw, 1250);
});

test('whole-number prices give precision 0; fractional volumes set the size precision', () => {
  const text = csv(
    'timestamp,open,high,low,close,volume',
    '1,10,12,9,11,0.5',
    '2,11,13,10,12,2.25',
    '3,12,12,12,12,3',
  );
  const { instrument: inst, bars } = parseBarsCsv(text, 'btc.csv');
  assert.equal(inst.tickSize.toString(), '1');
  assert.equal(inst.lotSize.toString(), '0.01');
  assert.deepEqual(
    bars.map((b) => b.volume.toString()),
    ['0.50', '2.25', '3.00'],
  );
});

test('volume is optional: a missing column means 0', () => {
  const { instrument: inst, bars } = parseBarsCsv(
    csv('timestamp,open,high,low,close', '2024-01-02,1,2,1,2', '2024-01-03,2,3,2,3'),
    'x.csv',
  );
  assert.equal(inst.lotSize.toString(), '1');
  assert.ok(bars.every((b) => b.volume.isZero() && b.volume.precision === 0));
});

test('columns in any order, any case, with extra columns and timestamp aliases', () => {
  const text = csv(
    ' Volume ,CLOSE,Symbol,Low,High,Open,Date,adj close',
    '1000,101.00,AAPL,99.50,101.50,100.00,2024-01-02,100.9',
    '1200,101.50,AAPL,100.50,102.00,101.00,2024-01-03,101.4',
  );
  const { bars } = parseBarsCsv(text, 'aapl.csv');
  assert.equal(bars.length, 2);
  assert.equal(bars[0].open.toString(), '100.0');
  assert.equal(bars[0].close.toString(), '101.0');
  assert.equal(bars[1].low.toString(), '100.5');
  assert.equal(bars[1].volume.raw, 1200);
  assert.equal(bars[1].tsEvent, JAN2 + US.DAY);

  for (const alias of ['datetime', 'Time', 'TIMESTAMP']) {
    const parsed = parseBarsCsv(csv(`${alias},open,high,low,close`, '1704153600,1,1,1,1'), 'x.csv');
    assert.equal(parsed.bars[0].tsEvent, JAN2, alias);
  }
  // timestamp wins over date when both exist.
  const both = parseBarsCsv(
    csv('date,timestamp,open,high,low,close', '2020-01-01,1704153600,1,1,1,1'),
    'x.csv',
  );
  assert.equal(both.bars[0].tsEvent, JAN2);
});

test('separate date and time columns are combined', () => {
  const text = csv(
    'Date,Time,Open,High,Low,Close,Volume',
    '2024-01-02,09:30,1,2,1,2,5',
    '2024-01-02,09:31:00,2,2,2,2,5',
  );
  const { bars } = parseBarsCsv(text, 'x.csv');
  assert.deepEqual(
    bars.map((b) => b.tsEvent),
    [JAN2 + 9.5 * US.HOUR, JAN2 + 9.5 * US.HOUR + US.MINUTE],
  );
});

test('ISO and epoch timestamp variants', () => {
  const variants: Array<[string, string]> = [
    ['2024-01-02T09:30:00Z', '2024-01-02T09:31:00Z'],
    ['2024-01-02 09:30:00', '2024-01-02 09:31:00'],
    ['2024-01-02T10:30:00+01:00', '2024-01-02T10:31:00+01:00'],
    ['2024-01-02T09:30:00.000000Z', '2024-01-02T09:31:00.000Z'],
    ['1704187800', '1704187860'],
    ['1704187800000', '1704187860000'],
    ['1704187800000000', '1704187860000000'],
  ];
  for (const [a, b] of variants) {
    const { bars } = parseBarsCsv(
      csv('timestamp,open,high,low,close', `${a},1,1,1,1`, `${b},1,1,1,1`),
      'x.csv',
    );
    assert.deepEqual(
      bars.map((bar) => bar.tsEvent),
      [JAN2 + 9.5 * US.HOUR, JAN2 + 9.5 * US.HOUR + US.MINUTE],
      a,
    );
  }
});

test('CRLF, a byte-order mark, quoted fields and trailing blank lines are fine', () => {
  const text = '\ufeff' + [HEADER, ...ROWS].join('\r\n') + '\r\n\r\n  \n';
  const { bars } = parseBarsCsv(text, 'x.csv');
  assert.equal(bars.length, 3);
  assert.equal(bars[2].close.toString(), '102.0');

  const quoted = csv(
    '"timestamp","open","high","low","close","note"',
    '"2024-01-02",1,2,1,2,"a, ""quoted"" note"',
  );
  assert.equal(parseBarsCsv(quoted, 'x.csv').bars[0].high.toString(), '2');
  // No final newline.
  assert.equal(parseBarsCsv([HEADER, ...ROWS].join('\n'), 'x.csv').bars.length, 3);
  // Spaces around values.
  assert.equal(
    parseBarsCsv(csv(HEADER, '2024-01-02, 1.5 , 2,1, 2 , 7 '), 'x.csv').bars[0].open.toString(),
    '1.5',
  );
});

test('instrument id: from the options, else from the file name', () => {
  const text = csv(HEADER, ...ROWS);
  const id = instrumentId('MSFT', 'XNAS');
  assert.equal(parseBarsCsv(text, 'a.csv', { instrumentId: id }).instrument.id, 'MSFT.XNAS');
  assert.equal(parseBarsCsv(text, 'a.csv', { instrumentId: id }).bars[0].instrumentId, 'MSFT.XNAS');
  assert.equal(instrumentIdFromFileName('data/aapl.csv'), 'AAPL.SIM');
  assert.equal(instrumentIdFromFileName('/x/y/btc-usdt.CSV'), 'BTC-USDT.SIM');
  assert.equal(instrumentIdFromFileName('spy daily (2024).csv'), 'SPY_DAILY__2024_.SIM');
  assert.equal(instrumentIdFromFileName('es.2024.csv'), 'ES_2024.SIM');
  assert.equal(instrumentIdFromFileName('noext'), 'NOEXT.SIM');
  assert.equal(instrumentIdFromFileName('data/.csv'), undefined);
});

test('with an instrument: prices at its precision, on its tick grid', () => {
  const es = instrument('ES.CME', '0.25');
  const { instrument: inst, bars } = parseBarsCsv(
    csv(HEADER, '2024-01-02,4700.25,4701,4699.5,4700.75,10', '2024-01-03,4700.75,4702.00,4700,4701.5,20'),
    'es.csv',
    { instrument: es },
  );
  assert.equal(inst, es);
  assert.equal(bars[0].instrumentId, 'ES.CME');
  assert.equal(bars[0].high.toString(), '4701.00');
  assert.equal(bars[1].low.precision, 2);

  assertFails(
    csv(HEADER, '2024-01-02,4700.25,4701,4699.5,4700.10,10'),
    2,
    /\(close\): price 4700.10 is not on the tick grid of ES.CME \(tick size 0.25\)/,
    { instrument: es },
  );
  assertFails(
    csv(HEADER, '2024-01-02,4700.25,4701.125,4699.5,4700.75,10'),
    2,
    /\(high\): price 4701.125 has 3 decimals, more than the tick size 0.25 of ES.CME allows/,
    { instrument: es },
  );

  const aapl = instrument('AAPL.XNAS', '0.01');
  assert.equal(
    parseBarsCsv(csv(HEADER, '2024-01-02,1.5,2,1,2,1'), 'x.csv', {
      instrument: aapl,
    }).bars[0].open.toString(),
    '1.50',
  );
  assertFails(csv(HEADER, ...ROWS, '2024-01-05,1.5,2,1,2.001,1'), 5, /2.001 has 3 decimals/, {
    instrument: aapl,
  });
  // Trailing zeros beyond the tick precision are not extra decimals.
  assert.equal(
    parseBarsCsv(csv(HEADER, '2024-01-02,1.5000,2,1,2,1'), 'x.csv', { instrument: aapl }).bars[0].open.raw,
    150,
  );
  // Volume keeps its decimals even when the lot is whole.
  assert.equal(
    parseBarsCsv(csv(HEADER, '2024-01-02,1,2,1,2,1.5'), 'x.csv', {
      instrument: aapl,
    }).bars[0].volume.toString(),
    '1.5',
  );
});

test('several instruments: one file each, each with its own id and precision', () => {
  const files: Array<[string, string]> = [
    ['spy.csv', csv(HEADER, '2024-01-02,470.10,471.2,469.55,470.9,100')],
    ['eurusd.csv', csv(HEADER, '2024-01-02,1.10412,1.1050,1.1032,1.1041,0')],
    ['btc.csv', csv(HEADER, '2024-01-02,42000,42500.5,41800,42100,12.345')],
  ];
  const read = files.map(([name, text]) => parseBarsCsv(text, `data/${name}`));
  assert.deepEqual(
    read.map((r) => [r.instrument.id, r.instrument.tickSize.toString(), r.instrument.lotSize.toString()]),
    [
      ['SPY.SIM', '0.01', '1'],
      ['EURUSD.SIM', '0.00001', '1'],
      ['BTC.SIM', '0.1', '0.001'],
    ],
  );
  assert.equal(read[1].bars[0].high.toString(), '1.10500');
});

test('readBarsCsv reads a file; a missing file is an InputError naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-csv-'));
  try {
    const path = join(dir, 'qqq.csv');
    writeFileSync(path, csv(HEADER, ...ROWS));
    const { instrument: inst, bars } = readBarsCsv(path);
    assert.equal(inst.id, 'QQQ.SIM');
    assert.equal(bars.length, 3);
    const missing = join(dir, 'nope.csv');
    assert.throws(
      () => readBarsCsv(missing),
      (e: unknown) => e instanceof InputError && e.message === `${missing}: cannot read bars: no such file`,
    );
    assert.throws(() => readBarsCsv(dir, { instrumentId: 'X.SIM' as InstrumentId }), /is a directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Errors: every one names the file and the 1-based line (header = line 1).
// ---------------------------------------------------------------------------------------------

test('error: empty file, blank file, header only', () => {
  assertFails('', 1, /file is empty/);
  assertFails(' \n\r\n\n', 1, /file is empty/);
  assertFails(HEADER, 2, /no bars: the file has a header but no data rows/);
  assertFails(HEADER + '\r\n\r\n', 2, /no bars/);
  assertFails('\n' + csv(HEADER, ...ROWS), 1, /blank first line: expected the header row/);
});

test('error: missing required columns name the missing and the found ones', () => {
  const e = assertFails(
    csv('timestamp,open,High,vol', '1,1,1,1'),
    1,
    /missing required column\(s\) low, close; found: timestamp, open, High, vol$/,
  );
  assert.equal(e.problem, 'missing required column(s) low, close; found: timestamp, open, High, vol');
  assertFails(
    csv('when,open,high,low,close', '1,1,1,1,1'),
    1,
    /missing required column\(s\) timestamp \(or datetime, date, time\); found: when, open/,
  );
  assertFails(csv(...ROWS), 1, /the first line must be a header naming the columns/);
  assertFails(
    csv('timestamp,open,high,low,close,Close', '1,1,1,1,1,1'),
    1,
    /column "Close" appears twice \(fields 5 and 6\)/,
  );
});

test('error: wrong number of fields', () => {
  assertFails(
    csv(HEADER, ROWS[0], '2024-01-03,101.00,102.00,100.50,101.50'),
    3,
    /wrong number of fields: expected 6 \(as in the header\), found 5/,
  );
  assertFails(csv(HEADER, ROWS[0], ROWS[1] + ',extra'), 3, /expected 6 .* found 7/);
  assertFails(csv(HEADER, '2024-01-02'), 2, /found 1/);
  assertFails(csv(HEADER, '"2024-01-02,1,2,1,2,3'), 2, /unterminated or malformed quoted field/);
});

test('error: non-numeric or empty values name the column', () => {
  assertFails(
    csv(HEADER, ROWS[0], '2024-01-03,101.00,abc,100.50,101.50,1200'),
    3,
    /^data\/test.csv:3 \(high\): "abc" is not a number$/,
  );
  assertFails(
    csv(HEADER, ROWS[0], '2024-01-03,101.00,102.00,100.50,,1200'),
    3,
    /^data\/test.csv:3 \(close\): empty value$/,
  );
  assertFails(csv(HEADER, '2024-01-03,  ,102.00,100.50,101,1200'), 2, /\(open\): empty value/);
  assertFails(csv(HEADER, '2024-01-03,1e2,102.00,100.50,101,1200'), 2, /\(open\): "1e2" is not a number/);
  assertFails(csv(HEADER, '2024-01-03,101,102.00,100.50,101,NaN'), 2, /\(volume\): "NaN" is not a number/);
  assertFails(csv(HEADER, '2024-01-03,100.,102.00,100.50,101,1'), 2, /\(open\): "100\." is not a number/);
  assertFails(csv(HEADER, ',100,102.00,100.50,101,1'), 2, /\(timestamp\): empty value/);
  assertFails(
    csv(HEADER, '2024-01-03,1.00000000000000001,2,1,2,1'),
    2,
    /\(open\): "1.00000000000000001" has too many decimals/,
  );
  assertFails(csv(HEADER, '2024-01-03,123456789012345678,123456789012345678,1,2,1'), 2, /too many digits/);
});

test('error: negative or zero prices, negative volume', () => {
  assertFails(
    csv(HEADER, ROWS[0], '2024-01-03,101.00,102.00,-100.50,101.50,1200'),
    3,
    /\(low\): price must be positive, got -100.50/,
  );
  assertFails(
    csv(HEADER, '2024-01-03,0,102.00,100.50,101.50,1200'),
    2,
    /\(open\): price must be positive, got 0/,
  );
  assertFails(
    csv(HEADER, '2024-01-03,0.000,102.00,100.50,101.50,1200'),
    2,
    /\(open\): price must be positive, got 0.000/,
  );
  assertFails(
    csv(HEADER, ROWS[0], ROWS[1], '2024-01-04,101.50,102.50,101.00,102.00,-900'),
    4,
    /\(volume\): volume must not be negative, got -900/,
  );
  // Zero volume is fine.
  assert.equal(
    parseBarsCsv(csv(HEADER, '2024-01-04,101.50,102.50,101.00,102.00,0'), 'x.csv').bars[0].volume.raw,
    0,
  );
});

test('error: inconsistent OHLC, as reported by ohlcProblem with the prices as written', () => {
  assertFails(
    csv(HEADER, ROWS[0], '2024-01-03,101.00,101.20,100.50,101.50,1200'),
    3,
    /^data\/test.csv:3: inconsistent OHLC: close 101.50 is above high 101.20$/,
  );
  assertFails(csv(HEADER, '2024-01-03,101,102,103,101.5,1'), 2, /low 103 is above high 102/);
  assertFails(csv(HEADER, '2024-01-03,99.9,102,100,101.5,1'), 2, /open 99.9 is below low 100/);
  assertFails(csv(HEADER, '2024-01-03,102.5,102,100,101.5,1'), 2, /open 102.5 is above high 102/);
  assertFails(csv(HEADER, '2024-01-03,101,102,100,99.99,1'), 2, /close 99.99 is below low 100/);
  // Equal values at different written precisions are consistent.
  assert.equal(parseBarsCsv(csv(HEADER, '2024-01-03,100,100.00,100.0,100,1'), 'x.csv').bars.length, 1);
});

test('error: unparseable timestamps', () => {
  assertFails(
    csv(HEADER, ROWS[0], '2024-13-03,101.00,102.00,100.50,101.50,1200'),
    3,
    /\(timestamp\): unparseable timestamp "2024-13-03": month 13 does not exist/,
  );
  assertFails(
    csv(HEADER, 'Jan 2 2024,101.00,102.00,100.50,101.50,1200'),
    2,
    /unparseable timestamp "Jan 2 2024": expected ISO-8601/,
  );
  assertFails(csv(HEADER, '170418780012,101.00,102.00,100.50,101.50,1200'), 2, /12 digits is ambiguous/);
  assertFails(
    csv('Date,Time,Open,High,Low,Close', '2024-01-02,9:30,1,1,1,1'),
    2,
    /\(Date\): unparseable timestamp "2024-01-02T9:30"/,
  );
});

test('error: timestamps not strictly increasing name the previous timestamp and line', () => {
  assertFails(
    csv(HEADER, ROWS[0], ROWS[1], ROWS[1]),
    4,
    /\(timestamp\): timestamp 2024-01-03T00:00:00.000Z is the same as the previous timestamp 2024-01-03T00:00:00.000Z \(line 3\)/,
  );
  assertFails(
    csv(HEADER, ROWS[0], ROWS[2], ROWS[1]),
    4,
    /2024-01-03T00:00:00.000Z is before the previous timestamp 2024-01-04T00:00:00.000Z \(line 3\)/,
  );
});

test('error: a blank line in the middle (never skipped), also with CRLF', () => {
  assertFails(csv(HEADER, ROWS[0], '', ROWS[1]), 3, /blank line in the middle of the data/);
  assertFails([HEADER, ROWS[0], ROWS[1], '   ', ROWS[2]].join('\r\n'), 4, /blank line in the middle/);
  assertFails([HEADER, ROWS[0], ROWS[1], 'garbage'].join('\r\n'), 4, /wrong number of fields/);
});

test('error: instrument id and instrument disagree, or no id can be derived', () => {
  const aapl = instrument('AAPL.XNAS', '0.01');
  assert.throws(
    () =>
      parseBarsCsv(csv(HEADER, ...ROWS), 'x.csv', {
        instrument: aapl,
        instrumentId: instrumentId('MSFT', 'XNAS'),
      }),
    (e: unknown) =>
      e instanceof InputError &&
      /MSFT.XNAS does not match the instrument given \(AAPL.XNAS\)/.test(e.message),
  );
  assert.throws(
    () => parseBarsCsv(csv(HEADER, ...ROWS), 'data/.csv'),
    (e: unknown) =>
      e instanceof InputError &&
      e.message === 'data/.csv: cannot derive an instrument id from the file name; give one explicitly',
  );
});

test('line numbers stay right deep into a large file', () => {
  const lines = [HEADER];
  for (let i = 0; i < 5000; i++) lines.push(`${1_704_153_600 + i * 60},1.5,2,1,1.75,${i}`);
  lines[4321] = lines[4321].replace('1.75', '2.5');
  assertFails(csv(...lines), 4322, /close 2.5 is above high 2/);
});

test('the fast decimal scanner agrees with parseDecimal', () => {
  const decimal = fc.oneof(
    fc
      .tuple(fc.nat({ max: 1e9 }), fc.nat({ max: 99999999 }), fc.nat({ max: 3 }))
      .map(([w, f, z]) => `${w}.${String(f)}${'0'.repeat(z)}`),
    fc.tuple(fc.nat(), fc.nat({ max: 12 })).map(([w, z]) => `${w}.${'0'.repeat(z)}`),
    fc.nat().map(String),
    fc.string({ maxLength: 18 }),
    fc.stringMatching(/^[+-]?\d{0,17}(\.\d{0,17})?$/),
  );
  fc.assert(
    fc.property(decimal, (text) => {
      const problem = scanDecimal(text);
      const reference = parseDecimal(text);
      if (text.trim() === '') return problem === 'empty';
      if (typeof reference === 'string') return problem === reference;
      if (problem !== undefined) return false;
      // Same value: raw/10^decimals equals reference.raw/10^reference.precision exactly.
      const p = reference.precision - scanned.decimals;
      return p >= 0 && scanned.raw * 10 ** p === reference.raw;
    }),
    { numRuns: 5000 },
  );
});

test('fast: 250,000 ISO rows parse in well under a second', (t) => {
  const lines = [HEADER];
  const day = '2024-01-02T';
  for (let i = 0; i < 250_000; i++) {
    const s = i % 86_400;
    const d = Math.floor(i / 86_400);
    const hh = String(Math.floor(s / 3600)).padStart(2, '0');
    const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    const base = 100 + (i % 500) / 100;
    lines.push(
      `${day.replace('02', String(2 + d).padStart(2, '0'))}${hh}:${mm}:${ss}Z,${base.toFixed(2)},${(base + 0.5).toFixed(2)},${(base - 0.25).toFixed(2)},${(base + 0.1).toFixed(2)},${1000 + i}`,
    );
  }
  const text = lines.join('\n');
  const start = performance.now();
  const { bars } = parseBarsCsv(text, 'speed.csv');
  const ms = performance.now() - start;
  t.diagnostic(`250,000 rows in ${ms.toFixed(0)} ms`);
  assert.equal(bars.length, 250_000);
  assert.equal(bars[249_999].volume.raw, 250_999);
  assert.ok(ms < 4000, `${ms} ms`); // generous for loaded CI machines; ~0.25 s typical
});
