/**
 * Lossless JSON text for journal records.
 *
 * Plain JSON loses what matters most in a trading journal: `Price` and `Quantity` serialize to
 * decimal strings (their `toJSON`), which come back as strings, and `Money` to an object that
 * forgets its class. Here every Price, Quantity and Money, wherever it sits in a plain object or
 * array, is written as a small tagged object holding the raw integer and the precision (and the
 * currency code), and read back into the same class with the same raw and precision:
 *
 * ```text
 * Price    → {"$":"P","r":5012345,"p":2}
 * Quantity → {"$":"Q","r":150000,"p":5}
 * Money    → {"$":"M","r":-1234,"c":"USDT","p":8}
 * ```
 *
 * The tag key is exactly `$`. So that a plain object of the caller's can never be mistaken for a
 * tag, every key that starts with `$` gains one more `$` when written and loses it when read
 * (`$` → `$$`, `$$x` → `$$$x`). Currencies are plain `{ code, precision }` objects and need no tag.
 *
 * The codec is generic: it walks any value, so a new event type made of the same value types
 * needs no change here. What it refuses, because JSON would silently lose it, is a bug and throws:
 * non-finite numbers, bigint, functions, symbols, `undefined` inside arrays, and class instances
 * other than the three value types (a Map, a Date, an Order). `undefined` object properties are
 * omitted, as for an optional field that is absent; `-0` is written as `0`.
 */
import { InvariantError } from '../core/assert.js';
import { MAX_PRECISION } from '../model/types/fixed-point.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { JournalCorruptError } from './journal-corrupt-error.js';
import {
  isRecordKind,
  RECORD_FIELDS,
  recordTime,
  type FieldCheck,
  type JournalRecord,
} from './journal-record.js';

const DOLLAR = 36; // '$'

/** A record ready for its row: kind and time as columns, the whole record as JSON text. */
export interface EncodedRecord {
  readonly kind: string;
  readonly tsUs: number;
  readonly payload: string;
}

/** JSON text of any journalable value (see the module comment for what is journalable). */
export function encodeValue(value: unknown): string {
  return encode(value, 'the value');
}

/** The value whose JSON text {@link encodeValue} wrote; throws on malformed text or unknown tags. */
export function decodeValue(text: string): unknown {
  return revive(JSON.parse(text));
}

/**
 * A record's row. Throws (a bug in the caller) when the kind is unknown, a required field is
 * missing or of the wrong type, or a value cannot be journaled.
 */
export function encodeRecord(record: JournalRecord): EncodedRecord {
  const kind = (record as { type?: unknown }).type;
  if (typeof kind !== 'string' || !isRecordKind(kind)) {
    throw new InvariantError(`cannot journal a record of unknown kind ${JSON.stringify(kind)}`);
  }
  const problem = checkFields(record);
  if (problem !== undefined) throw new InvariantError(`cannot journal ${kind}: ${problem}`);
  return { kind, tsUs: recordTime(record), payload: encodeValue(record) };
}

/**
 * The record of a stored row. The payload must parse, carry the row's kind as its `type`, be of a
 * kind this build knows, and have every required field; otherwise a {@link JournalCorruptError}
 * naming `seq`.
 */
export function decodeRecord(seq: number, kind: string, payload: string): JournalRecord {
  if (!isRecordKind(kind)) throw new JournalCorruptError(seq, `unknown record kind "${kind}"`);
  let value: unknown;
  try {
    value = decodeValue(payload);
  } catch (error) {
    throw new JournalCorruptError(seq, `${kind} payload does not decode: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JournalCorruptError(seq, `${kind} payload is not an object`);
  }
  const type = (value as { type?: unknown }).type;
  if (type !== kind) {
    throw new JournalCorruptError(seq, `row kind ${kind} but payload type ${JSON.stringify(type)}`);
  }
  const record = value as JournalRecord;
  const problem = checkFields(record);
  if (problem !== undefined) throw new JournalCorruptError(seq, `${kind}: ${problem}`);
  return record;
}

/** The first required field of `record` that is missing or of the wrong type, described. */
function checkFields(record: JournalRecord): string | undefined {
  const fields = RECORD_FIELDS[record.type];
  const values = record as unknown as Record<string, unknown>;
  for (const field in fields) {
    const check = fields[field];
    if (!passes(values[field], check))
      return `field ${field} must be ${check}, got ${describe(values[field])}`;
  }
  return undefined;
}

function passes(value: unknown, check: FieldCheck): boolean {
  switch (check) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'price':
      return value instanceof Price;
    case 'quantity':
      return value instanceof Quantity;
    case 'money':
      return value instanceof Money;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'order-spec': {
      if (typeof value !== 'object' || value === null) return false;
      const spec = value as Record<string, unknown>;
      return (
        typeof spec.instrumentId === 'string' &&
        typeof spec.side === 'string' &&
        typeof spec.type === 'string' &&
        spec.quantity instanceof Quantity
      );
    }
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}

/**
 * The JSON text of `value`, written by hand rather than by JSON.stringify with a replacer: the
 * replacer forces JSON.stringify off its fast path (1.8× slower than this on an OrderFilled;
 * this is as fast as a plain JSON.stringify, which would lose the values), and the journal's
 * budget is 20 µs an event, commit included. `where` names the position for error messages.
 */
function encode(value: unknown, where: string): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new InvariantError(`cannot journal ${value} (at ${where})`);
      // String(-0) is "0", like JSON.stringify; every other finite double prints exactly.
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new InvariantError(`cannot journal a ${typeof value} (at ${where})`);
  }
  if (value === null) return 'null';
  if (value instanceof Price) return `{"$":"P","r":${value.raw},"p":${value.precision}}`;
  if (value instanceof Quantity) return `{"$":"Q","r":${value.raw},"p":${value.precision}}`;
  if (value instanceof Money) {
    const { code, precision } = value.currency;
    return `{"$":"M","r":${value.raw},"c":${JSON.stringify(code)},"p":${precision}}`;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined)
        throw new InvariantError(`cannot journal undefined inside an array (at ${where}[${i}])`);
      text += (i === 0 ? '' : ',') + encode(item, where);
    }
    return text + ']';
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new InvariantError(`cannot journal a ${name} (at ${where}): only plain objects, arrays and values`);
  }
  let text = '{';
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const item = object[key];
    if (item === undefined) continue;
    text += (text.length === 1 ? '' : ',') + quotedKey(key) + ':' + encode(item, key);
  }
  return text + '}';
}

/** Keys seen so far, quoted and escaped: records repeat the same few dozen keys. */
const quotedKeys = new Map<string, string>();
/** Bound on {@link quotedKeys}: free-form snapshots may key objects by ids without end. */
const MAX_QUOTED_KEYS = 4_096;

/** `key` as JSON text, with one more `$` if it starts with `$`. */
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key.charCodeAt(0) === DOLLAR ? '$' + key : key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Turns parsed JSON back into values, in place (the tree is fresh from JSON.parse): tagged
 * objects become Price/Quantity/Money, escaped keys lose their extra `$`.
 */
function revive(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  const object = value as Record<string, unknown>;
  // JSON.parse makes every key an own property, and no JSON value is undefined.
  if (object.$ !== undefined) return fromTag(object);
  let escaped = false;
  for (const key in object) {
    const item = object[key];
    if (typeof item === 'object' && item !== null) object[key] = revive(item);
    if (key.charCodeAt(0) === DOLLAR) escaped = true;
  }
  return escaped ? unescapeKeys(object) : object;
}

/** A copy of `object` in which every `$`-key loses its escaping `$`. */
function unescapeKeys(object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    const name = key.charCodeAt(0) === DOLLAR ? key.slice(1) : key;
    // defineProperty: a key named "__proto__" must stay an own property, not set the prototype.
    Object.defineProperty(copy, name, { value: item, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function fromTag(tag: Record<string, unknown>): Price | Quantity | Money {
  const { $: kind, r: raw, p: precision } = tag;
  if (!Number.isSafeInteger(raw)) {
    throw new InvariantError(`value tag ${JSON.stringify(kind)}: raw is not a safe integer`);
  }
  if (!Number.isInteger(precision) || (precision as number) < 0 || (precision as number) > MAX_PRECISION) {
    throw new InvariantError(`value tag ${JSON.stringify(kind)}: precision must be 0..${MAX_PRECISION}`);
  }
  const r = raw as number;
  const p = precision as number;
  const keys = Object.keys(tag).length;
  if (kind === 'P' && keys === 3) return Price.fromRaw(r, p);
  if (kind === 'Q' && keys === 3) return Quantity.fromRaw(r, p);
  if (kind === 'M' && keys === 4 && typeof tag.c === 'string') {
    return Money.fromRaw(r, { code: tag.c, precision: p });
  }
  throw new InvariantError(`unknown value tag ${JSON.stringify(tag)}`);
}
