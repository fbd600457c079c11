/**
 * Reads instrument definitions (tick size, lot size, currency, multiplier) from a JSON file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../core/input-error.js';
import { parseInstrumentId, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { parseDecimal } from '../../model/types/fixed-point.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/** A positive decimal, best written as a string (`"0.01"`); plain JSON numbers are accepted too. */
const positiveDecimal = z
  .union([z.string(), z.number()], { error: 'expected a decimal string like "0.01"' })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    const parsed = parseDecimal(text);
    if (typeof parsed === 'string' || parsed.raw <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a positive decimal string like "0.01", got ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return parsed;
  });

const entrySchema = z.strictObject({
  id: z.string({ error: 'expected a string SYMBOL.VENUE' }).refine((text) => parseInstrumentId(text).ok, {
    error: 'expected SYMBOL.VENUE (letters, digits, _ - /)',
  }),
  tickSize: positiveDecimal,
  lotSize: positiveDecimal.optional(),
  currency: z
    .string({ error: 'expected a currency code like "USD"' })
    .regex(/^[A-Za-z0-9]{2,12}$/, { error: 'expected a currency code like "USD"' })
    .optional(),
  multiplier: z
    .number({ error: 'expected a positive number' })
    .positive({ error: 'expected a positive number' })
    .max(1e9, { error: 'expected at most 1e9' })
    .optional(),
  /** Free text for humans; ignored. */
  description: z.string().optional(),
});

const fileSchema = z.array(entrySchema, { error: 'expected a JSON array of instruments' });

/**
 * Reads a JSON file of instruments:
 *
 * ```json
 * [{ "id": "AAPL.XNAS", "tickSize": "0.01", "lotSize": "1", "currency": "USD", "multiplier": 1 }]
 * ```
 *
 * `id` and `tickSize` are required; `lotSize` defaults to `"1"`, `currency` to `"USD"`,
 * `multiplier` to 1; an optional `description` is ignored; any other key is an error (to catch
 * typos). Sizes are read exactly: write them as strings. The tick size's number of decimals is the
 * instrument's price precision (`"0.010"` means 3 decimals on a 0.01 grid).
 *
 * @throws InputError naming the file, the entry index and the field
 */
export function readInstrumentsFile(path: string): Map<InstrumentId, Instrument> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new InputError(`cannot read instruments: ${why}`, { file: path });
  }
  return parseInstrumentsJson(text, path);
}

/** Parses the text of an instruments file; see {@link readInstrumentsFile}. */
export function parseInstrumentsJson(text: string, fileName: string): Map<InstrumentId, Instrument> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    if (position === null) throw new InputError(`invalid JSON: ${message}`, { file: fileName });
    const line = source.slice(0, Number(position[1])).split('\n').length;
    throw new InputError(`invalid JSON: ${message}`, { file: fileName, line });
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues;
    const described = issues.slice(0, 5).map((issue) => describeIssue(issue, json));
    if (issues.length > 5) described.push(`and ${issues.length - 5} more problem(s)`);
    throw new InputError(described.join('; '), { file: fileName });
  }

  const instruments = new Map<InstrumentId, Instrument>();
  const indexOf = new Map<string, number>();
  result.data.forEach((entry, index) => {
    const id = entry.id as InstrumentId;
    const previous = indexOf.get(id);
    if (previous !== undefined) {
      throw new InputError(`entry ${index} (${id}): duplicate id, already defined by entry ${previous}`, {
        file: fileName,
      });
    }
    indexOf.set(id, index);
    const lot = entry.lotSize ?? { raw: 1, precision: 0 };
    instruments.set(id, {
      id,
      tickSize: Price.fromRaw(entry.tickSize.raw, entry.tickSize.precision),
      lotSize: Quantity.fromRaw(lot.raw, lot.precision),
      quoteCurrency: currency(entry.currency ?? 'USD'),
      multiplier: entry.multiplier ?? 1,
    });
  });
  return instruments;
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  const [index, ...rest] = issue.path;
  if (typeof index !== 'number') return issue.message;
  const entry = Array.isArray(json) ? (json[index] as unknown) : undefined;
  const id =
    typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string'
      ? ` (${(entry as { id: string }).id})`
      : '';
  const field = rest.length > 0 ? ` field ${rest.map(String).join('.')}` : '';
  return `entry ${index}${id}${field}: ${issue.message}`;
}
