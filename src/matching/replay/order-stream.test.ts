import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../core/input-error.js';
import {
  ORDER_STREAM_HEADER,
  OrderStreamError,
  OrderStreamProblem,
  StreamOp,
  StreamSide,
  lineOfOperation,
  parseOrderStream,
  type OrderStream,
} from './order-stream.js';

const FILE = 'orders.csv';
const encoder = new TextEncoder();
const parse = (text: string): OrderStream => parseOrderStream(encoder.encode(text), FILE);
const csv = (...lines: string[]): string => [ORDER_STREAM_HEADER, ...lines].join('\n') + '\n';

/** Asserts that parsing `text` fails at `line` with `code`, and a message matching `pattern`. */
function assertFails(
  text: string,
  line: number,
  code: OrderStreamProblem,
  pattern?: RegExp,
): OrderStreamError {
  let caught: unknown;
  try {
    parse(text);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof OrderStreamError, `expected an OrderStreamError, got ${String(caught)}`);
  assert.ok(caught instanceof InputError, 'an InputError, so the CLI reports it as bad input');
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.location.file, FILE);
  assert.equal(caught.location.line, line, caught.message);
  assert.ok(caught.message.startsWith(`${FILE}:${line}: `), caught.message);
  assert.ok(caught.message.endsWith(`[${code}]`), caught.message);
  if (pattern) assert.match(caught.message, pattern);
  return caught;
}

/** The columns of a stream as plain rows, for deepEqual. */
function rows(stream: OrderStream): [number, number, number, number, number][] {
  return Array.from({ length: stream.length }, (_, i) => [
    stream.ops[i],
    stream.ids[i],
    stream.sides[i],
    stream.prices[i],
    stream.quantities[i],
  ]);
}

test('parses each op into the columns, with counts and the largest limit id', () => {
  const stream = parse(csv('L,1,S,10034,53', 'L,3,B,9990,7', 'C,1,S,10034,0', 'M,0,B,0,12'));
  assert.equal(stream.length, 4);
  assert.deepEqual(rows(stream), [
    [StreamOp.LIMIT, 1, StreamSide.SELL, 10034, 53],
    [StreamOp.LIMIT, 3, StreamSide.BUY, 9990, 7],
    [StreamOp.CANCEL, 1, StreamSide.SELL, 10034, 0],
    [StreamOp.MARKET, 0, StreamSide.BUY, 0, 12],
  ]);
  assert.deepEqual([stream.limits, stream.cancels, stream.markets, stream.maxLimitId], [2, 1, 1, 3]);
  assert.ok(stream.ids instanceof Float64Array && stream.ops instanceof Uint8Array);
});

test('the columns are exactly as long as the stream (not the over-allocated buffers)', () => {
  const stream = parse(csv('L,1,B,5,5', 'M,0,S,0,1'));
  for (const column of [stream.ops, stream.sides, stream.ids, stream.prices, stream.quantities]) {
    assert.equal(column.length, 2);
    assert.equal(column.buffer.byteLength, column.byteLength);
  }
});

test('header only: an empty stream', () => {
  const stream = parse(ORDER_STREAM_HEADER + '\n');
  assert.equal(stream.length, 0);
  assert.equal(stream.maxLimitId, 0);
  assert.equal(parse(ORDER_STREAM_HEADER).length, 0);
});

test('CRLF, a byte-order mark, no final newline and trailing blank lines read the same', () => {
  const lines = ['L,1,B,100,5', 'L,2,S,101,6', 'C,1,B,100,0', 'M,0,S,0,3'];
  const want = rows(parse(csv(...lines)));
  for (const text of [
    csv(...lines).replaceAll('\n', '\r\n'),
    '\uFEFF' + csv(...lines),
    csv(...lines).trimEnd(),
    csv(...lines)
      .trimEnd()
      .replaceAll('\n', '\r\n'),
    csv(...lines) + '\n\n',
    csv(...lines) + '\r\n',
  ]) {
    assert.deepEqual(rows(parse(text)), want, JSON.stringify(text));
  }
});

test('large safe integers are exact', () => {
  const max = Number.MAX_SAFE_INTEGER;
  const stream = parse(csv(`L,${max},B,${max},${max}`));
  assert.deepEqual(rows(stream), [[StreamOp.LIMIT, max, StreamSide.BUY, max, max]]);
  assert.equal(parse(csv('L,007,B,0100,05')).ids[0], 7, 'leading zeros are plain decimals');
});

test('operation i is on line i + 2', () => {
  assert.equal(lineOfOperation(0), 2);
  assert.equal(lineOfOperation(999_999), 1_000_001);
});

test('header: missing, empty or different', () => {
  assertFails('', 1, OrderStreamProblem.WRONG_HEADER, /found an empty first line/);
  assertFails('\nL,1,B,1,1\n', 1, OrderStreamProblem.WRONG_HEADER, /found an empty first line/);
  assertFails('L,1,B,100,5\n', 1, OrderStreamProblem.WRONG_HEADER, /found "L,1,B,100,5"/);
  assertFails('op,id,side,price,quantity\n', 1, OrderStreamProblem.WRONG_HEADER);
  assertFails('OP,ID,SIDE,PRICE,QTY\n', 1, OrderStreamProblem.WRONG_HEADER);
  assertFails(' op,id,side,price,qty\n', 1, OrderStreamProblem.WRONG_HEADER);
});

test('a blank line before an operation', () => {
  assertFails(csv('L,1,B,100,5', '', 'L,2,B,100,5'), 3, OrderStreamProblem.BLANK_LINE, /blank line/);
  assertFails(csv('', 'L,1,B,100,5'), 2, OrderStreamProblem.BLANK_LINE);
  assertFails(csv('L,1,B,100,5', '\r', 'L,2,B,100,5'), 3, OrderStreamProblem.BLANK_LINE);
});

test('missing or extra fields', () => {
  assertFails(csv('L,1,B,100'), 2, OrderStreamProblem.WRONG_FIELD_COUNT, /expected 5 .* found 4$|found 4 /);
  assertFails(csv('L,1,B,100,5,'), 2, OrderStreamProblem.WRONG_FIELD_COUNT, /found 6/);
  assertFails(csv('L,1,B,100,5', 'L'), 3, OrderStreamProblem.WRONG_FIELD_COUNT, /found 1/);
  assertFails(csv('L;1;B;100;5'), 2, OrderStreamProblem.WRONG_FIELD_COUNT);
  assertFails(csv(' '), 2, OrderStreamProblem.WRONG_FIELD_COUNT);
});

test('unknown op', () => {
  assertFails(
    csv('X,1,B,100,5'),
    2,
    OrderStreamProblem.UNKNOWN_OP,
    /op "X": expected L \(limit\), C \(cancel\) or M \(market\)/,
  );
  assertFails(csv('l,1,B,100,5'), 2, OrderStreamProblem.UNKNOWN_OP, /"l"/);
  assertFails(csv('LM,1,B,100,5'), 2, OrderStreamProblem.UNKNOWN_OP, /"LM"/);
  assertFails(csv(',1,B,100,5'), 2, OrderStreamProblem.UNKNOWN_OP, /op ""/);
});

test('ids: integers, positive on limits and cancels, 0 on market orders', () => {
  assertFails(csv('L,1a,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /id "1a" is not an integer/);
  assertFails(csv('L,,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /id "" is not an integer/);
  assertFails(csv('L,0,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /id "0" must be positive/);
  assertFails(csv('L,-3,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /id "-3" must be positive/);
  assertFails(csv('L,+3,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /not an integer/);
  assertFails(csv('L,1.0,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /not an integer/);
  assertFails(csv('L,9007199254740992,B,100,5'), 2, OrderStreamProblem.INVALID_ID, /too large/);
  assertFails(csv('C,0,B,100,0'), 2, OrderStreamProblem.INVALID_ID, /must be positive/);
  assertFails(csv('M,5,B,0,5'), 2, OrderStreamProblem.INVALID_ID, /id "5" must be 0 for a market order/);
  assertFails(csv('M,,B,0,5'), 2, OrderStreamProblem.INVALID_ID, /must be 0/);
});

test('side: B or S', () => {
  for (const side of ['X', 'b', '', 'BS', ' B', 'Buy'])
    assertFails(csv(`L,1,${side},100,5`), 2, OrderStreamProblem.INVALID_SIDE, /is not B or S/);
});

test('prices: integers, positive on limits and cancels, 0 on market orders', () => {
  assertFails(csv('L,1,B,10a,5'), 2, OrderStreamProblem.INVALID_PRICE, /price "10a" is not an integer/);
  assertFails(csv('L,1,B,100.5,5'), 2, OrderStreamProblem.INVALID_PRICE, /not an integer/);
  assertFails(csv('L,1,B,0,5'), 2, OrderStreamProblem.INVALID_PRICE, /price "0" must be positive/);
  assertFails(
    csv('L,1,B,1,5', 'C,1,B,,0'),
    3,
    OrderStreamProblem.INVALID_PRICE,
    /price "" is not an integer/,
  );
  assertFails(csv('M,0,S,100,5'), 2, OrderStreamProblem.INVALID_PRICE, /must be 0 for a market order/);
});

test('quantities: positive integers on limits and market orders, 0 on cancels', () => {
  assertFails(csv('L,1,B,100,0'), 2, OrderStreamProblem.INVALID_QUANTITY, /qty "0" must be positive/);
  assertFails(csv('L,1,B,100,5x'), 2, OrderStreamProblem.INVALID_QUANTITY, /qty "5x" is not an integer/);
  assertFails(csv('L,1,B,100, 5'), 2, OrderStreamProblem.INVALID_QUANTITY, /not an integer/);
  assertFails(csv('M,0,B,0,'), 2, OrderStreamProblem.INVALID_QUANTITY, /not an integer/);
  assertFails(
    csv('L,1,B,100,5', 'C,1,B,100,5'),
    3,
    OrderStreamProblem.INVALID_QUANTITY,
    /must be 0 for a cancel/,
  );
  assertFails(csv('L,1,B,100,5\rx'), 2, OrderStreamProblem.INVALID_QUANTITY, /not an integer/);
});

test('limit ids increase; a cancel names an earlier limit id', () => {
  assertFails(
    csv('L,5,B,100,5', 'L,5,B,100,5'),
    3,
    OrderStreamProblem.ID_NOT_INCREASING,
    /id 5 is not above .* 5/,
  );
  assertFails(csv('L,5,B,100,5', 'L,4,B,100,5'), 3, OrderStreamProblem.ID_NOT_INCREASING);
  assertFails(csv('L,5,B,100,5', 'C,6,B,100,0'), 3, OrderStreamProblem.UNKNOWN_ORDER, /cancel of order 6/);
  assertFails(csv('C,1,B,100,0'), 2, OrderStreamProblem.UNKNOWN_ORDER);
  // Gaps are fine, and a cancel may name any earlier id (whether it still rests is the book's call).
  assert.equal(parse(csv('L,2,B,100,5', 'L,9,S,101,5', 'C,4,B,100,0')).length, 3);
});

test('the first problem wins, fields checked left to right', () => {
  assertFails(csv('L,1,B,100,5', 'L,x,Q,y,z'), 3, OrderStreamProblem.INVALID_ID);
  assertFails(csv('L,1,Q,y,z'), 2, OrderStreamProblem.INVALID_SIDE);
  assertFails(csv('L,1,B,y,z'), 2, OrderStreamProblem.INVALID_PRICE);
});

// ---- against a plain reference reader -----------------------------------------------------

/** What the format says, written the obvious way: the outcome for a text, as rows or a code. */
function referenceRead(text: string): { rows: number[][] } | { code: string; line: number } {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const clean = lines.map((l) => l.replace(/\r$/, ''));
  if (clean[0] !== ORDER_STREAM_HEADER) return { code: 'WRONG_HEADER', line: 1 };
  let lastData = clean.length - 1;
  while (lastData > 0 && clean[lastData] === '') lastData--;
  const out: number[][] = [];
  let maxId = 0;
  for (let i = 1; i <= lastData; i++) {
    const line = i + 1;
    const fail = (code: string) => ({ code, line });
    if (clean[i] === '') return fail('BLANK_LINE');
    const f = clean[i].split(',');
    if (f.length !== 5) return fail('WRONG_FIELD_COUNT');
    const [op, idText, side, priceText, qtyText] = f;
    if (!['L', 'C', 'M'].includes(op)) return fail('UNKNOWN_OP');
    const num = (s: string) => (/^\d+$/.test(s) && Number(s) <= Number.MAX_SAFE_INTEGER ? Number(s) : -1);
    const [id, price, qty] = [num(idText), num(priceText), num(qtyText)];
    if (op === 'M' ? id !== 0 : id < 1) return fail('INVALID_ID');
    if (side !== 'B' && side !== 'S') return fail('INVALID_SIDE');
    if (op === 'M' ? price !== 0 : price < 1) return fail('INVALID_PRICE');
    if (op === 'C' ? qty !== 0 : qty < 1) return fail('INVALID_QUANTITY');
    if (op === 'L' && id <= maxId) return fail('ID_NOT_INCREASING');
    if (op === 'C' && id > maxId) return fail('UNKNOWN_ORDER');
    if (op === 'L') maxId = id;
    out.push([{ L: 0, C: 1, M: 2 }[op]!, id, side === 'B' ? 0 : 1, price, qty]);
  }
  return { rows: out };
}

function outcome(text: string): { rows: number[][] } | { code: string; line: number } {
  try {
    return { rows: rows(parse(text)) };
  } catch (error) {
    if (!(error instanceof OrderStreamError)) throw error;
    return { code: error.code, line: error.location.line! };
  }
}

/** A line that is usually well-formed and sometimes slightly off, from the characters that matter. */
const lineArb = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom('L', 'C', 'M') },
    { weight: 1, arbitrary: fc.constantFrom('X', '', 'LL') },
  )
  .chain((op) =>
    fc
      .tuple(
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 30 }).map(String) },
          { weight: 1, arbitrary: fc.constantFrom('', '-1', '1a', '9007199254740993', '0007') },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom('B', 'S') },
          { weight: 1, arbitrary: fc.constantFrom('', 'X', 'BB') },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }).map(String) },
          { weight: 1, arbitrary: fc.constantFrom('', '1.5', '12345678901234567') },
        ),
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }).map(String) },
          { weight: 1, arbitrary: fc.constantFrom('', ' 1', '1\r') },
        ),
        fc.oneof(
          { weight: 12, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: fc.constantFrom(',', ',1') },
        ),
      )
      .map(([id, side, price, qty, extra]) => `${op},${id},${side},${price},${qty}${extra}`),
  );

test('property: the fast parser and a plain reference reader agree (rows, or the code and line of the first problem)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof({ weight: 30, arbitrary: lineArb }, { weight: 1, arbitrary: fc.constant('') }), {
        maxLength: 12,
      }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      (lines, eol, finalNewline) => {
        const text = [ORDER_STREAM_HEADER, ...lines].join(eol) + (finalNewline ? eol : '');
        assert.deepEqual(outcome(text), referenceRead(text));
      },
    ),
    { numRuns: 2000 },
  );
});

test('property: valid streams round-trip through their text', () => {
  const op = fc.record({
    kind: fc.constantFrom('L', 'C', 'M'),
    side: fc.constantFrom('B', 'S'),
    price: fc.integer({ min: 1, max: 2 ** 40 }),
    qty: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    gap: fc.integer({ min: 1, max: 1000 }),
  });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 50 }), (ops) => {
      let id = 0;
      const want: number[][] = [];
      const lines: string[] = [];
      for (const o of ops) {
        const side = o.side === 'B' ? 0 : 1;
        if (o.kind === 'L' || id === 0) {
          id += o.gap;
          lines.push(`L,${id},${o.side},${o.price},${o.qty}`);
          want.push([0, id, side, o.price, o.qty]);
        } else if (o.kind === 'C') {
          const target = Math.max(1, id - o.gap);
          lines.push(`C,${target},${o.side},${o.price},0`);
          want.push([1, target, side, o.price, 0]);
        } else {
          lines.push(`M,0,${o.side},0,${o.qty}`);
          want.push([2, 0, side, 0, o.qty]);
        }
      }
      const stream = parse(csv(...lines));
      assert.deepEqual(rows(stream), want);
      assert.equal(stream.limits + stream.cancels + stream.markets, stream.length);
    }),
  );
});
