/**
 * The order-stream CSV (the matching replay format, `../shared/bench/ORDER-STREAM.md`), parsed
 * into columns of typed arrays: one entry per operation, no object or string per line, so that a
 * million operations cost a few megabytes and a replay loop reads plain numbers.
 *
 * ```
 * op,id,side,price,qty
 * L,<id>,<B|S>,<price>,<qty>   new GTC limit order; ids unique, ≥ 1, increasing
 * C,<id>,<B|S>,<price>,0       cancel of an order resting at that moment
 * M,0,<B|S>,0,<qty>            market order; what it cannot fill is dropped
 * ```
 */
import { InputError } from '../../core/input-error.js';

/** Operation codes of {@link OrderStream.ops}. */
export const StreamOp = { LIMIT: 0, CANCEL: 1, MARKET: 2 } as const;
export type StreamOp = (typeof StreamOp)[keyof typeof StreamOp];

/** Side codes of {@link OrderStream.sides}. */
export const StreamSide = { BUY: 0, SELL: 1 } as const;
export type StreamSide = (typeof StreamSide)[keyof typeof StreamSide];

/** The header line the format requires, exactly. */
export const ORDER_STREAM_HEADER = 'op,id,side,price,qty';

/**
 * A parsed order stream, operation `i` at index `i` of every column. Values are safe integers
 * (Float64Array holds every one exactly). Operation `i` is on line `i + 2` of its file
 * (see {@link lineOfOperation}).
 */
export interface OrderStream {
  /** Number of operations. */
  readonly length: number;
  /** {@link StreamOp} per operation. */
  readonly ops: Uint8Array;
  /** {@link StreamSide} per operation. */
  readonly sides: Uint8Array;
  /** Order id: the new order's (L), the canceled order's (C), 0 for market orders (M). */
  readonly ids: Float64Array;
  /** Limit price (L), the canceled order's price (C), 0 (M); ticks. */
  readonly prices: Float64Array;
  /** Quantity (L, M), 0 (C); lots. */
  readonly quantities: Float64Array;
  readonly limits: number;
  readonly cancels: number;
  readonly markets: number;
  /** Largest limit order id (0 without limit orders): ids above it are free for market orders. */
  readonly maxLimitId: number;
}

/** Stable codes of the problems {@link parseOrderStream} reports. */
export const OrderStreamProblem = {
  /** The file is empty or its first line is not {@link ORDER_STREAM_HEADER}. */
  WRONG_HEADER: 'WRONG_HEADER',
  /** A blank line before the last operation (blank lines may only end the file). */
  BLANK_LINE: 'BLANK_LINE',
  WRONG_FIELD_COUNT: 'WRONG_FIELD_COUNT',
  UNKNOWN_OP: 'UNKNOWN_OP',
  INVALID_ID: 'INVALID_ID',
  INVALID_SIDE: 'INVALID_SIDE',
  INVALID_PRICE: 'INVALID_PRICE',
  INVALID_QUANTITY: 'INVALID_QUANTITY',
  /** A limit order id not above the previous limit order's: ids must be unique and increasing. */
  ID_NOT_INCREASING: 'ID_NOT_INCREASING',
  /** A cancel of an id no earlier limit order had: it cannot be resting. */
  UNKNOWN_ORDER: 'UNKNOWN_ORDER',
} as const;
export type OrderStreamProblem = (typeof OrderStreamProblem)[keyof typeof OrderStreamProblem];

/**
 * A malformed order stream: the message names the file, the line and what is wrong, and ends
 * with the stable {@link OrderStreamProblem} code in brackets, e.g.
 * `orders.csv:17: price "10a" is not an integer [INVALID_PRICE]`.
 */
export class OrderStreamError extends InputError {
  constructor(
    readonly code: OrderStreamProblem,
    problem: string,
    file: string,
    line: number,
  ) {
    super(`${problem} [${code}]`, { file, line });
  }
}

/** The 1-based file line of operation `index` (the header is line 1; no blank line comes before an operation). */
export function lineOfOperation(index: number): number {
  return index + 2;
}

const LF = 10;
const CR = 13;
const COMMA = 44;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const CHAR_L = 76;
const CHAR_C = 67;
const CHAR_M = 77;
const CHAR_B = 66;
const CHAR_S = 83;
/** The fast path reads at most this many digits a field: 15 digits are always a safe integer. */
const FAST_DIGITS = 15;
/** {@link scanInteger}: the field is not an unsigned decimal integer. */
const NOT_AN_INTEGER = -1;
/** {@link scanInteger}: the field is an integer above `Number.MAX_SAFE_INTEGER`. */
const TOO_LARGE = -2;

/** The shortest operation line, `C,1,S,1,0` and its `\n`. */
const MIN_LINE_BYTES = 10;

const decoder = new TextDecoder();

/**
 * Parses an order-stream CSV from its bytes (UTF-8; a byte-order mark is ignored). Lines end in
 * `\n` or `\r\n`; blank lines may only end the file. Every field is checked: the op (`L`, `C`,
 * `M`), five fields a line, ids/prices/quantities unsigned decimal safe integers, positive where
 * the op needs a value and `0` where the format writes one (a market order's id and price, a
 * cancel's quantity), the side `B` or `S`. Limit ids must increase; a cancel must name an id an
 * earlier limit order had.
 *
 * @param file what to call the input in messages (usually its path)
 * @throws OrderStreamError (an InputError) at the first problem, naming `file`, the line and the code
 */
export function parseOrderStream(bytes: Uint8Array, file: string): OrderStream {
  const end = bytes.length;
  let pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const headerEnd = lineEnd(bytes, pos);
  const header = decoder.decode(bytes.subarray(pos, trimCr(bytes, pos, headerEnd)));
  if (header !== ORDER_STREAM_HEADER) {
    const found = header === '' ? 'an empty first line' : `"${shorten(header)}"`;
    throw new OrderStreamError(
      OrderStreamProblem.WRONG_HEADER,
      `expected the header "${ORDER_STREAM_HEADER}", found ${found}`,
      file,
      1,
    );
  }
  pos = headerEnd + 1;

  // An operation line takes at least MIN_LINE_BYTES, so this many always fit: no growing, and no
  // pass to count lines first (a pass over 18 MB costs about a third of the whole parse).
  const capacity = Math.floor(Math.max(0, end - pos) / MIN_LINE_BYTES) + 1;
  const ops = new Uint8Array(capacity);
  const sides = new Uint8Array(capacity);
  const ids = new Float64Array(capacity);
  const prices = new Float64Array(capacity);
  const quantities = new Float64Array(capacity);
  let count = 0;
  let limits = 0;
  let cancels = 0;
  let maxLimitId = 0;
  let line = 1;
  let firstBlankLine = 0;

  // Fast path: one pass that decodes a well-formed line as it scans it. Anything it does not
  // expect (a bad byte, a number of more than 15 digits, a value the op does not allow) sends the
  // line to `readLineCarefully`, which reports what is wrong or, for a long but valid number,
  // reads it.
  while (pos < end) {
    line++;
    const start = pos;
    let b = bytes[pos];
    if (b === LF || (b === CR && (pos + 1 === end || bytes[pos + 1] === LF))) {
      if (firstBlankLine === 0) firstBlankLine = line;
      pos += b === LF ? 1 : 2;
      continue;
    }
    if (firstBlankLine !== 0) {
      throw new OrderStreamError(
        OrderStreamProblem.BLANK_LINE,
        'blank line in the middle of the data (only allowed at the end of the file)',
        file,
        firstBlankLine,
      );
    }

    let ok = bytes[pos + 1] === COMMA;
    let op: number =
      b === CHAR_L ? StreamOp.LIMIT : b === CHAR_C ? StreamOp.CANCEL : b === CHAR_M ? StreamOp.MARKET : -1;
    pos += 2;

    let from = pos;
    let id = 0;
    while ((b = bytes[pos]) >= DIGIT_0 && b <= DIGIT_9) {
      id = id * 10 + (b - DIGIT_0);
      pos++;
    }
    ok = ok && b === COMMA && pos > from && pos - from <= FAST_DIGITS;

    let side = bytes[pos + 1];
    ok = ok && (side === CHAR_B || side === CHAR_S) && bytes[pos + 2] === COMMA;
    pos += 3;

    from = pos;
    let price = 0;
    while ((b = bytes[pos]) >= DIGIT_0 && b <= DIGIT_9) {
      price = price * 10 + (b - DIGIT_0);
      pos++;
    }
    ok = ok && b === COMMA && pos > from && pos - from <= FAST_DIGITS;
    pos++;

    from = pos;
    let quantity = 0;
    while ((b = bytes[pos]) >= DIGIT_0 && b <= DIGIT_9) {
      quantity = quantity * 10 + (b - DIGIT_0);
      pos++;
    }
    ok = ok && pos > from && pos - from <= FAST_DIGITS;
    if (b === LF) pos++;
    else if (b === CR && (pos + 1 === end || bytes[pos + 1] === LF)) pos += 2;
    else ok = ok && pos >= end;

    if (op === StreamOp.LIMIT) ok = ok && id > maxLimitId && price >= 1 && quantity >= 1;
    else if (op === StreamOp.CANCEL) ok = ok && id >= 1 && id <= maxLimitId && price >= 1 && quantity === 0;
    else ok = ok && op === StreamOp.MARKET && id === 0 && price === 0 && quantity >= 1;
    if (!ok) {
      const careful = readLineCarefully(bytes, start, maxLimitId, file, line);
      op = careful.op;
      id = careful.id;
      side = careful.side;
      price = careful.price;
      quantity = careful.quantity;
      pos = careful.next;
    }

    if (op === StreamOp.LIMIT) {
      maxLimitId = id;
      limits++;
    } else if (op === StreamOp.CANCEL) {
      cancels++;
    }
    ops[count] = op;
    sides[count] = side === CHAR_B ? StreamSide.BUY : StreamSide.SELL;
    ids[count] = id;
    prices[count] = price;
    quantities[count] = quantity;
    count++;
  }

  // Copies of exact size, so the stream does not hold on to the over-allocated columns.
  return {
    length: count,
    ops: ops.slice(0, count),
    sides: sides.slice(0, count),
    ids: ids.slice(0, count),
    prices: prices.slice(0, count),
    quantities: quantities.slice(0, count),
    limits,
    cancels,
    markets: count - limits - cancels,
    maxLimitId,
  };
}

/** One operation line, read by {@link readLineCarefully}. */
interface LineFields {
  readonly op: StreamOp;
  readonly id: number;
  /** The side's byte (`B` or `S`). */
  readonly side: number;
  readonly price: number;
  readonly quantity: number;
  /** Where the next line starts. */
  readonly next: number;
}

/**
 * The careful reading of one line the fast path refused: checks the fields one by one, in order,
 * and throws the error for the first problem; a line without one (a number too long for the fast
 * path) is returned read. `maxLimitId` is the largest limit id before the line.
 */
function readLineCarefully(
  bytes: Uint8Array,
  start: number,
  maxLimitId: number,
  file: string,
  line: number,
): LineFields {
  const problem = (code: OrderStreamProblem, text: string): OrderStreamError =>
    new OrderStreamError(code, text, file, line);
  const end = lineEnd(bytes, start);
  const stop = trimCr(bytes, start, end);
  const commas: number[] = [];
  for (let i = start; i < stop; i++) if (bytes[i] === COMMA) commas.push(i);
  if (commas.length !== 4) {
    throw problem(
      OrderStreamProblem.WRONG_FIELD_COUNT,
      `wrong number of fields: expected 5 (${ORDER_STREAM_HEADER}), found ${commas.length + 1}`,
    );
  }
  const [c0, c1, c2, c3] = commas;

  const opByte = c0 - start === 1 ? bytes[start] : 0;
  if (opByte !== CHAR_L && opByte !== CHAR_C && opByte !== CHAR_M) {
    throw problem(
      OrderStreamProblem.UNKNOWN_OP,
      `unknown op "${text(bytes, start, c0)}": expected L (limit), C (cancel) or M (market)`,
    );
  }
  const market = opByte === CHAR_M;
  const cancel = opByte === CHAR_C;

  const id = scanInteger(bytes, c0 + 1, c1);
  if (market ? id !== 0 : id < 1) {
    throw problem(
      OrderStreamProblem.INVALID_ID,
      market ? mustBeZero('id', bytes, c0 + 1, c1) : notPositive('id', bytes, c0 + 1, c1, id),
    );
  }
  const sideByte = c2 - c1 === 2 ? bytes[c1 + 1] : 0;
  if (sideByte !== CHAR_B && sideByte !== CHAR_S) {
    throw problem(OrderStreamProblem.INVALID_SIDE, `side "${text(bytes, c1 + 1, c2)}" is not B or S`);
  }
  const price = scanInteger(bytes, c2 + 1, c3);
  if (market ? price !== 0 : price < 1) {
    throw problem(
      OrderStreamProblem.INVALID_PRICE,
      market ? mustBeZero('price', bytes, c2 + 1, c3) : notPositive('price', bytes, c2 + 1, c3, price),
    );
  }
  const quantity = scanInteger(bytes, c3 + 1, stop);
  if (cancel ? quantity !== 0 : quantity < 1) {
    throw problem(
      OrderStreamProblem.INVALID_QUANTITY,
      cancel ? mustBeZero('qty', bytes, c3 + 1, stop) : notPositive('qty', bytes, c3 + 1, stop, quantity),
    );
  }
  if (opByte === CHAR_L && id <= maxLimitId) {
    throw problem(
      OrderStreamProblem.ID_NOT_INCREASING,
      `limit order id ${id} is not above the previous limit order's id ${maxLimitId} (ids are unique and increasing)`,
    );
  }
  if (cancel && id > maxLimitId) {
    throw problem(
      OrderStreamProblem.UNKNOWN_ORDER,
      `cancel of order ${id}, which no earlier limit order placed`,
    );
  }
  const op = market ? StreamOp.MARKET : cancel ? StreamOp.CANCEL : StreamOp.LIMIT;
  return { op, id, side: sideByte, price, quantity, next: end + 1 };
}

/** Index of the `\n` ending the line that starts at `from`, or the end of the input. */
function lineEnd(bytes: Uint8Array, from: number): number {
  const at = bytes.indexOf(LF, from);
  return at < 0 ? bytes.length : at;
}

/** `to`, moved back over one `\r` that ends the line. */
function trimCr(bytes: Uint8Array, from: number, to: number): number {
  return to > from && bytes[to - 1] === CR ? to - 1 : to;
}

/** The unsigned decimal integer in bytes [from, to), {@link NOT_AN_INTEGER} or {@link TOO_LARGE}. */
function scanInteger(bytes: Uint8Array, from: number, to: number): number {
  if (from >= to) return NOT_AN_INTEGER;
  let value = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i];
    if (b < DIGIT_0 || b > DIGIT_9) return NOT_AN_INTEGER;
    value = value * 10 + (b - DIGIT_0);
  }
  // Once above 2^53 the sum is inexact, but it only grows: anything unsafe stays above the limit.
  return value <= Number.MAX_SAFE_INTEGER ? value : TOO_LARGE;
}

function text(bytes: Uint8Array, from: number, to: number): string {
  return shorten(decoder.decode(bytes.subarray(from, to)));
}

function shorten(value: string): string {
  return value.length > 40 ? value.slice(0, 40) + '…' : value;
}

function notPositive(name: string, bytes: Uint8Array, from: number, to: number, value: number): string {
  const shown = text(bytes, from, to);
  if (value === TOO_LARGE) return `${name} "${shown}" is too large (above 2^53 − 1)`;
  if (value === NOT_AN_INTEGER && !/^-\d+$/.test(shown)) return `${name} "${shown}" is not an integer`;
  return `${name} "${shown}" must be positive (at least 1)`;
}

/** `0` is the only value the format allows in this field for this op. */
function mustBeZero(name: string, bytes: Uint8Array, from: number, to: number): string {
  const op = name === 'qty' ? 'a cancel' : 'a market order';
  return `${name} "${text(bytes, from, to)}" must be 0 for ${op}`;
}
