/**
 * `quantflow book replay --orders FILE` through the real CLI in a child process: the standard
 * 1,000,000-operation stream (`../shared/bench/orders.csv`) reaches the final state of
 * orders.expected.json; small hand-made streams reach the states worked out by hand below; every
 * kind of malformed line ends the run with exit 1 and one `error: ` line naming file:line and the
 * reason code.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, assertOk, quantflow, tempDir, type Run } from '../support/cli.js';

// ---- harness ----------------------------------------------------------------------------

const FIXTURES = 'test/fixtures/order-stream';
/** The standard stream, beside the clone (CI checks out ../shared next to it). */
const ORDERS = '../shared/bench/orders.csv';
const EXPECTED = join(REPO_ROOT, '..', 'shared', 'bench', 'orders.expected.json');
const HEADER = 'op,id,side,price,qty';

function replay(file: string, ...args: string[]): Run {
  return quantflow('book', 'replay', '--orders', file, ...args);
}

/** Runs a successful replay and returns its stdout, which must be exactly one line. */
function replayLine(file: string): string {
  const run = replay(file);
  assertOk(run);
  assert.equal(run.stderr, '');
  assert.ok(run.stdout.endsWith('\n'), run.stdout);
  assert.equal(run.stdout.split('\n').length, 2, `one line: ${run.stdout}`);
  return run.stdout.slice(0, -1);
}

/** Exit 1, one `error: ` line naming `file:line` (exactly that line) with every part, nothing on stdout. */
function assertRejected(run: Run, file: string, line: number, ...mustInclude: string[]): string {
  const shown = `exit ${run.status}\nstderr: ${run.stderr}\nstdout: ${run.stdout}`;
  assert.equal(run.status, 1, shown);
  assert.equal(run.stdout, '', shown);
  assert.ok(run.stderr.endsWith('\n'), shown);
  const lines = run.stderr.slice(0, -1).split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${shown}`);
  assert.doesNotMatch(run.stderr, /^\s*at |internal error/m, shown);
  const where = `error: ${file}:${line}`;
  assert.ok(lines[0].startsWith(where), `should start with ${where}: ${lines[0]}`);
  assert.match(lines[0].slice(where.length), /^: /, `line ${line} exactly: ${lines[0]}`);
  for (const part of mustInclude) assert.ok(lines[0].includes(part), `"${part}" missing from: ${lines[0]}`);
  return lines[0];
}

/** The line the CLI must print for these values, keys in the order given. */
function line(values: Record<string, number | string>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}

const EMPTY_BOOK = {
  restBidOrders: 0,
  restAskOrders: 0,
  restBidVol: 0,
  restAskVol: 0,
  bidLevels: 0,
  askLevels: 0,
  bestBid: 'none',
  bestAsk: 'none',
  pv: 0,
  cancelOk: 0,
  cancelledVol: 0,
  marketUnfilled: 0,
  trades: 0,
  tradedVol: 0,
};

// ---- the standard stream ----------------------------------------------------------------

describe('book replay of the standard order stream (../shared/bench/orders.csv)', () => {
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as {
    checks: Record<string, number>;
    stats: Record<string, number>;
  };

  test('prints the checks of orders.expected.json, in its order, then trades and tradedVol', () => {
    const printed = replayLine(ORDERS);
    const keys = printed.split(' ').map((pair) => pair.split('=')[0]);
    assert.deepEqual(keys, [...Object.keys(expected.checks), 'trades', 'tradedVol']);
    assert.equal(
      printed,
      line({ ...expected.checks, trades: expected.stats.trades, tradedVol: expected.stats.tradedVol }),
    );
  });

  test('--json: checks and operation counts as in orders.expected.json', () => {
    const run = replay(ORDERS, '--json');
    assertOk(run);
    const json = JSON.parse(run.stdout) as { checks: Record<string, number>; stats: Record<string, number> };
    assert.deepEqual(json.checks, expected.checks);
    for (const key of ['n', 'limits', 'cancels', 'markets', 'trades', 'tradedVol'])
      assert.equal(json.stats[key], expected.stats[key], key);
  });
});

// ---- hand-made streams ------------------------------------------------------------------

describe('book replay of hand-made streams', () => {
  test('basic: crossing limit, partial fill, market with an unfilled remainder, a cancel', () => {
    // Bids 100×10 (#1), 99×5 (#2), 100×3 (#5); asks 102×7, 103×4. #2 canceled (5 lots). Sell
    // 12 @100 takes #1 (10) and 2 of #5. Market buy 20 takes 102×7 and 103×4: 9 unfilled. Ask 105×6.
    assert.equal(
      replayLine(`${FIXTURES}/basic.csv`),
      line({
        restBidOrders: 1,
        restAskOrders: 1,
        restBidVol: 1,
        restAskVol: 6,
        bidLevels: 1,
        askLevels: 1,
        bestBid: 100,
        bestAsk: 105,
        pv: 100 * 1 + 105 * 6,
        cancelOk: 1,
        cancelledVol: 5,
        marketUnfilled: 9,
        trades: 4,
        tradedVol: 12 + 11,
      }),
    );
  });

  test('price-time: a partly filled head keeps its place; FIFO within a level; empty side', () => {
    // Market sell 7 on an empty book: 7 unfilled. Asks 50×5 (#1), 50×5 (#2), 51×5 (#3). Market buy 3
    // leaves #1 with 2, still first; #4 50×4 joins behind #2. Market buy 4: #1 2, #2 2 (3 left).
    // Cancel #2: 3 lots (1 if #1 had lost its place). Buy 10 @51: #4 4, #3 5, rests 1 @51.
    assert.equal(
      replayLine(`${FIXTURES}/price-time.csv`),
      line({
        restBidOrders: 1,
        restAskOrders: 0,
        restBidVol: 1,
        restAskVol: 0,
        bidLevels: 1,
        askLevels: 0,
        bestBid: 51,
        bestAsk: 'none',
        pv: 51,
        cancelOk: 1,
        cancelledVol: 3,
        marketUnfilled: 7,
        trades: 5,
        tradedVol: 3 + 4 + 9,
      }),
    );
  });

  test('levels: orders and levels counted per side, pv over every resting order', () => {
    assert.equal(
      replayLine(`${FIXTURES}/levels.csv`),
      line({
        restBidOrders: 4,
        restAskOrders: 3,
        restBidVol: 10,
        restAskVol: 18,
        bidLevels: 3,
        askLevels: 2,
        bestBid: 99,
        bestAsk: 101,
        pv: 98 * 1 + 99 * 2 + 99 * 3 + 97 * 4 + 101 * 5 + 104 * 6 + 101 * 7,
        cancelOk: 0,
        cancelledVol: 0,
        marketUnfilled: 0,
        trades: 0,
        tradedVol: 0,
      }),
    );
  });

  test('header only: an empty book, best prices "none"', () => {
    assert.equal(replayLine(`${FIXTURES}/header-only.csv`), line(EMPTY_BOOK));
  });

  test('CRLF line ends, a byte-order mark, no final newline or trailing blank lines: same state', () => {
    const text = readFileSync(join(REPO_ROOT, FIXTURES, 'basic.csv'), 'utf8');
    const want = replayLine(`${FIXTURES}/basic.csv`);
    const dir = tempDir('qf-book-');
    const variants = {
      'crlf.csv': text.replaceAll('\n', '\r\n'),
      'bom.csv': '\uFEFF' + text,
      'no-final-newline.csv': text.trimEnd(),
      'trailing-blank.csv': text + '\n\r\n',
    };
    for (const [name, content] of Object.entries(variants)) {
      writeFileSync(join(dir, name), content);
      assert.equal(replayLine(join(dir, name)), want, name);
    }
  });
});

// ---- bad input --------------------------------------------------------------------------

describe('book replay of malformed streams: exit 1, one line naming file:line and the reason code', () => {
  const OK = ['L,1,B,100,5', 'L,2,S,101,5'];
  interface Case {
    readonly name: string;
    readonly lines: readonly string[];
    /** 1-based line of the problem. */
    readonly line: number;
    readonly mustInclude: readonly string[];
  }
  const cases: Case[] = [
    {
      name: 'wrong header',
      lines: ['op,id,side,price', ...OK],
      line: 1,
      mustInclude: ['[WRONG_HEADER]', `expected the header "${HEADER}"`],
    },
    {
      name: 'unknown op',
      lines: [HEADER, ...OK, 'X,3,B,100,5'],
      line: 4,
      mustInclude: ['[UNKNOWN_OP]', '"X"'],
    },
    {
      name: 'op of two letters',
      lines: [HEADER, 'LL,1,B,100,5'],
      line: 2,
      mustInclude: ['[UNKNOWN_OP]', '"LL"'],
    },
    {
      name: 'missing field',
      lines: [HEADER, ...OK, 'L,3,B,100'],
      line: 4,
      mustInclude: ['[WRONG_FIELD_COUNT]', 'expected 5', 'found 4'],
    },
    {
      name: 'extra field',
      lines: [HEADER, 'L,1,B,100,5,7', ...OK],
      line: 2,
      mustInclude: ['[WRONG_FIELD_COUNT]', 'found 6'],
    },
    {
      name: 'non-integer price',
      lines: [HEADER, ...OK, 'L,3,B,10a,5'],
      line: 4,
      mustInclude: ['[INVALID_PRICE]', 'price "10a" is not an integer'],
    },
    {
      name: 'decimal quantity',
      lines: [HEADER, ...OK, 'L,3,B,100,1.5'],
      line: 4,
      mustInclude: ['[INVALID_QUANTITY]', 'qty "1.5" is not an integer'],
    },
    {
      name: 'zero quantity',
      lines: [HEADER, ...OK, 'M,0,B,0,0'],
      line: 4,
      mustInclude: ['[INVALID_QUANTITY]', 'qty "0" must be positive'],
    },
    {
      name: 'negative price',
      lines: [HEADER, ...OK, 'L,3,S,-5,5'],
      line: 4,
      mustInclude: ['[INVALID_PRICE]', 'price "-5" must be positive'],
    },
    {
      name: 'zero id on a limit order',
      lines: [HEADER, 'L,0,B,100,5'],
      line: 2,
      mustInclude: ['[INVALID_ID]', 'id "0" must be positive'],
    },
    {
      name: 'id beyond the safe integers',
      lines: [HEADER, 'L,90071992547409930,B,100,5'],
      line: 2,
      mustInclude: ['[INVALID_ID]', 'too large'],
    },
    {
      name: 'side not B/S',
      lines: [HEADER, ...OK, 'L,3,X,100,5'],
      line: 4,
      mustInclude: ['[INVALID_SIDE]', '"X"'],
    },
    {
      name: 'market order with an id',
      lines: [HEADER, ...OK, 'M,7,B,0,5'],
      line: 4,
      mustInclude: ['[INVALID_ID]', 'must be 0 for a market order'],
    },
    {
      name: 'cancel with a quantity',
      lines: [HEADER, ...OK, 'C,1,B,100,5'],
      line: 4,
      mustInclude: ['[INVALID_QUANTITY]', 'must be 0 for a cancel'],
    },
    {
      name: 'limit ids not increasing',
      lines: [HEADER, ...OK, 'L,2,B,99,5'],
      line: 4,
      mustInclude: ['[ID_NOT_INCREASING]', 'limit order id 2'],
    },
    {
      name: 'cancel of an id never placed',
      lines: [HEADER, ...OK, 'C,9,B,100,0'],
      line: 4,
      mustInclude: ['[UNKNOWN_ORDER]', 'cancel of order 9'],
    },
    {
      name: 'blank line in the middle',
      lines: [HEADER, 'L,1,B,100,5', '', 'L,2,S,101,5'],
      line: 3,
      mustInclude: ['[BLANK_LINE]'],
    },
  ];

  for (const c of cases) {
    test(c.name, () => {
      const file = join(tempDir('qf-book-'), 'orders.csv');
      writeFileSync(file, c.lines.join('\n') + '\n');
      assertRejected(replay(file), file, c.line, ...c.mustInclude);
    });
  }

  test('empty file: the header is missing', () => {
    const file = join(tempDir('qf-book-'), 'empty.csv');
    writeFileSync(file, '');
    assertRejected(replay(file), file, 1, '[WRONG_HEADER]', 'empty first line');
  });

  test('cancel of an order that is no longer resting: the first such line, and how many', () => {
    // Line 4 cancels #1, filled by the market order on line 3; line 7 cancels #2 a second time.
    assertRejected(
      replay(`${FIXTURES}/refused-cancel.csv`),
      `${FIXTURES}/refused-cancel.csv`,
      4,
      '[UNKNOWN_ORDER]',
      'cancel of order 1',
      '1 more such cancel',
    );
  });

  test('missing file: names the path', () => {
    const file = join(tempDir('qf-book-'), 'nope.csv');
    const run = replay(file);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `error: ${file}: cannot read orders: no such file or directory\n`);
  });

  test('--orders is required', () => {
    const run = quantflow('book', 'replay');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /required option '--orders <csv>'/);
  });
});
